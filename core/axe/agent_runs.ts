/**
 * The agents axe's ChangeSpec chops launched and still follow — mentors
 * (`~/.sase/mentors/mentor_runs.json`) and fix-hook agents
 * (`~/.sase/axe/fix_hook_runs.json`) — keyed by what they work on, so a
 * later tick (in any axe process) finds each one's artifact directory and
 * pid again.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { readJsonObject } from "../fs/json_object.ts";
import { type Env, saseHome } from "../config/paths.ts";
import { axeDir } from "./paths.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { isProcessAlive } from "../process_liveness.ts";
import { ARTIFACT_FILES } from "../agent/records/artifacts.ts";

/** One followed agent. */
export interface AgentRun {
  key: string;
  pid: number;
  dir: string;
  started_at: string;
}

/** The registries. */
export type AgentRunRegistry = "mentors" | "fix_hooks";

function registryPath(env: Env, registry: AgentRunRegistry): string {
  return registry === "mentors"
    ? join(saseHome(env), "mentors", "mentor_runs.json")
    : join(axeDir(env), "fix_hook_runs.json");
}

/** The followed agents by key. */
export async function readAgentRuns(
  env: Env,
  registry: AgentRunRegistry,
): Promise<Record<string, AgentRun>> {
  return (await readJsonObject(registryPath(env, registry)) ?? {}) as Record<string, AgentRun>;
}

/** Record (or, with null, forget) the agent of `key`. */
export async function writeAgentRun(
  env: Env,
  registry: AgentRunRegistry,
  key: string,
  run: AgentRun | null,
): Promise<void> {
  const path = registryPath(env, registry);
  await withFileLock(path, async () => {
    const runs = await readAgentRuns(env, registry);
    if (run) runs[key] = run;
    else delete runs[key];
    await atomicWriteJson(path, runs, { sync: false });
  });
}

/** Where a followed agent stands. */
export type AgentRunState =
  | { kind: "running" }
  | { kind: "gone" }
  | { kind: "done"; outcome: string; reply: string };

/**
 * The state of `run`: `done` once its `done.json` exists (with the outcome
 * and the reply it streamed), `gone` when its runner died without one.
 */
export async function agentRunState(run: AgentRun): Promise<AgentRunState> {
  const done = await readJsonObject(join(run.dir, ARTIFACT_FILES.done));
  if (!done) return isProcessAlive(run.pid) ? { kind: "running" } : { kind: "gone" };
  const reply = await readTextBounded(join(run.dir, ARTIFACT_FILES.liveReply), READ_LIMITS.document)
    .catch(() => "");
  return { kind: "done", outcome: String(done.outcome ?? ""), reply };
}
