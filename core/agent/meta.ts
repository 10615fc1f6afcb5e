/**
 * `agent_meta.json` updates. The run service and the agent itself (`sase var
 * set` merges `output_variables`) both write the file, so every change is a
 * read-merge-write under the file's lock, written atomically.
 *
 * @module
 */

import { join } from "node:path";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "./artifacts.ts";

/**
 * Merge `fields` into the run's `agent_meta.json` (or, given a function, let
 * it compute the fields to merge from the current content); resolves to the
 * new content.
 */
export function updateAgentMeta(
  dir: string,
  fields: Record<string, unknown> | ((current: Record<string, unknown>) => Record<string, unknown>),
): Promise<Record<string, unknown>> {
  const path = join(dir, ARTIFACT_FILES.meta);
  return withFileLock(path, async () => {
    let current: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(await Deno.readTextFile(path));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) current = parsed;
    } catch {
      // First write, or a torn file replaced wholesale.
    }
    const next = { ...current, ...(typeof fields === "function" ? fields(current) : fields) };
    await atomicWriteJson(path, next, { mode: PRIVATE_FILE_MODE });
    return next;
  });
}
