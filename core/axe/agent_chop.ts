/**
 * Agent chops (handbook 5.5.5, 5.5.8): a chop with `agent:` launches that
 * xprompt as a detached background agent through the `sase run` launcher,
 * holding an agent slot of the runner pool for as long as the agent runs.
 * `agent_chops.json` records each launch (prompt hash, pid, artifacts
 * timestamp, launch id) so a recurring chop does not start a second agent
 * for the same prompt while one still runs — across lumberjack restarts.
 *
 * @module
 */

import { atomicWriteJson } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { sha256Hex } from "../text/sha256.ts";
import { isProcessAlive } from "../process_liveness.ts";
import { launchPrompt } from "../agent/run/launch_prompt.ts";
import { createAppContext } from "../context.ts";
import { type ChopRunEntry, runningEntry, writeRun } from "./history.ts";
import { chopPaths, lumberjackPaths } from "./paths.ts";
import { chopEnv, type ChopRunRequest } from "./chop_run.ts";
import { withRunnerSlot } from "./runner_pool.ts";

/** One launch recorded in `agent_chops.json`. */
export interface AgentChopRecord {
  lumberjack: string;
  chop: string;
  prompt_hash: string;
  pid: number;
  artifacts_timestamp: string;
  artifacts_dir: string;
  launch_id: string;
  run_id: string;
  launched_at: string;
}

/** The prompt an agent chop launches. */
export function agentChopPrompt(agent: string): string {
  const trimmed = agent.trim();
  return trimmed.startsWith("#") ? trimmed : `#${trimmed}`;
}

/** The normalized hash of a prompt: whitespace runs count as one space. */
export function promptHash(prompt: string): string {
  return sha256Hex(prompt.trim().replace(/\s+/g, " ")).slice(0, 16);
}

/** The registry's records. */
export async function readAgentChops(path: string): Promise<AgentChopRecord[]> {
  try {
    const value = JSON.parse(await readTextBounded(path, READ_LIMITS.record));
    return Array.isArray(value?.agents) ? value.agents as AgentChopRecord[] : [];
  } catch {
    return [];
  }
}

/**
 * Launch the agent of `request.chop` unless one for the same prompt still
 * runs or the agent runner pool is full (null: nothing was launched; the
 * reason is in the lumberjack log line returned alongside).
 */
export async function runAgentChop(
  request: ChopRunRequest,
): Promise<{ entry: ChopRunEntry | null; note: string }> {
  const { app, lumberjack, chop } = request;
  const prompt = agentChopPrompt(chop.agent ?? "");
  const hash = promptHash(prompt);
  const registry = lumberjackPaths(app.env, lumberjack).agentChops;
  return await withFileLock(registry, async () => {
    const records = (await readAgentChops(registry)).filter((record) => isProcessAlive(record.pid));
    const live = records.find((record) => record.prompt_hash === hash);
    if (live) {
      return { entry: null, note: `agent for prompt ${hash} still runs (pid ${live.pid})` };
    }
    const started = app.now();
    let entry = runningEntry(lumberjack, chop.name, request.source, request.startedBy, started);
    const runId = entry.run_id;
    const env = { ...chopEnv(request, runId), SASE_CHOP_PROMPT_HASH: hash };
    let launched: { pid: number; timestamp: string; dir: string; name: string } | undefined;
    let failure: string | null = null;
    const slot = await withRunnerSlot(
      app.env,
      "agent",
      request.settings.maxAgentRunners,
      `${lumberjack}/${chop.name}`,
      async () => {
        await writeRun(app.env, entry);
        try {
          const outcome = await launchPrompt(
            createAppContext({ env, cwd: app.cwd, providers: app.providers, now: app.now }),
            { text: prompt, daemon: true, record: false },
          );
          launched = outcome.launched[0];
        } catch (error) {
          failure = error instanceof Error ? error.message : String(error);
        }
        return launched?.pid ?? null;
      },
    );
    if (slot === "full") {
      return {
        entry: null,
        note: `agent runner pool full (max_agent_runners ${request.settings.maxAgentRunners})`,
      };
    }
    const ended = app.now();
    const summary = launched
      ? `launched agent chop '${chop.name}' (PID ${launched.pid}) prompt_hash=${hash} ` +
        `prompt=${prompt.slice(0, 80)} agent=${launched.name} artifacts=${launched.dir}\n`
      : `agent chop '${chop.name}' failed to launch: ${failure ?? "no agent started"}\n`;
    await Deno.mkdir(chopPaths(app.env, lumberjack, chop.name).runsDir, { recursive: true });
    await Deno.writeTextFile(chopPaths(app.env, lumberjack, chop.name).runLog(runId), summary);
    entry = {
      ...entry,
      status: launched ? "agent_launched" : "failure",
      agent_pid: launched?.pid ?? null,
      finished_at: ended.toISOString(),
      duration_ms: Math.max(0, ended.getTime() - started.getTime()),
      output_bytes: new TextEncoder().encode(summary).length,
      error: launched ? null : failure ?? "no agent started",
    };
    await writeRun(app.env, entry);
    if (launched) {
      records.push({
        lumberjack,
        chop: chop.name,
        prompt_hash: hash,
        pid: launched.pid,
        artifacts_timestamp: launched.timestamp,
        artifacts_dir: launched.dir,
        launch_id: crypto.randomUUID(),
        run_id: runId,
        launched_at: started.toISOString(),
      });
    }
    await atomicWriteJson(registry, { agents: records }, { sync: false });
    return { entry, note: summary.trim() };
  });
}
