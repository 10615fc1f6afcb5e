/**
 * `agent_meta.json` updates. The run service and the agent itself (`sase var
 * set` merges `output_variables`) both write the file, so every change is a
 * read-merge-write under the file's lock, written atomically; a damaged file
 * is kept aside, never silently replaced.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { withFileLock } from "../../fs/lock.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";
import { SaseError } from "../../errors.ts";
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
    const current = await readMetaOrSetAside(path);
    const next = { ...current, ...(typeof fields === "function" ? fields(current) : fields) };
    await atomicWriteJson(path, next, { mode: PRIVATE_FILE_MODE });
    return next;
  });
}

/**
 * The current content of `agent_meta.json` (empty when missing). The file is
 * always written whole, so an unreadable one was damaged by someone else (an
 * agent can write into its own run directory): its bytes are kept beside it
 * as `agent_meta.json.corrupt-<ms>` before a fresh file replaces it.
 */
async function readMetaOrSetAside(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readTextBounded(path, READ_LIMITS.record);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return {};
    if (!(error instanceof SaseError)) throw error;
    text = "";
  }
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
  } catch {
    // set aside below
  }
  await Deno.rename(path, `${path}.corrupt-${Date.now()}`);
  return {};
}
