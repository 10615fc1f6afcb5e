/**
 * Workspace references (`#cd:`, `#git:`, `#gh:`, `#hg:`): recognised, kept
 * in the prompt and handed to the agent runtime, which resolves them.
 *
 * `#gh_sase` and `#gh@sase` are normalised to `#gh:sase` (outside code);
 * `@name` inside the ref (`#gh:@planner`) names another agent and is left
 * for the runtime.
 *
 * @module
 */

/** Workspace reference names. */
export const WORKSPACE_REF_NAMES: readonly string[] = ["cd", "git", "gh", "hg"];

/** A workspace reference found in a prompt. */
export interface WorkspaceRef {
  kind: string;
  ref: string;
  raw: string;
  /** `@name` agent reference, resolved at launch. */
  agent?: string;
}

const NAMES = WORKSPACE_REF_NAMES.join("|");
const UNDERSCORE = new RegExp(
  String.raw`(?<=^|[\s(\[{"'])#(${NAMES})(!!|\?\?)?[_@](?=[A-Za-z0-9@~./])`,
  "gm",
);
const REF = new RegExp(
  String.raw`(?<=^|[\s(\[{"'])#(${NAMES})(?:!!|\?\?)?(?::([^\s)]+)|\(([^)]*)\))`,
  "gm",
);

function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const re = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

/** Rewrite `#gh_x` / `#gh@x` to `#gh:x`, leaving code spans and fences alone. */
export function normalizeWorkspaceRefs(text: string): string {
  if (!text.includes("#")) return text;
  const ranges = codeRanges(text);
  return text.replace(
    UNDERSCORE,
    (match, name: string, hitl: string | undefined, offset: number) =>
      ranges.some(([start, end]) => offset >= start && offset < end)
        ? match
        : `#${name}${hitl ?? ""}:`,
  );
}

const EMPTY_REF = new RegExp(
  String.raw`(?<=^|[\s(\[{"'])#(${NAMES})(?:!!|\?\?)?(?::(?=[\s)]|$)|\(\s*\))`,
  "gm",
);

/**
 * The first workspace reference in `text` that names nothing (`#cd:` then
 * a space or the end, `#cd()`), outside code spans: typically a shell
 * variable that was unset when the prompt was written (`#cd:$DIR`).
 */
export function findEmptyWorkspaceRef(text: string): string | undefined {
  if (!text.includes("#")) return undefined;
  const ranges = codeRanges(text);
  EMPTY_REF.lastIndex = 0;
  for (let match = EMPTY_REF.exec(text); match; match = EMPTY_REF.exec(text)) {
    const at = match.index;
    if (!ranges.some(([start, end]) => at >= start && at < end)) return match[0];
  }
  return undefined;
}

/** Every workspace reference in `text`, in order. */
export function findWorkspaceRefs(text: string): WorkspaceRef[] {
  const refs: WorkspaceRef[] = [];
  REF.lastIndex = 0;
  for (let match = REF.exec(normalizeWorkspaceRefs(text)); match; match = REF.exec(text)) {
    const written = match[2] ?? match[3] ?? "";
    // Sentence punctuation after a reference is not part of it (`in #cd:/src.`),
    // but `#cd:.` and `#cd:..` are directories.
    const ref = /^\.+$/.test(written) ? written : written.replace(/[.,;]$/, "");
    const agent = /^@([\w.-]+)$/.exec(ref)?.[1];
    refs.push({ kind: match[1], ref, raw: match[0], ...(agent ? { agent } : {}) });
  }
  return refs;
}
