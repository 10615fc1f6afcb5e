/**
 * The entry of a confined process: a small shell script the trusted side
 * writes into a private directory (mode 0700, outside every path a launcher
 * Worker or an agent may write) holding the exact working directory,
 * environment and command line. Whoever runs it (the launch Worker, whose
 * only run permission it is) cannot change what it starts: it ignores its
 * arguments, replaces its environment (`env -i`), and `sh -p` reads no
 * startup file named by the environment it was started with.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { shellQuote } from "../self_command.ts";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What an entry starts. */
export interface EntrySpec {
  cwd: string;
  /** The complete environment of the started process. */
  env: Readonly<Record<string, string>>;
  /** Program (absolute) and arguments. */
  argv: readonly string[];
}

/** The entry script's text for `spec`. */
export function entryScript(spec: EntrySpec): string {
  const assignments = Object.entries(spec.env)
    .filter(([name]) => NAME.test(name))
    .map(([name, value]) => shellQuote(`${name}=${value}`));
  return [
    "#!/bin/sh -p",
    "# sase: one confined process; its arguments and environment are ignored.",
    `cd -- ${shellQuote(spec.cwd)} || exit 127`,
    `exec /usr/bin/env -i ${[...assignments, ...spec.argv.map(shellQuote)].join(" ")}`,
    "",
  ].join("\n");
}

/**
 * Where one entry will be written. Reserved ahead of time, so a launcher
 * Worker can be started with the entry's path as its one run permission
 * before the command it will start is known; disposing it removes it.
 */
export interface EntrySlot extends AsyncDisposable {
  /** The script's path. */
  readonly path: string;
  /** Write the script (once: an existing file at the path is an error, never replaced). */
  write(spec: EntrySpec): Promise<void>;
}

/** Reserve an entry in a fresh private directory. */
export async function reserveEntry(): Promise<EntrySlot> {
  const dir = await Deno.makeTempDir({ prefix: "sase-entry-" });
  await Deno.chmod(dir, 0o700);
  const path = join(dir, "entry");
  return {
    path,
    async write(spec) {
      await Deno.writeTextFile(path, entryScript(spec), { mode: 0o700, createNew: true });
    },
    async [Symbol.asyncDispose]() {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}
