/**
 * YAML front matter of xprompt files and prompts (segment splitting, which
 * needs no YAML, is in `segments.ts`).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { parseYamlText } from "../yaml/untrusted.ts";
import { FRONT_MATTER_OPEN } from "./segments.ts";

/** A document split into its front matter (parsed) and body. */
export interface FrontMatterDoc {
  data: Record<string, unknown> | undefined;
  body: string;
  /** 1-based line of the first body line in the original text. */
  bodyLine: number;
}

/** Split leading `---` front matter from `text`; `where` names the file in errors. */
export function splitFrontMatter(text: string, where: string): FrontMatterDoc {
  if (!FRONT_MATTER_OPEN.test(text)) return { data: undefined, body: text, bodyLine: 1 };
  const afterOpen = text.replace(FRONT_MATTER_OPEN, "");
  const close = /^---[ \t]*$/m.exec(afterOpen);
  if (!close) return { data: undefined, body: text, bodyLine: 1 };
  const yamlText = afterOpen.slice(0, close.index);
  const data = parseYamlText(yamlText, where, {
    code: "xprompt.frontmatter",
    firstLine: 2,
    what: "YAML front matter",
    hint: `fix the YAML front matter between the '---' lines of ${where}`,
  }).value ?? {};
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    throw new SaseError("xprompt.frontmatter", `${where}:2: front matter must be a YAML mapping`, {
      kind: "invalid-data",
    });
  }
  const rest = afterOpen.slice(close.index + close[0].length).replace(/^\r?\n/, "");
  const bodyLine = text.slice(0, text.length - rest.length).split("\n").length;
  return { data: data as Record<string, unknown>, body: rest, bodyLine };
}
