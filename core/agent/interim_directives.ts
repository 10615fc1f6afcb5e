/**
 * INTERIM: the only directive `sase run` understands until the XPrompt
 * launch plan is wired in: a leading `%model:<value>` or `%m:<value>`.
 * Replace this file's single use in `cli/run.ts` with the launch plan.
 *
 * @module
 */

/** The prompt with a leading model directive split off. */
export interface InterimDirectives {
  model?: string;
  prompt: string;
}

const LEADING_MODEL = /^\s*%(?:model|m):(\S+)[ \t]*\n?/;

/** Split a leading `%model:`/`%m:` directive off `prompt`. */
export function parseInterimDirectives(prompt: string): InterimDirectives {
  const match = LEADING_MODEL.exec(prompt);
  if (!match) return { prompt };
  return { model: match[1], prompt: prompt.slice(match[0].length) };
}
