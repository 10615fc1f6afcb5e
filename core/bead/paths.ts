/**
 * File layout of one bead store directory.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { exists } from "../fs/access.ts";
import { isSafeIssueId } from "./ids.ts";

/** Every path inside a bead store. */
export interface StorePaths {
  dir: string;
  config: string;
  eventsDir: string;
  manifest: string;
  streamsDir: string;
  projection: string;
  db: string;
  /** The writer lock is taken on `<lockBase>.lock`. */
  lockBase: string;
  gitignore: string;
  gitattributes: string;
}

/** The layout of the store at `dir`. */
export function storePaths(dir: string): StorePaths {
  const eventsDir = join(dir, "events");
  return {
    dir,
    config: join(dir, "config.json"),
    eventsDir,
    manifest: join(eventsDir, "manifest.json"),
    streamsDir: join(eventsDir, "streams"),
    projection: join(dir, "issues.jsonl"),
    db: join(dir, "beads.db"),
    lockBase: join(dir, "store"),
    gitignore: join(dir, ".gitignore"),
    gitattributes: join(dir, ".gitattributes"),
  };
}

/**
 * The stream file of a root id. An id that is not a plain root id (a `/`, a
 * `..`, a dot) is refused, so no id can name a file outside the store.
 */
export function streamPath(paths: StorePaths, streamId: string): string {
  if (!isSafeIssueId(streamId) || streamId.includes(".")) {
    throw new SaseError(
      "bead.bad_id",
      `'${streamId}' is not a valid bead stream id (letters, digits, '_' and '-')`,
      { kind: "invalid-data" },
    );
  }
  return join(paths.streamsDir, `${streamId}.jsonl`);
}

/** Whether the store has an event store (manifest or streams directory). */
export async function eventStoreExists(paths: StorePaths): Promise<boolean> {
  return (await exists(paths.manifest)) || (await exists(paths.streamsDir));
}

/** Whether anything of a bead store exists at `paths.dir`. */
export async function storeExists(paths: StorePaths): Promise<boolean> {
  for (const path of [paths.config, paths.eventsDir, paths.projection]) {
    if (await exists(path)) return true;
  }
  return false;
}

/** The stream id a file in the streams directory names, or undefined when it is no stream. */
export function streamIdOf(entry: Deno.DirEntry): string | undefined {
  if (entry.isDirectory || !entry.name.endsWith(".jsonl")) return undefined;
  // Only a root id names a stream; any other `.jsonl` here is not ours to read.
  const id = entry.name.slice(0, -6);
  return isSafeIssueId(id) && !id.includes(".") ? id : undefined;
}

/** The store's stream ids (file names without `.jsonl`), sorted; thousands cost one call. */
export function listStreamIdsSync(paths: StorePaths): string[] {
  const ids: string[] = [];
  try {
    for (const entry of Deno.readDirSync(paths.streamsDir)) {
      const id = streamIdOf(entry);
      if (id !== undefined) ids.push(id);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return ids.sort();
}
