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
  /**
   * Input bytes as they arrive; ends when `stopInput` is called or input
   * closes. Called again after `stopInput`, it reads anew (the runner stops
   * input while another program has the terminal).
   */
  input(): AsyncIterable<Uint8Array>;
  /** Stop delivering input; no read is left pending on the terminal. */
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
 *
 * Input is read by a `cat` child, not by Deno: a read Deno has started on
 * the tty cannot be withdrawn, so it would swallow the first keys of a
 * program the terminal is handed to (`$EDITOR`). A child's pending read
 * ends with the child: `stopInput` kills it and the next `input()` starts
 * another. The child is killed on exit too, so no reader outlives us.
 */
export function processTerminal(env: Env = Deno.env.toObject()): Terminal {
  const encoder = new TextEncoder();
  let reader: Deno.ChildProcess | null = null;
  const stopReader = () => {
    const child = reader;
    reader = null;
    globalThis.removeEventListener("unload", stopReader);
    try {
      child?.kill("SIGKILL");
    } catch {
      // It has ended already.
    }
  };
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
      stopReader();
      const child = new Deno.Command("cat", { stdin: "inherit", stdout: "piped", stderr: "null" })
        .spawn();
      reader = child;
      globalThis.addEventListener("unload", stopReader);
      // Nobody else awaits its status; this keeps Deno from reporting a leak.
      child.status.catch(() => {});
      try {
        for await (const chunk of child.stdout) yield chunk;
      } finally {
        if (reader === child) stopReader();
      }
    },
    stopInput() {
      stopReader();
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
      stopReader();
      Deno.exit(code);
    },
    env(name) {
      return env[name];
    },
  };
}
