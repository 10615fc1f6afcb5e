/**
 * Preparing a run: select the provider and model, refuse launches that
 * cannot work (prompt too large, CLI missing) before any state exists, then
 * claim the artifact directory and the agent name and write the prompt
 * files, the initial `agent_meta.json` and `launch.json`. After this the run
 * is visible to every reader, whether it starts now or waits.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { SaseError } from "../../errors.ts";
import { atomicWriteTextFile } from "../../fs/atomic_write.ts";
import type { Invocation, LlmProvider, LlmProviderLookup } from "../../provider.ts";
import {
  allocateRunDir,
  ARTIFACT_FILES,
  PRIVATE_FILE_MODE,
  projectForCwd,
  RUN_WORKFLOW,
} from "../records/artifacts.ts";
import type { LaunchRequest } from "./launch_request.ts";
import { type LaunchRecord, writeLaunchRecord } from "./launch_record.ts";
import { readActiveOverride } from "./llm_override.ts";
import { updateAgentMeta } from "../records/meta.ts";
import { reserveAgentName } from "../identity/naming.ts";
import { resolveExecutable } from "./process.ts";
import type { RunDeps } from "./run_deps.ts";
import { type Selection, selectModel } from "./select_model.ts";
import { initialRunMeta } from "./run_state.ts";
import { DEFAULT_WORKSPACE_REF, resolveWorkspace } from "../../workspace/resolve.ts";
import type { ResolvedWorkspace } from "../../workspace/types.ts";
import type { WorkspaceContext } from "../../workspace/provider.ts";

async function installedProviders(providers: LlmProviderLookup, env: Env): Promise<string[]> {
  const found = await Promise.all(
    providers.infos().filter((info) => info.autodetectPriority !== null).map(async (info) => {
      const command = (info.pathEnv && env[info.pathEnv]?.trim()) || info.binary;
      return await resolveExecutable(command, env, info.fallbackDirEnvs) ? info.name : undefined;
    }),
  );
  return found.filter((name): name is string => name !== undefined);
}

/** Select the provider/model for `request` (reads the override files). */
export async function selectForRequest(request: LaunchRequest, deps: RunDeps): Promise<Selection> {
  const [override, workerOverride, installed] = await Promise.all([
    readActiveOverride(deps.env, "primary"),
    readActiveOverride(deps.env, "worker"),
    installedProviders(deps.providers, deps.env),
  ]);
  return selectModel({
    infos: deps.providers.infos(),
    config: deps.config.llm_provider,
    provider: request.provider,
    model: request.model,
    tier: request.tier,
    env: deps.env,
    override,
    workerOverride,
    installed,
  });
}

/** The resolved executable of `invocation`, or a `provider.not_found` error. */
export async function executableFor(
  provider: LlmProvider,
  invocation: Invocation,
  env: Env,
): Promise<string> {
  const command = invocation.argv[0];
  const found = await resolveExecutable(command, env, provider.info.fallbackDirEnvs);
  if (found) return found;
  const info = provider.info;
  throw new SaseError(
    "provider.not_found",
    `${info.tool} executable '${command}' not found on PATH`,
    {
      hint: `${info.install}${info.pathEnv ? `, or set ${info.pathEnv} to its path` : ""}`,
      kind: "unavailable",
    },
  );
}

/**
 * Select the provider and model for `request` and prove the launch can
 * start (the prompt fits the transport, the CLI exists), writing nothing.
 */
export async function checkRequest(request: LaunchRequest, deps: RunDeps): Promise<Selection> {
  const selection = await selectForRequest(request, deps);
  const provider = deps.providers.get(selection.provider);
  const invocation = provider.buildInvocation({
    prompt: request.prompt,
    model: selection.model,
    tier: selection.tier,
    cwd: request.cwd ?? deps.cwd,
    env: deps.env,
    sessionId: crypto.randomUUID(),
  });
  await executableFor(provider, invocation, deps.env);
  return selection;
}

/**
 * The workspace `request` runs in: its reference resolved (a first-use
 * `#git:<name>` is initialized; inactive projects are refused), or
 * undefined when the request pins a `cwd` or no workspace providers exist.
 */
export async function resolveRequestWorkspace(
  request: LaunchRequest,
  deps: RunDeps,
): Promise<ResolvedWorkspace | undefined> {
  if (request.cwd !== undefined || !deps.workspaces) return undefined;
  return await resolveWorkspace(request.workspace ?? DEFAULT_WORKSPACE_REF, workspaceContext(deps));
}

/** The workspace service's context for this run service. */
export function workspaceContext(deps: RunDeps): WorkspaceContext {
  if (!deps.workspaces) {
    throw new SaseError("workspace.none", "no workspace providers", { kind: "unavailable" });
  }
  return {
    env: deps.env,
    config: deps.config,
    cwd: deps.cwd,
    providers: deps.workspaces,
    warn: deps.warn,
  };
}

/** Options of {@linkcode prepareRun}. */
export interface PrepareOptions {
  /** Launch detached (recorded; the caller spawns the runner). */
  daemon: boolean;
  /** The result of an earlier {@linkcode checkRequest} for the same request. */
  selection?: Selection;
  /** The result of an earlier {@linkcode resolveRequestWorkspace} for the same request. */
  workspace?: ResolvedWorkspace;
}

/** Prepare `request`; resolves to its launch record (already written). */
export async function prepareRun(
  request: LaunchRequest,
  deps: RunDeps,
  options: PrepareOptions,
): Promise<LaunchRecord> {
  const selection = options.selection ?? await checkRequest(request, deps);
  for (const warning of selection.warnings) deps.warn?.(warning);
  const workspace = request.claim?.workspace ?? options.workspace ??
    await resolveRequestWorkspace(request, deps);
  const cwd = request.claim?.dir ?? request.cwd ?? workspace?.primaryDir ?? deps.cwd;

  const startedAt = new Date();
  const project = workspace?.project ?? request.project ?? await projectForCwd(cwd);
  const run = await allocateRunDir(deps.env, project, startedAt);
  const reservation = { timestamp: run.timestamp, project, artifacts_dir: run.dir };
  // The kill machinery loads only for the rare forced reuse, off the launch path.
  const name = request.forceReuseName && request.name
    ? (await (await import("../identity/kill.ts")).forceReuseAgentName(
      deps.env,
      request.name,
      reservation,
    )).name
    : await reserveAgentName(deps.env, request.name, reservation);
  const mode = PRIVATE_FILE_MODE;
  await atomicWriteTextFile(
    join(run.dir, ARTIFACT_FILES.rawPrompt),
    request.rawPrompt ?? request.prompt,
    { mode },
  );
  await atomicWriteTextFile(join(run.dir, ARTIFACT_FILES.prompt), request.prompt, { mode });
  const waits = request.waits ?? [];
  const retry = request.retryOf;
  await updateAgentMeta(run.dir, {
    ...initialRunMeta({
      name,
      timestamp: run.timestamp,
      project,
      cwd,
      startedAt,
      daemon: options.daemon,
      hidden: request.hidden ?? false,
      waits,
      waitUntil: request.waitUntil,
      env: deps.env,
    }),
    workflow_name: request.parent?.workflow ?? RUN_WORKFLOW,
    // The ChangeSpec it works on, for listings before `done.json` exists.
    ...(workspace?.changespec ? { cl_name: workspace.changespec } : {}),
    ...(request.parent
      ? {
        parent_timestamp: request.parent.timestamp,
        parent_artifacts_dir: request.parent.dir,
        step_name: request.parent.step,
        ...(request.parent.iteration ? { step_iteration: request.parent.iteration } : {}),
      }
      : {}),
    provider: selection.provider,
    llm_provider: selection.provider,
    model: selection.model,
    raw_model: selection.rawModel ?? null,
    model_source: selection.source,
    tier: selection.tier,
    ...(request.flags ? { flags: request.flags } : {}),
    ...(request.repeat ? { repeat: request.repeat } : {}),
    ...(retry
      ? {
        retry_of_timestamp: retry.timestamp,
        retry_chain_root_timestamp: retry.rootTimestamp,
        retry_attempt: retry.attempt,
      }
      : {}),
  });
  const record: LaunchRecord = {
    schema_version: 1,
    name,
    timestamp: run.timestamp,
    project,
    dir: run.dir,
    cwd,
    config_dir: deps.cwd,
    prompt: request.prompt,
    provider: selection.provider,
    model: selection.model,
    tier: selection.tier,
    waits,
    ...(request.waitUntil ? { wait_until: request.waitUntil } : {}),
    hidden: request.hidden ?? false,
    daemon: options.daemon,
    ...(retry ? { retry_of: retry } : {}),
    ...(request.repeat ? { repeat: request.repeat } : {}),
    ...(workspace ? { workspace } : {}),
    ...(request.claim ? { claim: request.claim } : {}),
    ...(request.parent ? { parent: request.parent } : {}),
  };
  await writeLaunchRecord(record);
  return record;
}
