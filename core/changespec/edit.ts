/**
 * Surgical edits of ProjectSpec text. Every edit splices only the lines it
 * changes, so the rest of a user's file keeps its exact bytes (custom
 * ordering, blank-line runs, unknown fields, a byte-order mark, each line's
 * own `\n` or `\r\n` ending). Lines an edit adds end the way most of the
 * file's lines do. Pure: text in, text out.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { FIELD_ORDER, formatTimestampLine } from "./format.ts";
import { formatRunningClaim, parseRunningClaim } from "./header.ts";
import { isSpecHeaderLine, parseProjectSpec } from "./parser.ts";
import type { ChangeSpec, ProjectSpecFile, RunningClaim, TimestampEntry } from "./types.ts";

const FIELD_LINE = /^([A-Z][A-Z0-9_]*):/;
const KEY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  PR: ["PR", "CL"],
  COMMITS: ["COMMITS", "COMMITTS", "STITCHES"],
};

const BOM = "\uFEFF";

/** A mutable view of one ProjectSpec file's lines. */
export class ProjectSpecEditor {
  /** The lines without their endings (the last one is what follows the last line break). */
  #lines: string[];
  /** Per line: whether its line break is `\r\n` (unused for the last line). */
  #crlf: boolean[];
  /** Whether the file starts with a byte-order mark (kept on every rewrite). */
  readonly #bom: boolean;
  /** The ending new lines get: `\r\n` when most of the file's line breaks are. */
  readonly #newCrlf: boolean;
  #parsed: ProjectSpecFile | null = null;

  constructor(text: string, readonly path: string) {
    this.#bom = text.startsWith(BOM);
    const pieces = (this.#bom ? text.slice(1) : text).split("\n");
    const last = pieces.length - 1;
    const crlf = pieces.map((piece, index) => index < last && piece.endsWith("\r"));
    const crlfCount = crlf.filter(Boolean).length;
    this.#newCrlf = crlfCount > last - crlfCount;
    this.#lines = pieces.map((piece, index) => crlf[index] ? piece.slice(0, -1) : piece);
    this.#crlf = crlf.map((value, index) => index < last ? value : this.#newCrlf);
  }

  /** The current text, with the file's byte-order mark and line endings. */
  get text(): string {
    const last = this.#lines.length - 1;
    const body = this.#lines
      .map((line, index) => index < last ? line + (this.#crlf[index] ? "\r\n" : "\n") : line)
      .join("");
    return (this.#bom ? BOM : "") + body;
  }

  /** The current text, parsed (cached until the next edit). */
  get parsed(): ProjectSpecFile {
    // The lines as the parser numbers them: no mark, no carriage returns.
    return this.#parsed ??= parseProjectSpec(this.#lines.join("\n"), this.path);
  }

  /** The spec named `name`, or a `changespec.not_found` error. */
  spec(name: string): ChangeSpec {
    const matches = this.parsed.specs.filter((s) => s.name === name);
    if (matches.length === 0) {
      throw new SaseError("changespec.not_found", `no ChangeSpec named '${name}' in ${this.path}`, {
        kind: "not-found",
      });
    }
    if (matches.length > 1) {
      const lines = matches.map((s) => s.span.startLine).join(", ");
      throw new SaseError(
        "changespec.duplicate",
        `${this.path}: ChangeSpec name '${name}' appears more than once (lines ${lines}); refusing to edit`,
        { hint: "rename or remove the duplicate in the file, then retry", kind: "invalid-data" },
      );
    }
    return matches[0];
  }

  /** True when a spec named `name` exists. */
  has(name: string): boolean {
    return this.parsed.specs.some((s) => s.name === name);
  }

  /** Set a single-line field (`STATUS`, `PARENT`, `PR`, `BUG`, ...); null removes it. */
  setField(name: string, key: string, value: string | null): void {
    const spec = this.spec(name);
    const block = this.#findBlock(spec, key);
    const line = value === null ? null : value === "" ? `${key}:` : `${key}: ${value}`;
    if (block) {
      const keep = block.start;
      const written = this.#lines[keep].startsWith("CL:") && key === "PR" && line !== null
        ? line.replace(/^PR:/, "CL:")
        : line;
      this.#splice(keep, block.end - keep, written === null ? [] : [written]);
      return;
    }
    if (line !== null) this.#splice(this.#insertionPoint(spec, key), 0, [line]);
  }

  /** Append one TIMESTAMPS entry, creating the section where needed. */
  appendTimestamp(name: string, entry: TimestampEntry): void {
    const spec = this.spec(name);
    const block = this.#findBlock(spec, "TIMESTAMPS");
    const line = formatTimestampLine(entry);
    if (block) this.#splice(block.contentEnd, 0, [line]);
    else this.#splice(this.#insertionPoint(spec, "TIMESTAMPS"), 0, ["TIMESTAMPS:", line]);
  }

  /**
   * Append entry lines (an entry and its drawers) after the last line of the
   * spec's COMMITS section (any of its spellings), creating `COMMITS:` at its
   * canonical place when the spec has none.
   */
  appendCommitLines(name: string, lines: readonly string[]): void {
    const spec = this.spec(name);
    const block = this.#findBlock(spec, "COMMITS");
    if (block) this.#splice(block.contentEnd, 0, [...lines]);
    else this.#splice(this.#insertionPoint(spec, "COMMITS"), 0, ["COMMITS:", ...lines]);
  }

  /**
   * Replace a whole block field (its header line and indented lines) with
   * `lines`, which start with the header; no lines removes the field. A
   * missing field is inserted at its canonical place. Blank lines after the
   * block stay, so the separator before the next spec keeps its bytes.
   */
  replaceBlock(name: string, key: string, lines: readonly string[]): void {
    const spec = this.spec(name);
    const block = this.#findBlock(spec, key);
    if (block) this.#splice(block.start, block.end - block.start, [...lines]);
    else if (lines.length > 0) this.#splice(this.#insertionPoint(spec, key), 0, [...lines]);
  }

  /**
   * A block field's lines as written (its header line and indented lines,
   * without line endings or the blank lines after it); null when the spec
   * has no such field. {@linkcode replaceBlock} takes the same shape back.
   */
  blockLines(name: string, key: string): string[] | null {
    const block = this.#findBlock(this.spec(name), key);
    return block ? this.#lines.slice(block.start, block.end) : null;
  }

  /**
   * Insert spec text (ending in a newline) directly after the spec named
   * `after`, two blank lines on either side; without `after` (or when it is
   * not in this file) the text is appended at the end.
   */
  insertSpecTextAfter(after: string | null, chunk: string): void {
    const anchor = after === null ? undefined : this.parsed.specs.find((s) => s.name === after);
    if (!anchor) {
      this.appendSpecText(chunk);
      return;
    }
    const end = anchor.span.endLine;
    let next = end;
    while (next < this.#lines.length && this.#lines[next].trim() === "") next++;
    if (next >= this.#lines.length) {
      this.appendSpecText(chunk);
      return;
    }
    const body = chunk.replace(/\n+$/, "").split("\n");
    // The blank run that separated the anchor from its successor stays after the new spec.
    this.#splice(end, 0, ["", "", ...body]);
  }

  /** Append one line to the spec's REFS section, creating it where needed. */
  appendRef(name: string, ref: string): void {
    const spec = this.spec(name);
    const block = this.#findBlock(spec, "REFS");
    if (block) this.#splice(block.contentEnd, 0, [`  ${ref}`]);
    else this.#splice(this.#insertionPoint(spec, "REFS"), 0, ["REFS:", `  ${ref}`]);
  }

  /** Rename a spec (if it is in this file) and repoint `PARENT:` lines of its children here. */
  rename(name: string, newName: string): void {
    const spec = this.parsed.specs.find((s) => s.name === name);
    if (spec) this.#splice(spec.span.startLine - 1, 1, [`NAME: ${newName}`]);
    for (const child of this.parsed.specs) {
      if (child.parent !== name) continue;
      const block = this.#findBlock(child, "PARENT");
      if (block) this.#splice(block.start, 1, [`PARENT: ${newName}`]);
    }
  }

  /** Remove a spec (and its `## ChangeSpec` header); returns its text. */
  removeSpec(name: string): string {
    const spec = this.spec(name);
    const start = (spec.span.headerLine ?? spec.span.startLine) - 1;
    const end = spec.span.endLine;
    const chunk = this.#lines.slice(start, end).join("\n") + "\n";
    let after = end;
    while (after < this.#lines.length && this.#lines[after].trim() === "") after++;
    if (after >= this.#lines.length) {
      let before = start;
      while (before > 0 && this.#lines[before - 1].trim() === "") before--;
      this.#splice(before, this.#lines.length - before, before > 0 ? [""] : []);
    } else {
      this.#splice(start, after - start, []);
    }
    return chunk;
  }

  /** Append spec text (ending in a newline) after two blank lines. */
  appendSpecText(chunk: string): void {
    let end = this.#lines.length;
    while (end > 0 && this.#lines[end - 1].trim() === "") end--;
    const body = chunk.replace(/\n+$/, "").split("\n");
    const sep = end > 0 ? ["", ""] : [];
    this.#splice(end, this.#lines.length - end, [...sep, ...body, ""]);
  }

  /** Set (or remove, with null) a header metadata field before the first spec. */
  setHeaderField(key: string, value: string | null): void {
    const first = this.parsed.specs[0];
    const firstLine = first
      ? (first.span.headerLine ?? first.span.startLine) - 1
      : this.#headerEnd();
    const line = value === null ? null : `${key}: ${value}`;
    for (let i = 0; i < firstLine; i++) {
      if (this.#lines[i].startsWith(`${key}:`)) {
        this.#splice(i, 1, line === null ? [] : [line]);
        return;
      }
    }
    if (line === null) return;
    const running = this.#lines.slice(0, firstLine).findIndex((l) => l.startsWith("RUNNING:"));
    if (running >= 0) {
      this.#splice(running, 0, [line]);
      return;
    }
    let end = firstLine;
    while (end > 0 && this.#lines[end - 1].trim() === "") end--;
    const trailer = end === 0 && firstLine < this.#lines.length && this.#lines.some((l) => l !== "")
      ? [line, ""]
      : [line];
    this.#splice(end, 0, trailer);
  }

  /** Append a RUNNING claim, creating the field after the last header line when absent. */
  addRunningClaim(claim: RunningClaim): void {
    const line = formatRunningClaim(claim);
    const block = this.#runningBlock();
    if (block) {
      this.#splice(block.end, 0, [line]);
      return;
    }
    const firstSpec = this.#firstSpecLine();
    let end = firstSpec;
    while (end > 0 && this.#lines[end - 1].trim() === "") end--;
    // A file that starts with a spec needs the two-blank-line separator after the new field.
    const separator = end === 0 && firstSpec < this.#lines.length &&
        this.#lines.slice(firstSpec).some((l) => l.trim() !== "")
      ? ["", ""]
      : [];
    this.#splice(end, 0, ["RUNNING:", line, ...separator]);
  }

  /**
   * Rewrite RUNNING claims: `fn` returns the claim to keep (changed or not)
   * or null to drop it. Lines that do not parse are kept as written; the
   * field itself goes once no line is left.
   */
  updateRunningClaims(fn: (claim: RunningClaim) => RunningClaim | null): void {
    const block = this.#runningBlock();
    if (!block) return;
    const kept: string[] = [];
    for (const line of this.#lines.slice(block.start + 1, block.end)) {
      const claim = parseRunningClaim(line);
      if (!claim) {
        kept.push(line);
        continue;
      }
      const next = fn(claim);
      if (next === null) continue;
      kept.push(JSON.stringify(next) === JSON.stringify(claim) ? line : formatRunningClaim(next));
    }
    if (kept.length > 0) {
      this.#splice(block.start + 1, block.end - block.start - 1, kept);
      return;
    }
    let end = block.end;
    // A field that opened the file leaves no leading blank lines behind.
    if (block.start === 0) {
      while (end < this.#lines.length - 1 && this.#lines[end].trim() === "") end++;
    }
    this.#splice(block.start, end - block.start, []);
  }

  /** The `RUNNING:` line and the end (exclusive) of its indented claim lines. */
  #runningBlock(): { start: number; end: number } | null {
    const limit = this.#firstSpecLine();
    const start = this.#lines.slice(0, limit).findIndex((l) => l.startsWith("RUNNING:"));
    if (start < 0) return null;
    let end = start + 1;
    while (end < limit && /^\s+\S/.test(this.#lines[end])) end++;
    return { start, end };
  }

  #firstSpecLine(): number {
    const first = this.parsed.specs[0];
    return first ? (first.span.headerLine ?? first.span.startLine) - 1 : this.#headerEnd();
  }

  #headerEnd(): number {
    const index = this.#lines.findIndex((l) => l.startsWith("NAME:") || isSpecHeaderLine(l));
    return index < 0 ? this.#lines.length : index;
  }

  /** Locate a field of `spec`: its line, the end of its block, and its last content line. */
  #findBlock(
    spec: ChangeSpec,
    key: string,
  ): { start: number; end: number; contentEnd: number } | null {
    const keys = KEY_ALIASES[key] ?? [key];
    const last = spec.span.endLine;
    // The parser lets the last duplicate field win, so edits target the last one too.
    let found = -1;
    for (let i = spec.span.startLine - 1; i < last; i++) {
      const match = FIELD_LINE.exec(this.#lines[i]);
      if (match && keys.includes(match[1])) found = i;
    }
    if (found < 0) return null;
    let end = found + 1;
    let contentEnd = found + 1;
    while (end < last && !FIELD_LINE.test(this.#lines[end])) {
      end++;
      if (this.#lines[end - 1].trim() !== "") contentEnd = end;
    }
    return { start: found, end: contentEnd, contentEnd };
  }

  /** Where a missing field goes: after the nearest earlier field in canonical order. */
  #insertionPoint(spec: ChangeSpec, key: string): number {
    const order = FIELD_ORDER as readonly string[];
    const rank = order.indexOf(key);
    let best = spec.span.startLine;
    for (let r = rank - 1; r >= 0; r--) {
      const block = this.#findBlock(spec, order[r]);
      if (block) {
        best = block.end;
        break;
      }
    }
    if (rank < 0) best = spec.span.endLine;
    return best;
  }

  #splice(start: number, count: number, insert: string[]): void {
    this.#lines.splice(start, count, ...insert);
    this.#crlf.splice(start, count, ...insert.map(() => this.#newCrlf));
    this.#parsed = null;
  }
}
