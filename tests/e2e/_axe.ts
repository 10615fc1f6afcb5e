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
import { makeRepoWithOrigin } from "../_helpers/git.ts";
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

/** A project `proj` whose WORKSPACE_DIR is a clone with origin, holding ChangeSpec `feat`. */
export interface AxeProject {
  work: string;
  projectFile: string;
  /** Write `file` in the clone and commit it into `feat` through `sase commit`. */
  commit(file: string, text: string, message: string): Promise<void>;
}

/** Set up {@linkcode AxeProject} with `feat` in `status` and these HOOKS commands. */
export async function axeProject(
  axe: AxeSandbox,
  options: { hooks?: string[]; status?: string } = {},
): Promise<AxeProject> {
  const { sb } = axe;
  const hooks = options.hooks ?? [];
  const { work } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n" });
  const projectFile = await sb.write(
    "home/.sase/projects/proj/proj.sase",
    `WORKSPACE_DIR: ${work}\n\n\nNAME: feat\nDESCRIPTION:\n  The feature.\nSTATUS: ${
      options.status ?? "Ready"
    }\n` + (hooks.length ? `HOOKS:\n${hooks.map((hook) => `  ${hook}\n`).join("")}` : ""),
  );
  const artifacts = join(sb.root, "artifacts");
  await Deno.mkdir(artifacts, { recursive: true });
  const commit = async (file: string, text: string, message: string) => {
    await Deno.writeTextFile(join(work, file), text);
    const result = await runSase(["commit", "-m", message, "-t", "commit", "-f", file], {
      env: {
        ...sb.env,
        SASE_ARTIFACTS_DIR: artifacts,
        SASE_AGENT_NAME: "bot",
        SASE_AGENT_PROJECT_FILE: projectFile,
        SASE_AGENT_CL_NAME: "feat",
      },
      cwd: work,
    });
    if (result.code !== 0) throw new Error(`sase commit failed: ${result.stderr}`);
  };
  return { work, projectFile, commit };
}

/** The lines of a block field (`HOOKS`, `MENTORS`) in `file`, after its header. */
export async function fieldLines(file: string, field: string): Promise<string[]> {
  const lines = (await Deno.readTextFile(file)).split("\n");
  const start = lines.indexOf(`${field}:`);
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(" ")) break;
    out.push(line);
  }
  return out;
}
