/**
 * The terminal as the engine sees it: a small interface over the process's
 * tty (size, raw mode, one write per frame, input bytes, signals), so the
 * engine runs the same against the real terminal and an in-memory one in
 * tests and benchmarks.
 *
 * @module
 */

import type { Env } from "../../core/env.ts";
import type { Size } from "./geometry.ts";

/** The signals the engine reacts to. */
export type TerminalSignal = "SIGWINCH" | "SIGINT" | "SIGTERM" | "SIGHUP" | "SIGTSTP" | "SIGCONT";

/** A terminal and the process around it. */
export interface Terminal {
  /** The current size in cells. */
  size(): Size;
  /** Write `data` whole, synchronously (one call per frame). */
  write(data: string): void;
  /** Switch raw mode (no echo, no line buffering, no signal keys) on or off. */
  setRaw(raw: boolean): void;
  /** Input bytes as they arrive; ends when `stopInput` is called or input closes. */
  input(): AsyncIterable<Uint8Array>;
  /** Stop delivering input (the pending read is cancelled). */
  stopInput(): void;
  /** Call `handler` on `signal`; returns the function that removes it. */
  onSignal(signal: TerminalSignal, handler: () => void): () => void;
  /** Stop the process (and its process group) as Ctrl+Z would; returns when continued. */
  stopProcess(): void;
  /** End the process with `code`. */
  exit(code: number): never;
  /** An environment variable (colour detection reads `NO_COLOR`, `COLORTERM`, `TERM`). */
  env(name: string): string | undefined;
}

/**
 * The process's own terminal: stdin/stdout of this Deno process. `env` is
 * where colour settings are read (pass the application context's `env`).
 */
export function processTerminal(env: Env = Deno.env.toObject()): Terminal {
  const encoder = new TextEncoder();
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return {
    size() {
      const { columns, rows } = Deno.consoleSize();
      return { columns, rows };
    },
    write(data) {
      const bytes = encoder.encode(data);
      let written = 0;
      while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
    },
    setRaw(raw) {
      if (Deno.stdin.isTerminal()) Deno.stdin.setRaw(raw);
    },
    async *input() {
      reader = Deno.stdin.readable.getReader();
      try {
        while (true) {
          const { value, done } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
        reader = undefined;
      }
    },
    stopInput() {
      reader?.cancel().catch(() => {});
    },
    onSignal(signal, handler) {
      Deno.addSignalListener(signal, handler);
      return () => Deno.removeSignalListener(signal, handler);
    },
    stopProcess() {
      // Process group 0 is ours: a wrapper such as `deno task` stops with us,
      // so the shell sees the job stopped and `fg` continues all of it.
      Deno.kill(0, "SIGSTOP");
    },
    exit(code) {
      Deno.exit(code);
    },
    env(name) {
      return env[name];
    },
  };
}
