/**
 * The disposable shadow `CODEX_HOME` a Codex run gets (handbook 21.7.4):
 * a fresh directory under `<cache>/sase/codex_home/` holding a copy of the
 * real home's `config.toml` and a symlink back to every other entry, so Codex
 * reads auth, hooks, skills, logs and caches from the real home while any
 * rewrite of its config stays in the throwaway copy. When the real home has
 * no `AGENTS.override.md` or `AGENTS.md`, `~/AGENTS.md` is linked in as the
 * shadow's `AGENTS.md` fallback. `SASE_CODEX_DISABLE_SHADOW_HOME=1` turns it
 * off and Codex sees the inherited environment.
 *
 * The shadow is removed when the run ends. A run that crashed never gets
 * there, so each run holds a lease on `<name>.lock` next to its shadow and
 * every new run first removes the shadows whose lease is no longer held.
 *
 * @module
 */

import { join, resolve } from "../../core/fs/path.ts";
import { type Env, homeDir } from "../../core/config/paths.ts";
import { SaseError } from "../../core/errors.ts";
import type { PreparedRun } from "../../core/provider.ts";
import { acquireLease, reclaimStaleLease, saseCacheDir } from "./run_cache.ts";
import { exists } from "../../core/fs/access.ts";

/** Set to `1` to launch Codex with the inherited `CODEX_HOME`. */
export const DISABLE_SHADOW_HOME_ENV = "SASE_CODEX_DISABLE_SHADOW_HOME";

/** Shadow homes without a lease file (older or foreign ones) are left alone this long. */
const UNLEASED_GRACE_MS = 24 * 60 * 60 * 1000;

const CONFIG_FILE = "config.toml";
const AGENTS_FILES = ["AGENTS.override.md", "AGENTS.md"];

/** The directory holding every shadow home. */
export function codexShadowRoot(env: Env): string {
  return join(saseCacheDir(env), "codex_home");
}

function isInside(path: string, root: string): boolean {
  const candidate = resolve(path);
  const base = resolve(root);
  return candidate === base || candidate.startsWith(`${base}/`);
}

/**
 * The user's real Codex home: `CODEX_HOME`, unless that is itself a shadow
 * (sase started from inside a sase-launched Codex), else `~/.codex`.
 */
export function realCodexHome(env: Env): string {
  const explicit = env.CODEX_HOME?.trim();
  if (explicit && !isInside(explicit, codexShadowRoot(env))) return resolve(explicit);
  return join(homeDir(env), ".codex");
}

async function populate(shadow: string, real: string, env: Env): Promise<void> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(real)) names.push(entry.name);
  } catch (error) {
    // No real home yet: Codex starts from an empty one, as it would without sase.
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  for (const name of names) {
    const source = join(real, name);
    if (name === CONFIG_FILE) {
      await Deno.copyFile(source, join(shadow, name));
      continue;
    }
    const isDir = await Deno.stat(source).then((info) => info.isDirectory, () => false);
    await Deno.symlink(source, join(shadow, name), { type: isDir ? "dir" : "file" });
  }
  if (!names.some((name) => AGENTS_FILES.includes(name))) {
    const fallback = join(homeDir(env), "AGENTS.md");
    if (await exists(fallback)) {
      await Deno.symlink(fallback, join(shadow, "AGENTS.md"), { type: "file" });
    }
  }
}

/**
 * Remove shadow homes left by runs that died without cleaning up: those
 * whose lease nobody holds, and unleased ones older than a day. Resolves to
 * the removed paths.
 */
export async function sweepStaleShadowHomes(root: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(root));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return removed;
    throw error;
  }
  const names = new Set(entries.map((entry) => entry.name));
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.isDirectory) {
      if (names.has(`${entry.name}.lock`)) {
        const reclaimed = await reclaimStaleLease(root, entry.name, async () => {
          await Deno.remove(path, { recursive: true }).catch(() => {});
        });
        if (reclaimed) removed.push(path);
        continue;
      }
      const info = await Deno.lstat(path).catch(() => undefined);
      const age = now - (info?.mtime?.getTime() ?? now);
      if (age > UNLEASED_GRACE_MS) {
        await Deno.remove(path, { recursive: true }).catch(() => {});
        removed.push(path);
      }
    } else if (entry.name.endsWith(".lock") && !names.has(entry.name.slice(0, -5))) {
      await reclaimStaleLease(root, entry.name.slice(0, -5), () => Promise.resolve());
    }
  }
  return removed;
}

const NOTHING: PreparedRun = { cleanup: () => Promise.resolve() };

/**
 * Create the run's shadow `CODEX_HOME` (unless disabled) and return the
 * environment pointing Codex at it; `cleanup` deletes it.
 */
export async function prepareCodexHome(env: Env): Promise<PreparedRun> {
  if (env[DISABLE_SHADOW_HOME_ENV] === "1") return NOTHING;
  const root = codexShadowRoot(env);
  const real = realCodexHome(env);
  // Housekeeping only: a failed sweep must not stop this run.
  await sweepStaleShadowHomes(root).catch(() => {});
  const name = `${Deno.pid}-${crypto.randomUUID()}`;
  const shadow = join(root, name);
  let release = () => Promise.resolve();
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    // Recursive removal unlinks the symlinks; it never follows them into the real home.
    await Deno.remove(shadow, { recursive: true }).catch(() => {});
    await release();
  };
  try {
    // The lease exists before the directory, so a sweeping run never sees an
    // unleased shadow that is still being built.
    const lease = await acquireLease(root, name);
    release = () => lease.release();
    await Deno.mkdir(shadow, { mode: 0o700 });
    await populate(shadow, real, env);
  } catch (error) {
    await cleanup();
    const message = error instanceof Error ? error.message : String(error);
    throw new SaseError(
      "codex.shadow_home",
      `cannot create the shadow CODEX_HOME ${shadow} from ${real}: ${message}`,
      {
        hint: `fix the cache directory, or set ${DISABLE_SHADOW_HOME_ENV}=1 to use the real home`,
        cause: error,
        kind: "failed",
      },
    );
  }
  return { env: { CODEX_HOME: shadow }, cleanup };
}
