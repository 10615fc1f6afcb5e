/**
 * The persistent parse cache of ProjectSpec files, for searches: one entry
 * per file under `SASE_HOME/cache/changespec/`, holding what a search needs
 * of every ChangeSpec in it — its query fields, its searchable text and its
 * item of the `-j` document, already laid out — so that a search over
 * thousands of specs parses nothing that did not change.
 *
 * An entry is keyed on the file's path and identity: size, mtime, change
 * time, inode and device, as `stat` reports them before the file is read (a
 * write that lands after that stat changes them, so the entry misses next
 * time). It also records the cache format, the sase version and, in a source
 * checkout, the stamps of the parser and wire modules, so an entry written by
 * other code is never read. A parse is stored only once the file's mtime and
 * change time are {@linkcode SETTLE_MS} old: the change time comes in whole
 * seconds, so any later write, even one that keeps the size and puts the
 * mtime back, gets another change time and misses. Anything that does not
 * match, cannot be read or is damaged is a miss; deleting the directory
 * loses nothing.
 *
 * Entries are written to a temp file and renamed into place, and never
 * changed after: a reader holding one open keeps a consistent entry even
 * when another process replaces it meanwhile.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { type Env, saseHome } from "../config/paths.ts";
import { READ_LIMITS, readBytesBoundedSync } from "../fs/bounded_read.ts";
import { listDirSync } from "../fs/list_dir.ts";
import { noteParent, queryFields, type QueryMatcher, type QueryRow } from "../query/evaluator.ts";
import { searchableText } from "../query/searchable.ts";
import { SASE_VERSION } from "../version.ts";
import { parseProjectSpec } from "./parser.ts";
import type { ProjectState } from "./types.ts";
import { searchDocumentItem } from "./wire.ts";

/** Bump when the entry layout changes. */
export const PARSE_CACHE_FORMAT = 1;

/** How recently changed a file must not be for its parse to be stored. */
export const SETTLE_MS = 2000;

const MAGIC = "SASE-CHANGESPEC-PARSE\n";
/** Most bytes the header line may take (it holds a path, at most 4 KiB on Linux). */
const HEADER_LIMIT = 16 * 1024;
/** A temp file this old was left by a crashed writer. */
const STALE_TEMP_MS = 60_000;
const ENTRY_NAME = /^[0-9a-f]{16}\.entry$/;
const TEMP_NAME = /^\..+\.tmp$/;

/** Modules whose code decides what an entry holds (see {@linkcode codeStamp}). */
const CODE_MODULES = [
  "./parse_cache.ts",
  "./parser.ts",
  "./header.ts",
  "./sections.ts",
  "./suffix.ts",
  "./status.ts",
  "./paths.ts",
  "./wire.ts",
  "../query/evaluator.ts",
  "../query/searchable.ts",
];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The first line of an entry after the magic. */
interface EntryHeader {
  format: number;
  code: string;
  path: string;
  sig: string;
  state: ProjectState;
  count: number;
  /** Byte lengths of the sections that follow the header. */
  rows: number;
  items: number;
  texts: number;
}

/** The rows section, column by column. */
interface EntryRows {
  lowerName: string[];
  parent: (string | null)[];
  baseStatus: string[];
  project: string[];
  siblingBase: string[];
  origin: string[];
  /** `1` where the spec has an error suffix, else `0`. */
  hasError: string;
  /** Byte length of each spec's item, and of its searchable text. */
  itemBytes: number[];
  textBytes: number[];
}

let codeStampMemo: string | undefined;

/**
 * Size and mtime of the modules an entry depends on, when sase runs from a
 * source checkout (a developer's edit keeps `SASE_VERSION`); `""` in a
 * compiled build, whose code never changes under the same version.
 */
function codeStamp(): string {
  if (!import.meta.url.startsWith("file:")) return "";
  return codeStampMemo ??= CODE_MODULES.map((module) => {
    try {
      const info = Deno.statSync(new URL(module, import.meta.url));
      return `${info.size}:${info.mtime?.getTime() ?? "-"}`;
    } catch {
      return "-";
    }
  }).join(",");
}

/** FNV-1a over `text`, twice (two seeds), as 16 hex digits: an entry's file name. */
function entryName(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193);
  }
  const hex = (value: number) => (value >>> 0).toString(16).padStart(8, "0");
  return `${hex(a)}${hex(b)}.entry`;
}

/** A file's identity as the key of its entry. */
function signature(info: Deno.FileInfo): string {
  return [
    info.size,
    info.mtime?.getTime() ?? "-",
    info.ctime?.getTime() ?? "-",
    info.ino ?? "-",
    info.dev,
  ].join(":");
}

function settled(info: Deno.FileInfo, nowMs: number): boolean {
  const changed = Math.max(info.mtime?.getTime() ?? nowMs, info.ctime?.getTime() ?? nowMs);
  return nowMs - changed > SETTLE_MS;
}

/** Where an entry's bytes are read from: its open file, or memory when it could not be stored. */
interface Source {
  /** `length` bytes at `offset`, in `into` when it is large enough (else a new array). */
  read(offset: number, length: number, into?: Uint8Array): Uint8Array;
  close(): void;
}

function fileSource(file: Deno.FsFile): Source {
  return {
    read(offset, length, into) {
      const bytes = into && into.length >= length
        ? into.subarray(0, length)
        : new Uint8Array(length);
      file.seekSync(offset, Deno.SeekMode.Start);
      let filled = 0;
      while (filled < length) {
        const count = file.readSync(bytes.subarray(filled));
        if (count === null) throw new Error("parse cache entry ends early");
        filled += count;
      }
      return bytes;
    },
    close: () => file.close(),
  };
}

function memorySource(bytes: Uint8Array): Source {
  return { read: (offset, length) => bytes.subarray(offset, offset + length), close() {} };
}

/** A growable buffer reused across reads, so a long search does not churn memory. */
export class Scratch {
  #bytes = new Uint8Array(64 * 1024);

  /** A buffer of at least `length` bytes (its content is not kept). */
  take(length: number): Uint8Array {
    if (this.#bytes.length < length) {
      this.#bytes = new Uint8Array(Math.max(length, 2 * this.#bytes.length));
    }
    return this.#bytes;
  }
}

/**
 * One row of a cached file at a time, moved from spec to spec: evaluating a
 * query over thousands of rows makes no object per row.
 */
class RowCursor implements QueryRow {
  #index = 0;
  #text: string | undefined;
  #lower: string | undefined;

  constructor(
    private readonly columns: EntryRows,
    private readonly textOf: (index: number) => string,
  ) {}

  /** Point at spec `index`. */
  at(index: number): this {
    this.#index = index;
    this.#text = this.#lower = undefined;
    return this;
  }

  get lowerName(): string {
    return this.columns.lowerName[this.#index];
  }
  get parent(): string | null {
    return this.columns.parent[this.#index];
  }
  get baseStatus(): string {
    return this.columns.baseStatus[this.#index];
  }
  get project(): string {
    return this.columns.project[this.#index];
  }
  get siblingBase(): string {
    return this.columns.siblingBase[this.#index];
  }
  get origin(): string {
    return this.columns.origin[this.#index];
  }
  get hasError(): boolean {
    return this.columns.hasError[this.#index] === "1";
  }
  get text(): string {
    return this.#text ??= this.textOf(this.#index);
  }
  get lowerText(): string {
    return this.#lower ??= this.text.toLowerCase();
  }
}

/** One ProjectSpec file as the cache holds it. Close it when done. */
export class ParsedFile implements Disposable {
  /** The lifecycle state its header declares (for an active file). */
  readonly state: ProjectState;
  /** How many ChangeSpecs it holds. */
  readonly count: number;
  readonly #source: Source;
  readonly #header: EntryHeader;
  readonly #rowsAt: number;
  readonly #rows: EntryRows;
  #texts: Uint8Array | undefined;
  #textStarts: number[] | undefined;

  constructor(source: Source, header: EntryHeader, rowsAt: number, rows: EntryRows) {
    this.#source = source;
    this.#header = header;
    this.#rowsAt = rowsAt;
    this.#rows = rows;
    this.state = header.state;
    this.count = header.count;
  }

  /** Note each spec's name and PARENT in `parents`, in file order (see `noteParent`). */
  noteParents(parents: Map<string, string | null>): void {
    const { lowerName, parent } = this.#rows;
    lowerName.forEach((name, index) =>
      noteParent(parents, { lowerName: name, parent: parent[index] })
    );
  }

  /** The indices of the specs `matcher` accepts, ascending. */
  matching(matcher: QueryMatcher): number[] {
    const cursor = new RowCursor(this.#rows, (index) => this.#text(index));
    const indices: number[] = [];
    for (let index = 0; index < this.count; index++) {
      if (matcher.matches(cursor.at(index))) indices.push(index);
    }
    return indices;
  }

  #text(index: number): string {
    this.#texts ??= this.#source.read(
      this.#rowsAt + this.#header.rows + this.#header.items,
      this.#header.texts,
    );
    this.#textStarts ??= offsets(this.#rows.textBytes);
    const start = this.#textStarts[index];
    return decoder.decode(this.#texts.subarray(start, start + this.#rows.textBytes[index]));
  }

  /**
   * The search-document items of the specs at `indices` (ascending), as UTF-8
   * views into `scratch`, valid until its next use. The span from the first
   * to the last is read at once: one read costs less than many small ones.
   */
  items(indices: readonly number[], scratch: Scratch): Uint8Array[] {
    if (indices.length === 0) return [];
    const sizes = this.#rows.itemBytes;
    const starts = offsets(sizes);
    const first = starts[indices[0]];
    const last = indices[indices.length - 1];
    const length = starts[last] + sizes[last] - first;
    const span = this.#source.read(
      this.#rowsAt + this.#header.rows + first,
      length,
      scratch.take(length),
    );
    return indices.map((index) =>
      span.subarray(starts[index] - first, starts[index] - first + sizes[index])
    );
  }

  /** Let go of the entry's file. */
  close(): void {
    this.#source.close();
  }

  /** Close when a `using` binding goes out of scope. */
  [Symbol.dispose](): void {
    this.close();
  }
}

function offsets(sizes: readonly number[]): number[] {
  const starts = new Array<number>(sizes.length);
  let at = 0;
  for (let index = 0; index < sizes.length; index++) {
    starts[index] = at;
    at += sizes[index];
  }
  return starts;
}

function isHeader(value: unknown): value is EntryHeader {
  const header = value as EntryHeader;
  return typeof header === "object" && header !== null && typeof header.path === "string" &&
    typeof header.sig === "string" && typeof header.code === "string" &&
    ["active", "inactive", "sibling"].includes(header.state) &&
    [header.format, header.count, header.rows, header.items, header.texts]
      .every((n) => Number.isSafeInteger(n) && n >= 0);
}

function isRows(value: unknown, count: number): value is EntryRows {
  const rows = value as EntryRows;
  if (typeof rows !== "object" || rows === null) return false;
  const columns = [
    rows.lowerName,
    rows.parent,
    rows.baseStatus,
    rows.project,
    rows.siblingBase,
    rows.origin,
    rows.itemBytes,
    rows.textBytes,
  ];
  return columns.every((column) => Array.isArray(column) && column.length === count) &&
    typeof rows.hasError === "string" && rows.hasError.length === count;
}

/** Bytes appended one string at a time into one buffer, reused from file to file. */
class ByteBuilder {
  #bytes = new Uint8Array(256 * 1024);
  #length = 0;

  /** Start over (the previous content is dropped). */
  reset(): void {
    this.#length = 0;
  }

  /** Append `text` as UTF-8; returns how many bytes it took. */
  append(text: string): number {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    const needed = this.#length + 3 * text.length;
    if (needed > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(needed, 2 * this.#bytes.length));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    const { written } = encoder.encodeInto(text, this.#bytes.subarray(this.#length));
    this.#length += written;
    return written;
  }

  /** What was appended since the last reset (a view, valid until the next use). */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }
}

/** An entry in parts, in file order (the last two are views into reused buffers). */
type EntryParts = [head: Uint8Array, rows: Uint8Array, items: Uint8Array, texts: Uint8Array];

/**
 * The entry of the file at `path` with text `text`. Each spec's item and
 * text go straight into `items` and `texts`: a file of thousands of specs
 * leaves no array of strings behind.
 */
function entryParts(
  key: { path: string; sig: string; code: string },
  text: string,
  items: ByteBuilder,
  texts: ByteBuilder,
): EntryParts {
  const file = parseProjectSpec(text, key.path);
  items.reset();
  texts.reset();
  const rows: EntryRows = {
    lowerName: [],
    parent: [],
    baseStatus: [],
    project: [],
    siblingBase: [],
    origin: [],
    hasError: "",
    itemBytes: [],
    textBytes: [],
  };
  for (const spec of file.specs) {
    const fields = queryFields(spec);
    rows.lowerName.push(fields.lowerName);
    rows.parent.push(fields.parent);
    rows.baseStatus.push(fields.baseStatus);
    rows.project.push(fields.project);
    rows.siblingBase.push(fields.siblingBase);
    rows.origin.push(fields.origin);
    rows.hasError += fields.hasError ? "1" : "0";
    rows.itemBytes.push(items.append(searchDocumentItem(spec)));
    rows.textBytes.push(texts.append(searchableText(spec)));
  }
  const rowBytes = encoder.encode(JSON.stringify(rows));
  const header: EntryHeader = {
    format: PARSE_CACHE_FORMAT,
    ...key,
    state: file.header.state,
    count: file.specs.length,
    rows: rowBytes.length,
    items: items.view().length,
    texts: texts.view().length,
  };
  const head = encoder.encode(`${MAGIC}${JSON.stringify(header)}\n`);
  return [head, rowBytes, items.view(), texts.view()];
}

/** The parts as one array of their own. */
function joinParts(parts: EntryParts): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** An entry's header and where its rows start; null when `source` is not an entry of this format. */
function readHeader(source: Source, size: number): { header: EntryHeader; rowsAt: number } | null {
  const start = source.read(0, Math.min(size, HEADER_LIMIT));
  const magic = encoder.encode(MAGIC);
  if (!magic.every((byte, index) => start[index] === byte)) return null;
  const end = start.indexOf(0x0a, magic.length);
  if (end < 0) return null;
  const header: unknown = JSON.parse(decoder.decode(start.subarray(magic.length, end)));
  if (!isHeader(header) || header.format !== PARSE_CACHE_FORMAT) return null;
  return { header, rowsAt: end + 1 };
}

/** Read an entry's header and rows from `source`; null when it is not a usable entry. */
function openEntry(
  source: Source,
  size: number,
  expect: { path: string; sig: string; code: string },
): ParsedFile | null {
  try {
    const found = readHeader(source, size);
    if (!found) return null;
    const { header, rowsAt } = found;
    if (header.path !== expect.path || header.sig !== expect.sig || header.code !== expect.code) {
      return null;
    }
    // A file cut short (a crash before its data reached the disk) is no entry.
    if (size !== rowsAt + header.rows + header.items + header.texts) return null;
    const rows: unknown = JSON.parse(decoder.decode(source.read(rowsAt, header.rows)));
    if (!isRows(rows, header.count)) return null;
    return new ParsedFile(source, header, rowsAt, rows);
  } catch {
    return null;
  }
}

/** What {@linkcode ParseCache} did, for tests and `--verbose` reports. */
export interface ParseCacheStats {
  hits: number;
  parsed: number;
  stored: number;
}

/** The parse cache of one `SASE_HOME`. */
export class ParseCache {
  readonly dir: string;
  readonly stats: ParseCacheStats = { hits: 0, parsed: 0, stored: 0 };
  readonly #code: string;
  readonly #now: () => number;
  readonly #items = new ByteBuilder();
  readonly #texts = new ByteBuilder();

  constructor(dir: string, options: { now?: () => number } = {}) {
    this.dir = dir;
    this.#code = `${SASE_VERSION}|${codeStamp()}`;
    this.#now = options.now ?? Date.now;
  }

  /** The cache of `env`'s `SASE_HOME` (`cache/changespec`). */
  static of(env: Env): ParseCache {
    return new ParseCache(join(saseHome(env), "cache", "changespec"));
  }

  /**
   * The ProjectSpec at `path`, from its entry when the file is unchanged,
   * else parsed (and stored when it has settled); null when it does not
   * exist. The caller closes what it gets.
   */
  load(path: string): ParsedFile | null {
    let info: Deno.FileInfo;
    try {
      info = Deno.statSync(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return null;
      throw error;
    }
    const expect = { path, sig: signature(info), code: this.#code };
    const entryPath = join(this.dir, entryName(path));
    const cached = this.#open(entryPath, expect);
    if (cached) {
      this.stats.hits++;
      return cached;
    }
    // Read after the stat: a write landing in between changes the key, so this
    // parse is stored under a key the file no longer has and is never served.
    const text = decoder.decode(readBytesBoundedSync(path, READ_LIMITS.document));
    const parts = entryParts(expect, text, this.#items, this.#texts);
    this.stats.parsed++;
    const stored = settled(info, this.#now()) ? this.#store(entryPath, parts) : null;
    // Read back rather than kept: the parse's strings would hold on to the
    // whole text. The open stored file keeps its bytes whatever replaces the
    // entry later.
    const read = stored && openEntry(fileSource(stored.file), stored.size, expect);
    if (read) return read;
    stored?.file.close();
    const bytes = joinParts(parts);
    const entry = openEntry(memorySource(bytes), bytes.length, expect);
    if (!entry) throw new Error(`parse cache: the entry made for ${path} does not read back`);
    return entry;
  }

  #open(entryPath: string, expect: { path: string; sig: string; code: string }) {
    let file: Deno.FsFile;
    try {
      file = Deno.openSync(entryPath, { read: true });
    } catch {
      return null;
    }
    try {
      const info = file.statSync();
      const entry = info.isFile ? openEntry(fileSource(file), info.size, expect) : null;
      if (entry) return entry;
    } catch {
      // Unreadable: a miss.
    }
    file.close();
    return null;
  }

  /** Write `parts` as the entry at `entryPath`; the stored file, open, or null when it cannot be. */
  #store(entryPath: string, parts: EntryParts): { file: Deno.FsFile; size: number } | null {
    const temp = entryPath.replace(
      /([^/]+)$/,
      `.$1.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`,
    );
    let file: Deno.FsFile | undefined;
    try {
      Deno.mkdirSync(this.dir, { recursive: true });
      file = Deno.openSync(temp, { read: true, write: true, createNew: true });
      for (const part of parts) {
        let written = 0;
        while (written < part.length) written += file.writeSync(part.subarray(written));
      }
      Deno.renameSync(temp, entryPath);
    } catch {
      file?.close();
      try {
        Deno.removeSync(temp);
      } catch {
        // Never created.
      }
      return null;
    }
    this.stats.stored++;
    return { file, size: parts.reduce((total, part) => total + part.length, 0) };
  }

  /**
   * Remove temp files left by crashed writers and entries whose ProjectSpec
   * is gone, once the directory holds more than `keep` entries. Never throws.
   */
  prune(keep: number): void {
    const entries = listDirSync(this.dir).filter((item) => item.isFile);
    const now = this.#now();
    for (const item of entries.filter((item) => TEMP_NAME.test(item.name))) {
      const path = join(this.dir, item.name);
      try {
        if (now - (Deno.statSync(path).mtime?.getTime() ?? now) > STALE_TEMP_MS) {
          Deno.removeSync(path);
        }
      } catch {
        // Gone already.
      }
    }
    const named = entries.filter((item) => ENTRY_NAME.test(item.name));
    if (named.length <= keep) return;
    for (const item of named) {
      const path = join(this.dir, item.name);
      if (sourceExists(path)) continue;
      try {
        Deno.removeSync(path);
      } catch {
        // Removed by another process.
      }
    }
  }
}

/** Whether the entry at `path` is readable and the ProjectSpec it was made from still exists. */
function sourceExists(path: string): boolean {
  let file: Deno.FsFile | undefined;
  try {
    file = Deno.openSync(path, { read: true });
    const found = readHeader(fileSource(file), file.statSync().size);
    if (!found) return false;
    Deno.statSync(found.header.path);
    return true;
  } catch {
    return false;
  } finally {
    file?.close();
  }
}
