/**
 * The `.sase/checkout.json` marker every managed checkout carries (handbook
 * 11.9.2): the project, key, number, primary path and registry path, so a
 * command run inside the checkout knows its project without guessing from
 * directory names. The primary checkout never gets one.
 *
 * @module
 */

import { dirname, join, resolve } from "../fs/path.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";

/** The marker's path relative to a checkout. */
export const MARKER_PATH = ".sase/checkout.json";

/** The marker file. */
export interface CheckoutMarker {
  schema_version: 1;
  project_name: string;
  project_key: string;
  workspace_num: number;
  primary_workspace_dir: string;
  registry_path: string;
}

/** Write (atomically) the marker of the checkout at `dir`. */
export async function writeMarker(dir: string, marker: CheckoutMarker): Promise<void> {
  await atomicWriteTextFile(join(dir, MARKER_PATH), JSON.stringify(marker, null, 2) + "\n");
}

/** The marker of the checkout at `dir`; null when absent or unreadable. */
export async function readMarker(dir: string): Promise<CheckoutMarker | null> {
  try {
    const raw = JSON.parse(await readTextBounded(join(dir, MARKER_PATH), READ_LIMITS.record));
    if (typeof raw !== "object" || raw === null || typeof raw.project_name !== "string") {
      return null;
    }
    return {
      schema_version: 1,
      project_name: raw.project_name,
      project_key: String(raw.project_key ?? ""),
      workspace_num: Number(raw.workspace_num) || 0,
      primary_workspace_dir: String(raw.primary_workspace_dir ?? ""),
      registry_path: String(raw.registry_path ?? ""),
    };
  } catch {
    return null;
  }
}

/** The nearest marker at or above `start`, with the checkout directory holding it. */
export async function findMarker(
  start: string,
): Promise<{ dir: string; marker: CheckoutMarker } | null> {
  let dir = resolve(start);
  while (true) {
    const marker = await readMarker(dir);
    if (marker) return { dir, marker };
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
