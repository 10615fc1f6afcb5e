/**
 * Splitting a prompt or xprompt body into its `---`-separated segments (one
 * agent each). Kept apart from front matter parsing so the launch path loads
 * no YAML parser for prompts without front matter.
 *
 * @module
 */

/** The opening `---` line of YAML front matter. */
export const FRONT_MATTER_OPEN = /^---[ \t]*\r?\n/;

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
