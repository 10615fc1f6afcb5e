/**
 * Shared set-up of the axe end-to-end tests: a sandboxed home with an
 * `axe:` configuration, the real CLI, and a disposer that stops whatever
 * orchestrator the test started (and fails loudly if one is left).
 *
 * @module
 */

import { join } from "node:path";
import { type CliResult, runSase } from "../_helpers/cli.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { readJsonFile, waitFor } from "../_helpers/runs.ts";

/** A sandbox for axe, stopped on dispose. */
export interface AxeSandbox extends AsyncDisposable {
  sb: Sandbox;
  axeDir: string;
  /** Run `sase <args>` with the sandbox's env (plus `env`). */
  sase(args: string[], env?: Record<string, string>): Promise<CliResult>;
  /** Write an executable script at `relative` (under the sandbox root); resolves to its path. */
  script(relative: string, body: string): Promise<string>;
  /** A lumberjack state file. */
  lj(name: string, ...parts: string[]): string;
}

/** Make an axe sandbox whose user config is `config` (YAML). */
export async function axeSandbox(
  config: string,
  env: Record<string, string> = {},
): Promise<AxeSandbox> {
  const sb = await makeSandbox();
  Object.assign(sb.env, env);
  await sb.write("home/.config/sase/sase.yml", config);
  const axeDir = join(sb.saseHome, "axe");
  return {
    sb,
    axeDir,
    sase: (args, extra = {}) => runSase(args, { env: { ...sb.env, ...extra }, cwd: sb.cwd }),
    async script(relative, body) {
      const path = await sb.write(relative, body);
      await Deno.chmod(path, 0o755);
      return path;
    },
    lj: (name, ...parts) => join(axeDir, "lumberjacks", name, ...parts),
    async [Symbol.asyncDispose]() {
      await runSase(["axe", "stop"], { env: sb.env, cwd: sb.cwd });
      await sb[Symbol.asyncDispose]();
    },
  };
}

/** The pid in a pid file, or undefined. */
export async function pidIn(path: string): Promise<number | undefined> {
  const text = await Deno.readTextFile(path).catch(() => "");
  return /^\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** Wait until a lumberjack's metrics.json shows at least `restarts` restarts. */
export function waitForRestarts(axe: AxeSandbox, name: string, restarts: number): Promise<number> {
  return waitFor(`${name} restarted ${restarts} time(s)`, async () => {
    const metrics = await readJsonFile(axe.lj(name, "metrics.json"));
    const count = Number(metrics?.restarts_total ?? 0);
    return count >= restarts ? count : undefined;
  }, 60_000);
}

/** The run entries of a chop, newest first. */
export async function chopRuns(
  axe: AxeSandbox,
  lj: string,
  chop: string,
): Promise<Record<string, unknown>[]> {
  const index = JSON.parse(
    await Deno.readTextFile(axe.lj(lj, "chops", chop, "index.json")).catch(() => "[]"),
  ) as string[];
  const runs = await Promise.all(
    index.map((id) => readJsonFile(axe.lj(lj, "chops", chop, "runs", `${id}.json`))),
  );
  return runs.filter((run): run is Record<string, unknown> => run !== undefined);
}
