/**
 * Axe's append-only logs, bounded by `axe.lumberjack_log_max_bytes`: when
 * a line would take a log past its limit, the log is rewritten to its
 * newest half, so a daemon that runs for months keeps a recent tail
 * instead of filling the disk. Lines read `[YYYY-MM-DD HH:MM:SS] [name]
 * message` (local time, handbook 4.6).
 *
 * @module
 */

import { atomicWriteFile } from "../fs/atomic_write.ts";
import { dirname } from "../fs/path.ts";

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** `YYYY-MM-DD HH:MM:SS` in local time. */
export function logTimestamp(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${
    pad(date.getHours())
  }:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** One bounded log file. */
export class BoundedLog {
  #size: number | undefined;

  constructor(readonly path: string, readonly maxBytes: number, readonly tag: string) {}

  /** Append `[ts] [tag] message` (one line per line of `message`). */
  async line(message: string, now: Date = new Date()): Promise<void> {
    const prefix = `[${logTimestamp(now)}] [${this.tag}] `;
    const text = message.split("\n").map((part) => `${prefix}${part}\n`).join("");
    await this.append(new TextEncoder().encode(text));
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (this.#size === undefined) {
      await Deno.mkdir(dirname(this.path), { recursive: true });
      this.#size = await Deno.stat(this.path).then((info) => info.size, () => 0);
    }
    if (this.#size + bytes.length > this.maxBytes) await this.#shrink();
    await Deno.writeFile(this.path, bytes, { append: true });
    this.#size += bytes.length;
  }

  /** Keep the newest half of the limit, starting at a line boundary. */
  async #shrink(): Promise<void> {
    const keep = Math.floor(this.maxBytes / 2);
    const bytes = await Deno.readFile(this.path).catch(() => new Uint8Array());
    let start = Math.max(0, bytes.length - keep);
    const newline = bytes.indexOf(10, start);
    start = newline === -1 ? bytes.length : newline + 1;
    const tail = bytes.subarray(start);
    await atomicWriteFile(this.path, tail, { sync: false });
    this.#size = tail.length;
  }
}
