/**
 * YAML front matter of xprompt files and prompts, and `---` segment splitting.
 *
 * @module
 */

import { parse as parseYaml, YAMLParseError } from "yaml";
import { SaseError } from "../errors.ts";

/** A document split into its front matter (parsed) and body. */
export interface FrontMatterDoc {
  data: Record<string, unknown> | undefined;
  body: string;
  /** 1-based line of the first body line in the original text. */
  bodyLine: number;
}

const OPEN = /^---[ \t]*\r?\n/;

/** Split leading `---` front matter from `text`; `where` names the file in errors. */
export function splitFrontMatter(text: string, where: string): FrontMatterDoc {
  if (!OPEN.test(text)) return { data: undefined, body: text, bodyLine: 1 };
  const afterOpen = text.replace(OPEN, "");
  const close = /^---[ \t]*$/m.exec(afterOpen);
  if (!close) return { data: undefined, body: text, bodyLine: 1 };
  const yamlText = afterOpen.slice(0, close.index);
  let data: unknown;
  try {
    data = parseYaml(yamlText) ?? {};
  } catch (error) {
    const line = error instanceof YAMLParseError ? (error.linePos?.[0]?.line ?? 0) + 1 : 2;
    throw new SaseError(
      "xprompt.frontmatter",
      `${where}:${line}: invalid YAML front matter: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    throw new SaseError("xprompt.frontmatter", `${where}:2: front matter must be a YAML mapping`);
  }
  const rest = afterOpen.slice(close.index + close[0].length).replace(/^\r?\n/, "");
  const bodyLine = text.slice(0, text.length - rest.length).split("\n").length;
  return { data: data as Record<string, unknown>, body: rest, bodyLine };
}

/** Split a body on top-level `---` lines (not inside fenced blocks). */
export function splitSegments(body: string): string[] {
  const segments: string[] = [];
  let current: string[] = [];
  let fence = "";
  for (const line of body.split("\n")) {
    const fenceMatch = /^[ \t]*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1];
      else if (fenceMatch[1].startsWith(fence[0]) && fenceMatch[1].length >= fence.length) {
        fence = "";
      }
    }
    if (!fence && /^---[ \t]*$/.test(line)) {
      segments.push(current.join("\n"));
      current = [];
      continue;
    }
    current.push(line);
  }
  segments.push(current.join("\n"));
  return segments;
}

/** Whether a body has top-level `---` separators (a multi-agent body). */
export function hasSegmentSeparators(body: string): boolean {
  return splitSegments(body).length > 1;
}
