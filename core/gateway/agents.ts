/**
 * The agent operations of the mobile API and of `sase mobile agent-bridge`:
 * list, resume options, launch (text or image), kill and retry — through
 * the same services as `sase agent list`, `sase run` and `sase agent kill`.
 *
 * A launch names its project by a known project name (`<sase_home>/
 * projects/<p>/<p>.sase`), never by a path; the agent starts in that
 * project's `WORKSPACE_DIR`, and an inactive project is refused with the
 * CLI's activation hint. Each launch appends its mobile context to
 * `agent_launch_contexts.jsonl`; a kill records its context under
 * `agent_kill_contexts/`; the last project a device launched in is kept
 * under `device_project_contexts/`.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { homeDir } from "../config/paths.ts";
import { appendJsonl } from "../fs/jsonl.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonFile } from "../fs/json_object.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { SaseError } from "../errors.ts";
import { indexLocation } from "../agent/index/index_service.ts";
import { listAgents } from "../agent/index/list.ts";
import type { AgentRow } from "../agent/index/rows.ts";
import { resolveAgent } from "../agent/index/resolve.ts";
import { ARTIFACT_FILES } from "../agent/records/artifacts.ts";
import { HOME_PROJECT } from "../changespec/project.ts";
import { assertLaunchable } from "../workspace/lifecycle.ts";
import { findWorkspaceRefs, normalizeWorkspaceRefs } from "../xprompt/workspace_refs.ts";
import { GatewayError } from "./errors.ts";
import { expandHome, knownProject } from "./projects.ts";
import { GATEWAY_FILES } from "./paths.ts";
import { newId } from "./tokens.ts";
import type { LaunchResultWire, LaunchSlotWire, MobileAgentSummaryWire } from "./wire.ts";

export type { LaunchResultWire, LaunchSlotWire, MobileAgentSummaryWire };

const FINISHED = new Set(["DONE", "FAILED", "KILLED"]);

/**
 * One agent as the phone sees it. `names` maps run timestamps to agent
 * names, for the name of the run a retry child retries.
 */
function summaryOf(row: AgentRow, names: ReadonlyMap<string, string>): MobileAgentSummaryWire {
  const running = !FINISHED.has(row.status);
  const name = row.name ?? row.timestamp;
  return {
    name,
    status: row.status,
    project: row.project,
    pid: row.pid,
    model: row.model,
    provider: row.provider,
    workspace_number: row.workspaceNum,
    started_at: row.startedAt,
    duration_seconds: row.durationSeconds,
    prompt_snippet: row.promptSnippet,
    has_artifact_dir: true,
    actions: {
      can_kill: running,
      can_retry: !running,
      can_resume: !running && row.name !== null,
      can_wait: running && row.name !== null,
    },
    display: { title: name, status_label: row.status, subtitle: row.project },
    retry_lineage: {
      parent_agent_name: row.retry.retryOfTimestamp === null
        ? null
        : names.get(row.retry.retryOfTimestamp) ?? null,
      retried_as_timestamp: row.retry.retriedAsTimestamp,
      retry_attempt: row.retry.attempt,
      retry_chain_root_timestamp: row.retry.chainRootTimestamp,
      retry_of_timestamp: row.retry.retryOfTimestamp,
    },
  };
}

/** What a list asks for. */
export interface AgentListQuery {
  includeRecent: boolean;
  project: string | null;
  status: string | null;
  limit: number | null;
}

/** Running agents (and, asked, the recent finished ones), newest first. */
export async function listMobileAgents(app: AppContext, query: AgentListQuery) {
  const rows = await listAgents(indexLocation(app.env), {
    project: query.project ?? undefined,
  });
  const wanted = query.status?.trim().toUpperCase().replace("_", " ");
  const kept = rows.filter((row) =>
    (query.includeRecent || !FINISHED.has(row.status)) && (!wanted || row.status === wanted)
  );
  const page = query.limit === null ? kept : kept.slice(0, query.limit);
  const names = new Map(rows.flatMap((row) => row.name ? [[row.timestamp, row.name]] : []));
  return {
    schema_version: 1 as const,
    agents: page.map((row) => summaryOf(row, names)),
    total_count: kept.length,
  };
}

/** Copy/share prompts to resume a finished agent's conversation or wait for a running one. */
export async function resumeOptions(app: AppContext) {
  const rows = await listAgents(indexLocation(app.env), {});
  const options = rows.filter((row) => row.name !== null).slice(0, 25).map((row) => {
    const running = !FINISHED.has(row.status);
    const name = row.name!;
    return running
      ? {
        id: `wait:${name}`,
        agent_name: name,
        kind: "wait" as const,
        label: `Wait for ${name}`,
        prompt_text: `%wait:${name} `,
        direct_launch_supported: true,
      }
      : {
        id: `resume:${name}`,
        agent_name: name,
        kind: "resume" as const,
        label: `Resume ${name}`,
        prompt_text: `#resume:${name} `,
        direct_launch_supported: false,
      };
  });
  return { schema_version: 1 as const, options };
}

/** A launch from the phone. */
export interface MobileLaunch {
  deviceId: string | null;
  prompt: string;
  name: string | null;
  project: string | null;
  model: string | null;
  dryRun: boolean;
  requestId: string | null;
  /** `text`, `image` or `retry`. */
  kind: "text" | "image" | "retry";
  /** The source agent of a retry. */
  retryOf?: string;
}

/** The directory a launch in `project` starts in (home mode: the home directory). */
async function launchDir(
  app: AppContext,
  project: string | null,
): Promise<{ dir: string; context: string }> {
  if (project === null || project === "" || project === HOME_PROJECT) {
    return { dir: homeDir(app.env), context: "home" };
  }
  const info = await knownProject(app, project, "not_found");
  try {
    assertLaunchable(info.name, info.state);
  } catch (error) {
    const refused = error as SaseError;
    throw new GatewayError("launch_failed", `${refused.message} (${refused.hint})`, {
      kind: "conflict",
      target: project,
      status: 409,
      hint: refused.hint,
    });
  }
  if (!info.workspaceDir) {
    throw new GatewayError("launch_failed", `project '${info.name}' has no WORKSPACE_DIR`, {
      kind: "invalid-data",
      target: project,
    });
  }
  return { dir: expandHome(app, info.workspaceDir), context: `project:${info.name}` };
}

/** The directives a mobile launch adds in front of the prompt. */
function directives(launch: MobileLaunch): string {
  const parts: string[] = [];
  if (launch.name) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(launch.name)) {
      throw new GatewayError("invalid_request", "`name` may hold letters, digits, '.', '_', '-'", {
        kind: "invalid-input",
        target: launch.name,
      });
    }
    parts.push(`%name:${launch.name}`);
  }
  if (launch.model) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(launch.model)) {
      throw new GatewayError("invalid_request", "`model` is not a model name", {
        kind: "invalid-input",
        target: launch.model,
      });
    }
    parts.push(`%model:${launch.model}`);
  }
  return parts.length ? parts.join(" ") + " " : "";
}

/** Launch a prompt from the phone, detached. */
export async function launchMobile(
  app: AppContext,
  stateDir: string,
  launch: MobileLaunch,
): Promise<LaunchResultWire> {
  if (launch.prompt.trim() === "") {
    throw new GatewayError("invalid_request", "the prompt is empty", { kind: "invalid-input" });
  }
  // Legacy `#gh@123` VCS refs are written `#gh:123` now.
  const prompt = normalizeWorkspaceRefs(launch.prompt);
  const { dir, context } = await launchDir(app, launch.project);
  const [ref] = findWorkspaceRefs(prompt);
  // A project launch without a workspace reference of its own works in the
  // project's WORKSPACE_DIR.
  const where = context !== "home" && !ref ? (/\s/.test(dir) ? `#cd(${dir}) ` : `#cd:${dir} `) : "";
  const text = directives(launch) + where + prompt;
  const slots: LaunchSlotWire[] = [];
  const contextId = ref && ref.kind !== "cd" ? `${context}:${ref.kind}:${ref.ref}` : context;
  if (launch.dryRun) {
    const { planPrompt } = await import("../agent/run/launch_prompt.ts");
    const plan = await planPrompt(app.at(dir), text);
    plan.entries.forEach((entry, index) =>
      slots.push({
        slot_id: `slot_${index}`,
        status: "dry_run",
        name: entry.name ?? null,
        artifact_dir: null,
        message: null,
      })
    );
  } else {
    const { launchPrompt } = await import("../agent/run/launch_prompt.ts");
    let outcome;
    try {
      outcome = await launchPrompt(app.at(dir), { text, daemon: true, warn: () => {} });
    } catch (error) {
      if (error instanceof SaseError && error.kind !== "internal") {
        throw new GatewayError("launch_failed", error.message, {
          kind: error.kind,
          hint: error.hint,
          status: error.kind === "conflict" ? 409 : error.kind === "not-found" ? 404 : 400,
        });
      }
      throw error;
    }
    outcome.launched.forEach((agent, index) =>
      slots.push({
        slot_id: `slot_${index}`,
        status: "launched",
        name: agent.name,
        artifact_dir: agent.dir,
        message: null,
      })
    );
  }
  const record = {
    timestamp: app.now().toISOString(),
    launch_id: newId("launch"),
    request_id: launch.requestId,
    device_id: launch.deviceId,
    kind: launch.kind,
    context_id: contextId,
    project: context === "home" ? null : context.slice("project:".length),
    retry_of: launch.retryOf ?? null,
    dry_run: launch.dryRun,
    agents: slots.map((slot) => slot.name),
  };
  if (!launch.dryRun) {
    await appendJsonl(join(stateDir, GATEWAY_FILES.launchContexts), [record], { mode: 0o600 });
    if (launch.deviceId) {
      await atomicWriteJson(
        join(stateDir, GATEWAY_FILES.projectContexts, `${launch.deviceId}.json`),
        {
          schema_version: 1,
          device_id: launch.deviceId,
          context_id: contextId,
          project: record.project,
          updated_at: record.timestamp,
        },
        { mode: 0o600 },
      );
    }
  }
  return { schema_version: 1, primary: slots[0] ?? null, slots };
}

/** The project a device launched in last (its remembered context), if any. */
export async function deviceProject(stateDir: string, deviceId: string): Promise<string | null> {
  const data = await readJsonFile(
    join(stateDir, GATEWAY_FILES.projectContexts, `${deviceId}.json`),
    "gateway.project_context",
  ).catch(() => undefined) as { project?: unknown } | undefined;
  return typeof data?.project === "string" ? data.project : null;
}

/** The run of the agent named exactly `name` (`agent_not_found` when there is none). */
async function mobileAgent(app: AppContext, name: string) {
  return await resolveAgent(indexLocation(app.env), name).catch((error) => {
    if (error instanceof SaseError && error.kind === "not-found") {
      throw new GatewayError("agent_not_found", `no agent named '${name}'`, {
        kind: "not-found",
        target: name,
      });
    }
    throw error;
  });
}

/** Kill a running agent by exact name. */
export async function killMobileAgent(
  app: AppContext,
  stateDir: string,
  name: string,
  context: { deviceId: string | null; reason: string | null },
) {
  const run = await mobileAgent(app, name);
  if (run.record.has_done) {
    throw new GatewayError(
      "agent_not_running",
      `agent '${name}' already finished (${run.record.outcome ?? "done"})`,
      {
        kind: "conflict",
        target: name,
      },
    );
  }
  const { stopAgentRun } = await import("../agent/identity/kill.ts");
  const killed = await stopAgentRun(app, run.record.dir, { project: run.record.project });
  const stamp = app.now().toISOString();
  await atomicWriteJson(
    join(
      stateDir,
      GATEWAY_FILES.killContexts,
      `${run.record.project}-${run.record.timestamp}.json`,
    ),
    {
      schema_version: 1,
      agent_name: name,
      device_id: context.deviceId,
      reason: context.reason,
      killed_at: stamp,
      outcome: killed.outcome,
    },
    { mode: 0o600 },
  );
  return {
    schema_version: 1 as const,
    name,
    status: killed.outcome.toUpperCase(),
    changed: killed.signalled.length > 0 || killed.wroteDone,
    pid: run.record.pid,
    message: killed.escalated ? "stopped with SIGKILL" : null,
  };
}

/**
 * Retry an agent: launch its recorded prompt again (its `%name` dropped, so
 * the new run gets a fresh name) in the project it ran in.
 */
export async function retryMobileAgent(
  app: AppContext,
  stateDir: string,
  name: string,
  options: {
    deviceId: string | null;
    dryRun: boolean;
    promptOverride: string | null;
    requestId: string | null;
  },
) {
  const run = await mobileAgent(app, name);
  const raw = options.promptOverride ??
    await readTextBounded(join(run.record.dir, ARTIFACT_FILES.rawPrompt), READ_LIMITS.document)
      .catch(() => null);
  if (raw === null) {
    throw new GatewayError("gone_stale", `agent '${name}' has no recorded prompt to retry`, {
      kind: "conflict",
      target: name,
    });
  }
  const prompt = raw.replace(/(^|\s)%(?:name|n):\S+/g, "$1").trim();
  const project = run.record.project === HOME_PROJECT ? null : run.record.project;
  const launch = await launchMobile(app, stateDir, {
    deviceId: options.deviceId,
    prompt,
    name: null,
    project: project && run.record.workspace_dir ? project : null,
    model: null,
    dryRun: options.dryRun,
    requestId: options.requestId,
    kind: "retry",
    retryOf: name,
  });
  return { schema_version: 1 as const, source_agent: name, launch };
}
