/**
 * The process's terminal, with input read by a `cat` child instead of by
 * Deno itself, so the terminal can be handed to another program (the
 * review screen's `$EDITOR`) and taken back. A read Deno has started on the
 * tty cannot be withdrawn: it would swallow the editor's first keys. A
 * child's pending read ends with the child, so `stopInput` kills it and the
 * next `input()` starts a new one.
 *
 * @module
 */

import type { Env } from "../../core/env.ts";
import { processTerminal, type Terminal } from "../engine/terminal.ts";

/** A {@linkcode Terminal} on stdin/stdout whose input can be stopped and restarted. */
export function handoffTerminal(env: Env): Terminal {
  const base = processTerminal(env);
  let child: Deno.ChildProcess | null = null;
  const stopChild = () => {
    try {
      child?.kill("SIGKILL");
    } catch {
      // Already gone.
    }
    child = null;
  };
  return {
    ...base,
    async *input() {
      const reader = new Deno.Command("cat", { stdin: "inherit", stdout: "piped", stderr: "null" })
        .spawn();
      child = reader;
      // Its status is not awaited by anyone else; this keeps Deno from reporting a leak.
      reader.status.catch(() => {});
      for await (const chunk of reader.stdout) yield chunk;
    },
    stopInput() {
      stopChild();
    },
    exit(code) {
      stopChild();
      return base.exit(code);
    },
  };
}
