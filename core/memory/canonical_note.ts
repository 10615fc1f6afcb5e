/**
 * The canonical note an approved proposal becomes: the body under a
 * frontmatter block of `type: long`, `parent: AGENTS.md`, the title as
 * `description`, the proposal id as `source_candidate` and the keywords.
 *
 * @module
 */

/** A string YAML reads back unchanged without quotes (else it is double-quoted). */
function yamlScalar(value: string): string {
  const plain = /^[A-Za-z0-9][A-Za-z0-9 _.,()\/+'-]*$/.test(value) && !value.endsWith(" ") &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.eE+-]*)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** The canonical note text for an approved proposal. */
export function canonicalNoteText(
  proposalId: string,
  title: string,
  keywords: readonly string[],
  body: string,
): string {
  const lines = [
    "---",
    "type: long",
    "parent: AGENTS.md",
    `description: ${yamlScalar(title.replace(/\s+/g, " ").trim())}`,
    `source_candidate: ${proposalId}`,
  ];
  if (keywords.length > 0) {
    lines.push("keywords:", ...keywords.map((k) => `  - ${JSON.stringify(k)}`));
  }
  lines.push("---", "", body);
  const text = lines.join("\n");
  return text.endsWith("\n") ? text : `${text}\n`;
}
