/**
 * Lazy sources of text lines for the text panel: a line is produced only
 * when asked for, and producing line n reads (or scans) only as far as line
 * n. A 20 MB reply is not split, decoded or laid out whole to show its
 * first screen.
 *
 * @module
 */

/** Lines produced on demand. */
export interface LineSource {
  /** Line `index` (0-based, without its newline), or undefined past the last line. */
  line(index: number): string | undefined;
}

/** The lines of a string already in memory, found by scanning for newlines only as far as asked. */
export class StringLineSource implements LineSource {
  readonly #text: string;
  /** Start offsets of the lines found so far. */
  readonly #starts: number[] = [0];
  #scanned = 0;
  #done = false;

  constructor(text: string) {
    this.#text = text;
  }

  line(index: number): string | undefined {
    if (index < 0) return undefined;
    while (this.#starts.length <= index + 1 && !this.#done) {
      const newline = this.#text.indexOf("\n", this.#scanned);
      if (newline < 0) {
        this.#done = true;
        break;
      }
      this.#starts.push(newline + 1);
      this.#scanned = newline + 1;
    }
    if (index >= this.#starts.length) return undefined;
    const start = this.#starts[index];
    // Empty text has no lines, and a final newline ends the last line without starting one.
    if (start >= this.#text.length) return undefined;
    const end = index + 1 < this.#starts.length ? this.#starts[index + 1] - 1 : this.#text.length;
    return stripCr(this.#text.slice(start, end));
  }

  /** How many characters were scanned for newlines so far. */
  get scanned(): number {
    return this.#done ? this.#text.length : this.#scanned;
  }
}

/** Options of {@linkcode FileLineSource}. */
export interface FileLineSourceOptions {
  /** Bytes read per step (default 64 KiB). */
  chunkBytes?: number;
  /** Stop reading after this many bytes (default: no limit); `truncated` then tells. */
  limitBytes?: number;
}

/**
 * The lines of a file, read chunk by chunk as lines are asked for. The file
 * is opened for each chunk and closed again (no handle is kept), so a file
 * that grows (a live reply) shows its new lines when asked again.
 */
export class FileLineSource implements LineSource {
  readonly #path: string;
  readonly #chunkBytes: number;
  readonly #limitBytes: number;
  readonly #lines: string[] = [];
  readonly #decoder = new TextDecoder();
  #partial = "";
  #offset = 0;
  #eof = false;
  #truncated = false;

  constructor(path: string, options: FileLineSourceOptions = {}) {
    this.#path = path;
    this.#chunkBytes = options.chunkBytes ?? 64 * 1024;
    this.#limitBytes = options.limitBytes ?? Infinity;
  }

  line(index: number): string | undefined {
    if (index < 0) return undefined;
    while (this.#lines.length <= index && !this.#eof) this.#readChunk();
    if (index < this.#lines.length) return this.#lines[index];
    if (index === this.#lines.length && this.#partial !== "") return stripCr(this.#partial);
    return undefined;
  }

  /** Bytes read from the file so far. */
  get bytesRead(): number {
    return this.#offset;
  }

  /** Whether reading stopped at `limitBytes` before the end of the file. */
  get truncated(): boolean {
    return this.#truncated;
  }

  #readChunk(): void {
    const room = this.#limitBytes - this.#offset;
    if (room <= 0) {
      this.#truncated = true;
      this.#eof = true;
      return;
    }
    const chunk = new Uint8Array(Math.min(this.#chunkBytes, room));
    const file = Deno.openSync(this.#path, { read: true });
    let read: number | null;
    try {
      file.seekSync(this.#offset, Deno.SeekMode.Start);
      read = file.readSync(chunk);
    } finally {
      file.close();
    }
    if (read === null || read === 0) {
      this.#eof = true;
      this.#partial += this.#decoder.decode();
      return;
    }
    this.#offset += read;
    const text = this.#partial + this.#decoder.decode(chunk.subarray(0, read), { stream: true });
    const parts = text.split("\n");
    this.#partial = parts.pop()!;
    for (const part of parts) this.#lines.push(stripCr(part));
  }
}

function stripCr(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
