/**
 * `launch.json`: everything a run needs to start, written into its artifact
 * directory by the launcher before anything runs. A detached runner (`sase
 * __agent-run <dir>`) reads it back, so a launch survives the CLI that made
 * it; foreground runs use the same record in-process.
 *
 * The record is sase's own file, read on the launch's critical path, so it
 * is checked field by field (`core/fs/json_fields.ts`) rather than with a
 * zod schema: loading zod would cost a runner ~10 ms before every agent.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { SaseError } from "../../errors.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { PRIVATE_FILE_MODE } from "../records/artifacts.ts";
import { fieldsCheck, type JsonFields } from "../../fs/json_fields.ts";
import { readCheckedJson } from "../../fs/json_object.ts";
import type { ResolvedWorkspace, WorkspaceClaim } from "../../workspace/types.ts";
import type { RetryLink, WorkflowParent } from "./launch_request.ts";

/** The parsed `launch.json`. */
export interface LaunchRecord {
  schema_version: 1;
  name: string;
  /** The run's `YYYYMMDDhhmmss` artifacts timestamp. */
  timestamp: string;
  project: string;
  dir: string;
  cwd: string;
  /** Where the launch was made: its project-local `sase.yml` applies to the run too. */
  config_dir?: string;
  prompt: string;
  provider: string;
  model: string;
  tier: "large" | "small";
  waits: string[];
  wait_until?: string;
  hidden: boolean;
  daemon: boolean;
  retry_of?: RetryLink;
  /** `%repeat` slot: its 1-based iteration and the total (the previous slot is its last wait). */
  repeat?: { iteration: number; total: number };
  /** The resolved workspace; the runner claims a checkout of it (absent: run in `cwd`). */
  workspace?: ResolvedWorkspace;
  /** A claim handed over by a spawn-on-retry parent (the runner adopts it). */
  claim?: WorkspaceClaim;
  /** A workflow step's agent: the workflow run it belongs to. */
  parent?: WorkflowParent;
}

/** The record's file name inside a run directory. */
export const LAUNCH_FILE = "launch.json";

/** Write `record` into its run directory. */
export async function writeLaunchRecord(record: LaunchRecord): Promise<void> {
  // It holds the prompt: readable by the user only, like the prompt files.
  await atomicWriteJson(join(record.dir, LAUNCH_FILE), record, { mode: PRIVATE_FILE_MODE });
}

function readWorkspace(fields: JsonFields): ResolvedWorkspace {
  return {
    kind: fields.string("kind"),
    ref: fields.string("ref"),
    implicit: fields.boolean("implicit"),
    project: fields.string("project"),
    projectFile: fields.nullableString("projectFile"),
    primaryDir: fields.string("primaryDir"),
    checkoutTarget: fields.nullableString("checkoutTarget"),
    bareRepoDir: fields.nullableString("bareRepoDir"),
    vcs: fields.nullableString("vcs"),
    envPrefix: fields.string("envPrefix"),
    numbered: fields.boolean("numbered"),
    ...(fields.has("changespec") ? { changespec: fields.string("changespec", /./) } : {}),
  };
}

function readClaim(fields: JsonFields): WorkspaceClaim {
  const claimant = fields.object("claimant");
  return {
    workspace: readWorkspace(fields.object("workspace")),
    num: fields.integer("num", 0),
    dir: fields.string("dir"),
    claimant: {
      agentName: claimant.string("agentName"),
      timestamp: claimant.string("timestamp"),
      pid: claimant.integer("pid"),
      workflow: claimant.string("workflow"),
    },
    deferred: fields.boolean("deferred"),
    registryPath: fields.nullableString("registryPath"),
  };
}

function readRetryLink(fields: JsonFields): RetryLink {
  return {
    timestamp: fields.string("timestamp"),
    rootTimestamp: fields.string("rootTimestamp"),
    attempt: fields.integer("attempt", 1),
    retryCount: fields.integer("retryCount", 0),
    usedFallback: fields.boolean("usedFallback"),
    retryErrors: fields.strings("retryErrors"),
  };
}

function readParent(fields: JsonFields): WorkflowParent {
  return {
    workflow: fields.string("workflow"),
    timestamp: fields.string("timestamp", /^\d{14}$/),
    dir: fields.string("dir"),
    step: fields.string("step"),
    ...(fields.has("iteration") ? { iteration: fields.integer("iteration", 1) } : {}),
  };
}

/** Check a parsed `launch.json`; unknown keys are dropped. */
function readRecord(fields: JsonFields): LaunchRecord {
  const optional = <T>(key: string, read: () => T): T | undefined =>
    fields.has(key) ? read() : undefined;
  const record: LaunchRecord = {
    schema_version: fields.constant("schema_version", 1),
    name: fields.string("name", /./),
    timestamp: fields.string("timestamp", /^\d{14}$/),
    project: fields.string("project"),
    dir: fields.string("dir"),
    cwd: fields.string("cwd"),
    config_dir: optional("config_dir", () => fields.string("config_dir")),
    prompt: fields.string("prompt"),
    provider: fields.string("provider"),
    model: fields.string("model"),
    tier: fields.oneOf("tier", ["large", "small"] as const),
    waits: fields.strings("waits"),
    wait_until: optional("wait_until", () => fields.string("wait_until")),
    hidden: fields.boolean("hidden"),
    daemon: fields.boolean("daemon"),
    retry_of: optional("retry_of", () => readRetryLink(fields.object("retry_of"))),
    repeat: optional("repeat", () => {
      const repeat = fields.object("repeat");
      return { iteration: repeat.integer("iteration", 1), total: repeat.integer("total", 1) };
    }),
    workspace: optional("workspace", () => readWorkspace(fields.object("workspace"))),
    claim: optional("claim", () => readClaim(fields.object("claim"))),
    parent: optional("parent", () => readParent(fields.object("parent"))),
  };
  // Absent optional fields stay absent, as they were written.
  for (const key of Object.keys(record) as (keyof LaunchRecord)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

const LAUNCH_RECORD = fieldsCheck(readRecord);

/** Read and check the launch record of the run in `dir`. */
export async function readLaunchRecord(dir: string): Promise<LaunchRecord> {
  const path = join(dir, LAUNCH_FILE);
  const hint = "the run directory must come from a sase launch";
  const record = await readCheckedJson(path, LAUNCH_RECORD, "launch.record", { hint });
  if (!record) {
    throw new SaseError("launch.record", `${path} does not exist`, { hint, kind: "not-found" });
  }
  return record;
}
