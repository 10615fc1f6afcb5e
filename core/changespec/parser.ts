/**
 * ProjectSpec parser: header metadata plus every ChangeSpec, with source
 * spans and warnings. It never throws on content: a malformed line becomes
 * a warning naming file, line and field, and the rest of the file loads.
 *
 * A spec starts at a col-0 `NAME:` line or a `## ChangeSpec` / `## Patch`
 * header and runs until the next one; NAME and STATUS are both required.
 *
 * @module
 */

import { HeaderParser } from "./header.ts";
import { projectSpecBasename } from "./paths.ts";
import {
  parseCommentsLine,
  parseCommitsLine,
  parseDeltasLine,
  parseHooksLine,
  parseMentorsLine,
  parseTimestampLine,
} from "./sections.ts";
import type { ChangeSpec, ParseWarning, ProjectHeader, ProjectSpecFile } from "./types.ts";

const SPEC_HEADER = /^##[ \t]+(ChangeSpec|Patch)\s*$/;
const FIELD = /^([A-Z][A-Z0-9_]*):(.*)$/;
/** Empty or whitespace only (what `trim()` would empty), tested without a copy. */
const BLANK = /^\s*$/;

/** Whether `line` is blank; a line starting with a printable ASCII character never is. */
function isBlank(line: string): boolean {
  const first = line.charCodeAt(0);
  return line === "" || (!(first > 0x20 && first < 0x7f) && BLANK.test(line));
}
const SCALARS = new Set(["NAME", "PARENT", "PR", "CL", "PR_ORIGIN", "BUG", "STATUS"]);
const BLOCKS: Readonly<Record<string, Section>> = {
  REFS: "REFS",
  COMMITS: "COMMITS",
  COMMITTS: "COMMITS",
  STITCHES: "COMMITS",
  HOOKS: "HOOKS",
  COMMENTS: "COMMENTS",
  MENTORS: "MENTORS",
  TIMESTAMPS: "TIMESTAMPS",
  DELTAS: "DELTAS",
};

type Section =
  | "DESCRIPTION"
  | "REFS"
  | "COMMITS"
  | "HOOKS"
  | "COMMENTS"
  | "MENTORS"
  | "TIMESTAMPS"
  | "DELTAS"
  | "EXTRA";

/** True for a `## ChangeSpec` (or `## Patch`) header line. */
export function isSpecHeaderLine(line: string): boolean {
  return SPEC_HEADER.test(line);
}

/** Value of a single-line field: null for `KEY:`, trimmed text otherwise. */
function scalarValue(rest: string): string | null {
  return rest === "" ? null : rest.trim();
}

class SpecBuilder {
  readonly spec: ChangeSpec;
  /** The fields seen so far (a spec has about ten, so a list beats a set). */
  readonly seen: string[] = [];
  section: Section | null = null;
  description: string[] = [];
  hasStatus = false;
  lastLine: number;

  constructor(
    file: string,
    project: string,
    header: ProjectHeader,
    line: number,
    head: number | null,
  ) {
    this.lastLine = line;
    this.spec = {
      name: "",
      description: "",
      parent: null,
      pr: null,
      prOrigin: "unknown",
      bug: null,
      status: "",
      refs: [],
      commits: [],
      hooks: [],
      comments: [],
      mentors: [],
      timestamps: [],
      deltas: null,
      extraFields: {},
      filePath: file,
      projectBasename: project,
      projectDisplayName: header.displayName,
      span: { startLine: line, endLine: line, headerLine: head },
    };
  }
}

/** Parse ProjectSpec `text` read from `path`. Pure: no I/O. */
export function parseProjectSpec(text: string, path: string): ProjectSpecFile {
  const warnings: ParseWarning[] = [];
  const project = projectSpecBasename(path);
  const headerParser = new HeaderParser(path, project, warnings);
  const specs: ChangeSpec[] = [];
  const names = new Set<string>();
  // A byte-order mark is not part of the first line (Windows editors add one).
  const lines = (text.startsWith("\uFEFF") ? text.slice(1) : text).split("\n");
  let current: SpecBuilder | null = null;
  let pendingHeader: number | null = null;
  let inHeader = true;

  const warn = (line: number, field: string | null, message: string) =>
    warnings.push({ file: path, line, field, message });

  const finish = () => {
    if (!current) return;
    const spec = current.spec;
    compactEntries(spec);
    spec.description = trimTrailingBlank(current.description).join("\n");
    spec.span.endLine = current.lastLine;
    if (spec.name === "") {
      warn(spec.span.startLine, "NAME", "ChangeSpec has an empty NAME; skipped");
    } else if (!current.hasStatus) {
      warn(spec.span.startLine, "STATUS", `ChangeSpec '${spec.name}' has no STATUS field; skipped`);
    } else {
      if (names.has(spec.name)) {
        warn(spec.span.startLine, "NAME", `duplicate ChangeSpec name '${spec.name}'`);
      }
      names.add(spec.name);
      specs.push(spec);
    }
    current = null;
  };

  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = lines[index].endsWith("\r") ? lines[index].slice(0, -1) : lines[index];
    if (line.startsWith("##") && SPEC_HEADER.test(line)) {
      finish();
      inHeader = false;
      pendingHeader = lineNo;
      continue;
    }
    if (line.startsWith("NAME:")) {
      finish();
      inHeader = false;
      current = new SpecBuilder(path, project, headerParser.header, lineNo, pendingHeader);
      pendingHeader = null;
      current.spec.name = line.slice(5).trim();
      current.seen.push("NAME");
      continue;
    }
    if (inHeader) {
      headerParser.feed(line, lineNo);
      continue;
    }
    if (isBlank(line)) {
      if (current?.section === "DESCRIPTION" && current.description.length > 0) {
        current.description.push("");
      }
      continue;
    }
    if (!current) {
      warn(lineNo, null, `line outside any ChangeSpec: ${truncate(line)}`);
      continue;
    }
    current.lastLine = lineNo;
    if (line[0] !== " " && line[0] !== "\t") {
      fieldLine(current, line, lineNo, warn);
      continue;
    }
    sectionLine(current, line, lineNo, warn);
  }
  finish();
  return { path, text, header: headerParser.header, specs, warnings };
}

type Warn = (line: number, field: string | null, message: string) => void;

function fieldLine(builder: SpecBuilder, line: string, lineNo: number, warn: Warn): void {
  builder.section = null;
  // Tested, then cut at the first colon (a key holds none): every field line of
  // every spec comes here, and a match object per line was a tenth of a parse's garbage.
  if (!FIELD.test(line)) {
    warn(lineNo, null, `malformed line in ChangeSpec '${builder.spec.name}': ${truncate(line)}`);
    return;
  }
  const colon = line.indexOf(":");
  const key = line.slice(0, colon);
  const rest = line.slice(colon + 1);
  const spec = builder.spec;
  const canonicalKey = key === "CL" ? "PR" : BLOCKS[key] ?? key;
  if (builder.seen.includes(canonicalKey)) {
    warn(lineNo, key, `duplicate ${key} field in ChangeSpec '${spec.name}'; last one wins`);
  }
  builder.seen.push(canonicalKey);
  if (key === "DESCRIPTION") {
    builder.section = "DESCRIPTION";
    builder.description = rest.trim() === "" ? [] : [rest.trim()];
    return;
  }
  if (SCALARS.has(key)) {
    const value = scalarValue(rest);
    if (key === "PARENT") spec.parent = value;
    else if (key === "PR" || key === "CL") spec.pr = value;
    else if (key === "PR_ORIGIN") spec.prOrigin = value || "unknown";
    else if (key === "BUG") spec.bug = value;
    else if (key === "STATUS") {
      spec.status = value ?? "";
      builder.hasStatus = spec.status !== "";
      if (!builder.hasStatus) warn(lineNo, "STATUS", `empty STATUS in ChangeSpec '${spec.name}'`);
    }
    return;
  }
  const block = BLOCKS[key];
  if (block) {
    builder.section = block;
    if (block === "DELTAS") spec.deltas = [];
    if (block === "REFS" && rest.trim() !== "") spec.refs.push(rest.trim());
    return;
  }
  spec.extraFields[key] = rest.trim();
  builder.section = "EXTRA";
}

function sectionLine(builder: SpecBuilder, line: string, lineNo: number, warn: Warn): void {
  const spec = builder.spec;
  let ok: boolean;
  switch (builder.section) {
    case "DESCRIPTION":
      builder.description.push(line.startsWith("  ") ? line.slice(2).trimEnd() : line.trim());
      if (builder.description.at(-1)!.trim() === "") {
        builder.description[builder.description.length - 1] = "";
      }
      return;
    case "EXTRA":
      return;
    case "REFS":
      spec.refs.push(line.trim());
      return;
    case "COMMITS":
      ok = parseCommitsLine(line, spec.commits);
      break;
    case "HOOKS":
      ok = parseHooksLine(line, spec.hooks);
      break;
    case "COMMENTS":
      ok = parseCommentsLine(line, spec.comments);
      break;
    case "MENTORS":
      ok = parseMentorsLine(line, spec.mentors);
      break;
    case "TIMESTAMPS": {
      const entry = parseTimestampLine(line);
      if (entry) spec.timestamps.push(entry);
      ok = entry !== null;
      break;
    }
    case "DELTAS":
      ok = parseDeltasLine(line, spec.deltas ??= []);
      break;
    default:
      warn(
        lineNo,
        null,
        `indented line outside a field block in '${spec.name}': ${truncate(line)}`,
      );
      return;
  }
  if (!ok) warn(lineNo, builder.section, `unrecognised ${builder.section} line: ${truncate(line)}`);
}

/**
 * Replace the entry lists a spec grew line by line with exact-size copies.
 * A list grown by `push` keeps room for about 16 more entries; a parse of
 * thousands of specs holds on to every list, and the spare room made up a
 * fifth of its memory (and of the garbage collector's work on it).
 */
function compactEntries(spec: ChangeSpec): void {
  spec.refs = spec.refs.slice();
  spec.commits = spec.commits.slice();
  spec.hooks = spec.hooks.slice();
  for (const hook of spec.hooks) hook.statusLines = hook.statusLines.slice();
  spec.comments = spec.comments.slice();
  spec.mentors = spec.mentors.slice();
  for (const mentor of spec.mentors) mentor.statusLines = mentor.statusLines.slice();
  spec.timestamps = spec.timestamps.slice();
  if (spec.deltas) spec.deltas = spec.deltas.slice();
}

function trimTrailingBlank(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === "") end--;
  return lines.slice(0, end);
}

function truncate(line: string): string {
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
