/**
 * `workflow_launch.json`: everything a workflow run needs to start, written
 * into its artifact directory at launch next to `workflow.yml` (the
 * workflow's text as launched, so a detached or resumed runner runs exactly
 * that). The detached runner (`sase __agent-run <dir>`) tells a workflow
 * run from an agent run by this file.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { z } from "zod";
import { SaseError } from "../errors.ts";
import { atomicWriteJson, atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { PRIVATE_FILE_MODE } from "../agent/records/artifacts.ts";
import type { ResolvedWorkspace } from "../workspace/types.ts";
import { WORKFLOW_LAUNCH_FILE } from "./run_kind.ts";

/** The workflow's text as launched. */
export const WORKFLOW_SNAPSHOT_FILE = "workflow.yml";

/** The parsed `workflow_launch.json`. */
export interface WorkflowLaunchRecord {
  schema_version: 1;
  /** The run's agent name. */
  name: string;
  timestamp: string;
  project: string;
  dir: string;
  /** Where the launch was made (its project-local `sase.yml` applies). */
  config_dir: string;
  /** Where the steps run when no workspace is claimed. */
  cwd: string;
  workflow: {
    name: string;
    /** The file it was loaded from (for `use:` imports and messages). */
    source_path: string;
    anonymous: boolean;
  };
  /** Bound inputs. */
  inputs: Record<string, unknown>;
  /** Outputs supplied for steps (those steps are skipped). */
  step_inputs: Record<string, unknown>;
  /** `!!` (true) or `??` (false) on the reference; null without. */
  hitl_override: boolean | null;
  /** The launch's `%model` (the default of agent steps). */
  model: string | null;
  waits: string[];
  wait_until: string | null;
  hidden: boolean;
  daemon: boolean;
  workspace: ResolvedWorkspace | null;
}

const workspaceSchema = z.looseObject({
  kind: z.string(),
  ref: z.string(),
  implicit: z.boolean(),
  project: z.string(),
  projectFile: z.string().nullable(),
  primaryDir: z.string(),
  checkoutTarget: z.string().nullable(),
  bareRepoDir: z.string().nullable(),
  vcs: z.string().nullable(),
  envPrefix: z.string(),
  numbered: z.boolean(),
  changespec: z.string().min(1).optional(),
});

const recordSchema = z.looseObject({
  schema_version: z.literal(1),
  name: z.string().min(1),
  timestamp: z.string().regex(/^\d{14}$/),
  project: z.string(),
  dir: z.string(),
  config_dir: z.string(),
  cwd: z.string(),
  workflow: z.looseObject({
    name: z.string(),
    source_path: z.string(),
    anonymous: z.boolean(),
  }),
  inputs: z.record(z.string(), z.unknown()),
  step_inputs: z.record(z.string(), z.unknown()),
  hitl_override: z.boolean().nullable(),
  model: z.string().nullable(),
  waits: z.array(z.string()),
  wait_until: z.string().nullable(),
  hidden: z.boolean(),
  daemon: z.boolean(),
  workspace: workspaceSchema.nullable(),
});

/** Write `record` and the workflow text into the run directory. */
export async function writeWorkflowLaunch(
  record: WorkflowLaunchRecord,
  text: string,
): Promise<void> {
  const mode = PRIVATE_FILE_MODE;
  await atomicWriteTextFile(join(record.dir, WORKFLOW_SNAPSHOT_FILE), text, { mode });
  await atomicWriteJson(join(record.dir, WORKFLOW_LAUNCH_FILE), record, { mode });
}

/** Read the launch record and workflow text of the run in `dir`. */
export async function readWorkflowLaunch(
  dir: string,
): Promise<{ record: WorkflowLaunchRecord; text: string }> {
  const path = join(dir, WORKFLOW_LAUNCH_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readTextBounded(path, READ_LIMITS.record));
  } catch (error) {
    if (error instanceof SaseError) throw error;
    throw new SaseError("workflow.launch_record", `${path}: ${(error as Error).message}`, {
      hint: "the run directory must come from a sase workflow launch",
      kind: error instanceof Deno.errors.NotFound ? "not-found" : "invalid-data",
    });
  }
  const checked = recordSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new SaseError(
      "workflow.launch_record",
      `${path}: '${issue.path.join(".")}' ${issue.message}`,
      { kind: "invalid-data" },
    );
  }
  const text = await readTextBounded(join(dir, WORKFLOW_SNAPSHOT_FILE), READ_LIMITS.config);
  return { record: checked.data as WorkflowLaunchRecord, text };
}
