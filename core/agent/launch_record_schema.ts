/**
 * Reading `launch.json` (see `launch_record.ts`) against its zod schema.
 * Only runners read records: the launching CLI writes them without
 * loading zod.
 *
 * @module
 */

import { join } from "node:path";
import { z } from "zod";
import { SaseError } from "../errors.ts";
import { readCheckedJson } from "../fs/json_object.ts";
import { LAUNCH_FILE } from "./launch_record.ts";

const retryLinkSchema = z.object({
  timestamp: z.string(),
  rootTimestamp: z.string(),
  attempt: z.number().int().positive(),
  retryCount: z.number().int().nonnegative(),
  usedFallback: z.boolean(),
  retryErrors: z.array(z.string()),
});

const resolvedWorkspaceSchema = z.object({
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
});

const claimSchema = z.object({
  workspace: resolvedWorkspaceSchema,
  num: z.number().int().nonnegative(),
  dir: z.string(),
  claimant: z.object({
    agentName: z.string(),
    timestamp: z.string(),
    pid: z.number().int(),
    workflow: z.string(),
  }),
  deferred: z.boolean(),
  registryPath: z.string().nullable(),
});

/** The schema `launch.json` is checked against when read. */
export const launchRecordSchema = z.object({
  schema_version: z.literal(1),
  name: z.string().min(1),
  timestamp: z.string().regex(/^\d{14}$/),
  project: z.string(),
  dir: z.string(),
  cwd: z.string(),
  /** Where the launch was made: its project-local `sase.yml` applies to the run too. */
  config_dir: z.string().optional(),
  prompt: z.string(),
  provider: z.string(),
  model: z.string(),
  tier: z.enum(["large", "small"]),
  waits: z.array(z.string()),
  wait_until: z.string().optional(),
  hidden: z.boolean(),
  daemon: z.boolean(),
  retry_of: retryLinkSchema.optional(),
  /** `%repeat` slot: its 1-based iteration and the total (the previous slot is its last wait). */
  repeat: z.object({ iteration: z.number().int().positive(), total: z.number().int().positive() })
    .optional(),
  /** The resolved workspace; the runner claims a checkout of it (absent: run in `cwd`). */
  workspace: resolvedWorkspaceSchema.optional(),
  /** A claim handed over by a spawn-on-retry parent (the runner adopts it). */
  claim: claimSchema.optional(),
});

/** The parsed `launch.json`. */
export type LaunchRecord = z.infer<typeof launchRecordSchema>;

/** Read and validate the launch record of the run in `dir`. */
export async function readLaunchRecord(dir: string): Promise<LaunchRecord> {
  const path = join(dir, LAUNCH_FILE);
  const hint = "the run directory must come from a sase launch";
  const record = await readCheckedJson(path, launchRecordSchema, "launch.record", hint);
  if (!record) throw new SaseError("launch.record", `${path} does not exist`, { hint });
  return record;
}
