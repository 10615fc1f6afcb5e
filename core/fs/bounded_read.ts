/**
 * Reads with a size limit. Every file, store and stream sase reads comes from
 * somewhere it does not control (a user's editor, an agent, another clone, a
 * pipe), so no read may grow without bound: `yes | sase notify create` or a
 * store symlinked to `/dev/zero` must end in a clear error, not in gigabytes
 * of memory or a hang. A directory where a file is expected is named as such.
 *
 * @module
 */

import { SaseError } from "../errors.ts";

const MIB = 1024 * 1024;

/** The size limits, one per kind of input, in bytes. */
export const READ_LIMITS = {
  /** A configuration layer (`sase.yml`), a workflow or an xprompt file. */
  config: 4 * MIB,
  /** Text piped on stdin or named with `--file` (a notification, a prompt, a plan). */
  input: 16 * MIB,
  /** One JSON record file (`agent_meta.json`, `done.json`, a bead `config.json`). */
  record: 16 * MIB,
  /** A Markdown document (an SDD plan, a ProjectSpec). */
  document: 64 * MIB,
  /** A JSON Lines store or event stream (notifications, bead events, prompt history). */
  store: 512 * MIB,
} as const;

/** Human form of a byte count for messages: `16 MiB`, `512 KiB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function tooLarge(source: string, limit: number): SaseError {
  return new SaseError(
    "input.too_large",
    `${source}: larger than ${formatBytes(limit)}, the most sase reads from it`,
    {
      hint: "check that it is the file you meant; a text this large is not a sase input",
      kind: "invalid-data",
    },
  );
}

function isDirectory(path: string): SaseError {
  return new SaseError("input.is_directory", `${path}: is a directory, expected a file`, {
    kind: "invalid-data",
  });
}

/**
 * Collect at most `limit` bytes from `reader`; more is a `input.too_large`
 * error naming `source`. Reading stops as soon as the limit is passed, so an
 * endless source (`/dev/zero`, `yes`) costs at most `limit` bytes.
 */
async function collect(
  read: (buffer: Uint8Array) => Promise<number | null>,
  source: string,
  limit: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  const buffer = new Uint8Array(64 * 1024);
  for (;;) {
    const count = await read(buffer);
    if (count === null) break;
    total += count;
    if (total > limit) throw tooLarge(source, limit);
    chunks.push(buffer.slice(0, count));
  }
  return joinChunks(chunks, total);
}

function joinChunks(
  chunks: readonly Uint8Array<ArrayBuffer>[],
  total: number,
): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * The bytes of `path`, at most `limit` of them. A missing file throws
 * `Deno.errors.NotFound` as `Deno.readFile` does (callers decide what absence
 * means); a directory or an oversized file is a `SaseError` naming the path.
 */
export async function readBytesBounded(
  path: string,
  limit: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const info = await Deno.stat(path);
  if (info.isDirectory) throw isDirectory(path);
  if (info.isFile) {
    // The common case in two calls: a regular file's size is known up front.
    if (info.size > limit) throw tooLarge(path, limit);
    const bytes = await Deno.readFile(path);
    if (bytes.length > limit) throw tooLarge(path, limit); // it grew meanwhile
    return bytes;
  }
  // A device, FIFO or socket has no size: read it in chunks up to the limit.
  const file = await Deno.open(path, { read: true });
  try {
    return await collect((buffer) => file.read(buffer), path, limit);
  } finally {
    file.close();
  }
}

/** {@linkcode readBytesBounded}, synchronously. */
export function readBytesBoundedSync(path: string, limit: number): Uint8Array<ArrayBuffer> {
  const info = Deno.statSync(path);
  if (info.isDirectory) throw isDirectory(path);
  if (info.isFile) {
    if (info.size > limit) throw tooLarge(path, limit);
    const bytes = Deno.readFileSync(path);
    if (bytes.length > limit) throw tooLarge(path, limit);
    return bytes;
  }
  const file = Deno.openSync(path, { read: true });
  try {
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let total = 0;
    const buffer = new Uint8Array(64 * 1024);
    for (;;) {
      const count = file.readSync(buffer);
      if (count === null) break;
      total += count;
      if (total > limit) throw tooLarge(path, limit);
      chunks.push(buffer.slice(0, count));
    }
    return joinChunks(chunks, total);
  } finally {
    file.close();
  }
}

/** The text of `path` (UTF-8, invalid bytes replaced), at most `limit` bytes; see {@linkcode readBytesBounded}. */
export async function readTextBounded(path: string, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBytesBounded(path, limit));
}

/** {@linkcode readTextBounded}, synchronously. */
export function readTextBoundedSync(path: string, limit: number): string {
  return new TextDecoder().decode(readBytesBoundedSync(path, limit));
}

/**
 * {@linkcode readTextBoundedSync}, or null when the file cannot be read at
 * all (missing, unreadable, a directory, over `limit`): for best-effort
 * readers that show or index what is there and take the rest as absent.
 */
export function readTextOrNullSync(path: string, limit: number): string | null {
  try {
    return readTextBoundedSync(path, limit);
  } catch {
    return null;
  }
}

/**
 * At most `bytes` bytes from the start (`head`) or the end (`tail`) of the
 * file at `path`, decoded as UTF-8: a bounded look at a file that may be
 * large or still growing. Null when it cannot be opened or read.
 */
export function readTextEdgeSync(
  path: string,
  edge: "head" | "tail",
  bytes: number,
): string | null {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path);
  } catch {
    return null;
  }
  try {
    let length = bytes;
    if (edge === "tail") {
      // The tail as of now: text appended meanwhile is left for the next look.
      const size = file.statSync().size;
      const start = Math.max(0, size - bytes);
      file.seekSync(start, Deno.SeekMode.Start);
      length = size - start;
    }
    const buffer = new Uint8Array(length);
    let read = 0;
    while (read < buffer.length) {
      const count = file.readSync(buffer.subarray(read));
      if (count === null) break;
      read += count;
    }
    return new TextDecoder().decode(buffer.subarray(0, read));
  } catch {
    return null;
  } finally {
    file.close();
  }
}

/**
 * Everything `readable` yields, at most `limit` bytes; more is an
 * `input.too_large` error naming `source` that stops reading at once (the
 * stream is cancelled, so a writer gets SIGPIPE/EPIPE).
 */
export async function readStreamBounded(
  readable: ReadableStream<Uint8Array>,
  source: string,
  limit: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = readable.getReader();
  let pending: Uint8Array | undefined;
  let offset = 0;
  try {
    return await collect(
      async (buffer) => {
        if (!pending || offset >= pending.length) {
          const next = await reader.read();
          if (next.done) return null;
          pending = next.value;
          offset = 0;
        }
        const count = Math.min(buffer.length, pending.length - offset);
        buffer.set(pending.subarray(offset, offset + count));
        offset += count;
        return count;
      },
      source,
      limit,
    );
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * Everything on stdin, at most `limit` bytes (default {@linkcode READ_LIMITS.input});
 * more is an `input.too_large` error that stops reading at once.
 */
export async function readStdinBounded(limit: number = READ_LIMITS.input): Promise<string> {
  return new TextDecoder().decode(await readStreamBounded(Deno.stdin.readable, "stdin", limit));
}
