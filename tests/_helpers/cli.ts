/**
 * Run the real `sase` CLI as a subprocess, the way a user would.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/** What a CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for {@linkcode runSase}. */
export interface RunSaseOptions {
  /** Environment for the child (normally a sandbox's `env`). Nothing else is inherited. */
  env: Record<string, string>;
  /** Working directory. */
  cwd?: string;
  /** Text written to the child's stdin. */
  stdin?: string;
}

/** Run `sase <args>` from source and collect its output. */
export async function runSase(args: string[], options: RunSaseOptions): Promise<CliResult> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", MAIN, ...args],
    env: { DENO_NO_UPDATE_CHECK: "1", ...options.env },
    clearEnv: true,
    cwd: options.cwd,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = command.spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    // A child may stop reading early (a size limit, an early error): its
    // answer is what the test checks, not whether all of stdin was taken.
    const fed = await writer.write(new TextEncoder().encode(options.stdin)).then(
      () => true,
      (error) => {
        if (error instanceof Deno.errors.BrokenPipe) return false;
        throw error;
      },
    );
    if (fed) await writer.close();
  }
  const output = await child.output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}
