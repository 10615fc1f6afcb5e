/**
 * `launch.json`: everything a run needs to start, written into its artifact
 * directory by the launcher before anything runs. A detached runner (`sase
 * __agent-run <dir>`) reads it back, so a launch survives the CLI that made
 * it; foreground runs use the same record in-process. Reading (and its
 * zod schema) is in `launch_record_schema.ts`, which the launching CLI
 * never loads.
 *
 * @module
 */

import { join } from "node:path";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import type { LaunchRecord } from "./launch_record_schema.ts";

export type { LaunchRecord } from "./launch_record_schema.ts";

/** The record's file name inside a run directory. */
export const LAUNCH_FILE = "launch.json";

/** Write `record` into its run directory. */
export async function writeLaunchRecord(record: LaunchRecord): Promise<void> {
  await atomicWriteJson(join(record.dir, LAUNCH_FILE), record);
}
