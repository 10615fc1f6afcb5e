/**
 * `sase bead init`: create (or complete) a bead store.
 *
 * Besides `config.json`, the manifest and an empty projection, it writes the
 * store's `.gitignore` (the cache and lock are local) and `.gitattributes`
 * (`merge=union` for the append-only streams and generated files), so two
 * clones that both added events merge without conflict markers. A legacy
 * `issues.jsonl`-only store is migrated to events on the spot.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { type BeadConfig, readBeadConfig, writeBeadConfig } from "./config.ts";
import { manifestText, mutateStore, regenerateMirrors } from "./store.ts";
import { eventStoreExists, storePaths } from "./paths.ts";
import { ensureStandaloneRepoForStore } from "../sdd/local_repo.ts";
import { prefixProblem } from "./ids.ts";

/** The `.gitignore` of a store. */
export const STORE_GITIGNORE = "beads.db*\n*.lock\n.*.tmp\n.write_token*\n";

/** The `.gitattributes` of a store. */
export const STORE_GITATTRIBUTES = [
  "events/streams/*.jsonl merge=union",
  "events/manifest.json merge=union",
  "issues.jsonl merge=union",
  "config.json merge=union",
  "",
].join("\n");

/** Options for {@linkcode initStore}. */
export interface InitOptions {
  prefix: string;
  owner: string;
  actor: string;
}

/** What init did. */
export interface InitResult {
  dir: string;
  created: string[];
  migrated: boolean;
  config: BeadConfig;
}

async function writeIfMissing(path: string, text: string, created: string[]): Promise<void> {
  try {
    await Deno.stat(path);
  } catch {
    await atomicWriteTextFile(path, text);
    created.push(path);
  }
}

/**
 * Create or complete the store at `dir`; idempotent. A local-mode store
 * (`.sase/sdd/beads/`) lives in the standalone SDD repository, which is
 * created (and ignored by the project's repository) first.
 */
export async function initStore(dir: string, options: InitOptions): Promise<InitResult> {
  const problem = prefixProblem(options.prefix);
  if (problem) throw new SaseError("bead.bad_prefix", problem, { kind: "invalid-input" });
  const paths = storePaths(dir);
  await ensureStandaloneRepoForStore(dir);
  await Deno.mkdir(paths.streamsDir, { recursive: true });
  const created: string[] = [];
  let migrated = false;
  const config = await withFileLock(paths.lockBase, async () => {
    let config = await readBeadConfig(paths.config);
    if (!config) {
      config = { issue_prefix: options.prefix, next_counter: 1, owner: options.owner };
      await writeBeadConfig(paths.config, config);
      created.push(paths.config);
    }
    await writeIfMissing(paths.gitignore, STORE_GITIGNORE, created);
    await writeIfMissing(paths.gitattributes, STORE_GITATTRIBUTES, created);
    return config;
  });
  let hasProjection = true;
  try {
    await Deno.stat(paths.projection);
  } catch {
    hasProjection = false;
  }
  const hadManifest = await Deno.stat(paths.manifest).then(() => true, () => false);
  if (hasProjection && !hadManifest && (await streamCount(paths.streamsDir)) === 0) {
    // Legacy store: the first mutation migrates it; an empty plan is enough.
    await Deno.remove(paths.streamsDir, { recursive: true });
    await mutateStore(dir, { actor: options.actor }, () => ({ events: [], result: undefined }));
    migrated = true;
  }
  if (!(await eventStoreExists(paths)) || !hadManifest) {
    await writeIfMissing(
      paths.manifest,
      manifestText(await streamCount(paths.streamsDir)),
      created,
    );
  }
  await writeIfMissing(paths.projection, "", created);
  await regenerateMirrors(dir);
  return { dir, created, migrated, config };
}

async function streamCount(dir: string): Promise<number> {
  let count = 0;
  try {
    for await (const entry of Deno.readDir(dir)) if (entry.name.endsWith(".jsonl")) count++;
  } catch {
    return 0;
  }
  return count;
}
