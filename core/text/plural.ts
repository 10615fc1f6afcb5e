/**
 * Counted nouns for human output: "1 check", "2 checks", "0 matches".
 *
 * @module
 */

/** `count` followed by `singular`, or by `pluralForm` (default `singular + "s"`) unless it is 1. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
