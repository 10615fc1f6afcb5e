/**
 * `sase changespec search -j`, streamed: the same document as
 * `changeSpecSearchWire` gives (byte for byte), written in chunks from the
 * parse cache, so a search over tens of thousands of specs neither parses
 * what did not change nor holds every spec, or the whole document, at once.
 *
 * The count comes before the specs in the document, so a search goes over
 * the files twice: first it evaluates the query on every file's rows and
 * keeps only the files with matches (their cache entries stay open, so the
 * second pass reads exactly the entries the first one judged), then it
 * writes their items.
 *
 * @module
 */

import { type Env, projectsDir } from "../config/paths.ts";
import { toCanonical } from "../query/canonical.ts";
import { QueryMatcher, readsAncestry } from "../query/evaluator.ts";
import { parseQuery } from "../query/parser.ts";
import { ParseCache, type ParsedFile, Scratch } from "./parse_cache.ts";
import { listProjectRefs } from "./store.ts";
import { searchDocumentFrame } from "./wire.ts";

/** Options of {@linkcode searchDocumentChunks}. */
export interface SearchDocumentOptions {
  /** Also search `<project>-archive.sase` files. */
  includeArchive?: boolean;
  /** The cache to read and fill (default: the one of `env`'s `SASE_HOME`). */
  cache?: ParseCache;
}

/** Where the second pass writes: one chunk of the document at a time (reused after the call). */
export type ChunkSink = (chunk: Uint8Array) => void;

const encoder = new TextEncoder();

/** The files a search covers, in document order: active projects, active file then archive. */
function* filesInScope(
  env: Env,
  cache: ParseCache,
  includeArchive: boolean,
): Generator<ParsedFile> {
  for (const ref of listProjectRefs(projectsDir(env))) {
    const active = cache.load(ref.activePath);
    // A project without an active file is active.
    if (active && active.state !== "active") {
      active.close();
      continue;
    }
    if (active) yield active;
    if (!includeArchive) continue;
    const archive = cache.load(ref.archivePath);
    if (archive) yield archive;
  }
}

/**
 * Search the ChangeSpecs of `env`'s active projects for `query` and write
 * the `-j` document to `sink`, chunk by chunk; returns the match count.
 * A query that does not parse throws its `QueryError` before anything is
 * written.
 */
export function writeSearchDocument(
  env: Env,
  query: string,
  sink: ChunkSink,
  options: SearchDocumentOptions = {},
): number {
  const expr = parseQuery(query);
  const cache = options.cache ?? ParseCache.of(env);
  const open = new Set<ParsedFile>();
  const matched: { file: ParsedFile; indices: number[] }[] = [];
  try {
    const files = filesInScope(env, cache, options.includeArchive ?? false);
    const judge = (file: ParsedFile, matcher: QueryMatcher) => {
      const indices = file.matching(matcher);
      if (indices.length > 0) matched.push({ file, indices });
      else {
        open.delete(file);
        file.close();
      }
    };
    let seen = 0;
    if (readsAncestry(expr)) {
      // `ancestor:` follows PARENT across the whole corpus: every name first.
      const loaded = [...files];
      for (const file of loaded) open.add(file);
      const parents = new Map<string, string | null>();
      for (const file of loaded) file.noteParents(parents);
      const matcher = new QueryMatcher(expr, parents);
      for (const file of loaded) judge(file, matcher);
      seen = loaded.length;
    } else {
      const matcher = new QueryMatcher(expr);
      for (const file of files) {
        open.add(file);
        judge(file, matcher);
        seen++;
      }
    }
    const count = matched.reduce((total, { indices }) => total + indices.length, 0);
    const frame = searchDocumentFrame(query, toCanonical(expr), count);
    const out = new ChunkWriter(sink);
    if (count === 0) {
      out.write(encoder.encode(frame.empty));
    } else {
      out.write(encoder.encode(frame.head));
      const separator = encoder.encode(frame.separator);
      const scratch = new Scratch();
      matched.forEach(({ file, indices }, at) => {
        file.items(indices, scratch).forEach((item, index) => {
          if (at > 0 || index > 0) out.write(separator);
          out.write(item);
        });
      });
      out.write(encoder.encode(frame.tail));
    }
    out.flush();
    if (cache.stats.stored > 0) cache.prune(2 * seen + 64);
    return count;
  } finally {
    for (const file of open) file.close();
  }
}

/** Collects small writes into chunks of about a megabyte for the sink. */
class ChunkWriter {
  readonly #sink: ChunkSink;
  readonly #buffer = new Uint8Array(1024 * 1024);
  #used = 0;

  constructor(sink: ChunkSink) {
    this.#sink = sink;
  }

  write(bytes: Uint8Array): void {
    if (this.#used + bytes.length > this.#buffer.length) this.flush();
    if (bytes.length > this.#buffer.length) {
      this.#sink(bytes);
      return;
    }
    this.#buffer.set(bytes, this.#used);
    this.#used += bytes.length;
  }

  /** Hand what is collected to the sink. */
  flush(): void {
    if (this.#used === 0) return;
    this.#sink(this.#buffer.subarray(0, this.#used));
    this.#used = 0;
  }
}
