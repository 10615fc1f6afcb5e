/**
 * Disposable per-run state that provider preparations keep in sase's cache
 * directory (`$XDG_CACHE_HOME/sase`, default `~/.cache/sase`), and run
 * leases: a lock file a run holds for as long as it lives. The lock is
 * advisory and the OS drops it when the holder exits, however it exits, so
 * another process can tell a live run's leftovers from a crashed run's.
 *
 * @module
 */

import { join } from "../../core/fs/path.ts";
import { type Env, homeDir } from "../../core/config/paths.ts";
import { SaseError } from "../../core/errors.ts";

/** `$XDG_CACHE_HOME/sase`, or `~/.cache/sase` when `XDG_CACHE_HOME` is unset. */
export function saseCacheDir(env: Env): string {
  const xdg = env.XDG_CACHE_HOME?.trim();
  return join(xdg ? xdg : join(homeDir(env), ".cache"), "sase");
}

/** A lease this process holds. */
export interface RunLease {
  /** The lock file, `<dir>/<id>.lock`. */
  readonly path: string;
  /** Give the lease up and delete its file (idempotent). */
  release(): Promise<void>;
}

function leasePath(dir: string, id: string): string {
  return join(dir, `${id}.lock`);
}

/** Take the lease `<dir>/<id>.lock`; `id` must be unique to this run. */
export async function acquireLease(dir: string, id: string): Promise<RunLease> {
  await Deno.mkdir(dir, { recursive: true });
  const path = leasePath(dir, id);
  const file = await Deno.open(path, { read: true, write: true, createNew: true });
  if (!(await file.tryLock(true))) {
    file.close();
    throw new SaseError("run.lease_busy", `run lease ${path} is held by another process`, {
      kind: "conflict",
    });
  }
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      // Delete before unlocking: a checker that opens the file now sees it
      // held, one that opens it afterwards finds nothing; both are right.
      await Deno.remove(path).catch(() => {});
      file.close();
    },
  };
}

/** True while some live process holds the lease `<dir>/<id>.lock`. */
export async function leaseHeld(dir: string, id: string): Promise<boolean> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(leasePath(dir, id), { read: true, write: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
  try {
    return !(await file.tryLock(true));
  } finally {
    file.close();
  }
}

/**
 * If the lease `<dir>/<id>.lock` exists but nobody holds it (its run
 * crashed), run `reclaim` while holding it, then delete it. Resolves to
 * whether `reclaim` ran.
 */
export async function reclaimStaleLease(
  dir: string,
  id: string,
  reclaim: () => Promise<void>,
): Promise<boolean> {
  const path = leasePath(dir, id);
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true, write: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
  try {
    if (!(await file.tryLock(true))) return false;
    await reclaim();
    await Deno.remove(path).catch(() => {});
    return true;
  } finally {
    file.close();
  }
}
