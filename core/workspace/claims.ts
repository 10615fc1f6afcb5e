/**
 * RUNNING-field claims (handbook 26.3): every change is one
 * read-modify-write of the ProjectSpec under its lock, so concurrent
 * launchers never hand out the same number. `#0` may be held by any number
 * of deferred launches; every other number by at most one process.
 *
 * @module
 */

import { basename, dirname, join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { ChangeSpecStore, type ProjectRef } from "../changespec/store.ts";
import type { ProjectSpecEditor } from "../changespec/edit.ts";
import type { RunningClaim } from "../changespec/types.ts";
import { inactiveProjectError } from "./lifecycle.ts";
import {
  FIRST_CLAIM_WORKSPACE,
  firstFreeWorkspace,
  LAST_CLAIM_WORKSPACE,
  PRIMARY_WORKSPACE,
} from "./numbers.ts";

/** A RUNNING row without its number (the allocator picks it). */
export type ClaimRow = Omit<RunningClaim, "workspace">;

/** Allocation bounds; the default is the shared `#10`–`#999` pool. */
export interface ClaimRange {
  min?: number;
  max?: number;
}

/** The ProjectSpec ref of the file at `projectFile`. */
export function projectRefForFile(projectFile: string): ProjectRef {
  const dir = dirname(projectFile);
  const name = basename(dir);
  const legacy = projectFile.endsWith(".gp");
  return {
    name,
    dir,
    activePath: projectFile,
    archivePath: join(dir, `${name}-archive${legacy ? ".gp" : ".sase"}`),
    legacy,
  };
}

function storeFor(ref: ProjectRef): ChangeSpecStore {
  return new ChangeSpecStore(dirname(ref.dir));
}

/**
 * Run `change` on the ProjectSpec at `projectFile` under its lock: one
 * read-modify-write. A missing file is a `project.not_found` error.
 */
async function mutateClaims<T>(
  projectFile: string,
  change: (editor: ProjectSpecEditor, ref: ProjectRef) => T | Promise<T>,
): Promise<T> {
  const ref = projectRefForFile(projectFile);
  try {
    await Deno.stat(ref.activePath);
  } catch {
    throw new SaseError("project.not_found", `no ProjectSpec at ${ref.activePath}`, {
      hint: "see `sase project list --state all`",
      kind: "not-found",
    });
  }
  return await storeFor(ref).mutate(ref, ({ active }) => change(active, ref));
}

/**
 * The first free number of `range` among `running`, or a
 * `workspace.exhausted` error naming the project and its file.
 */
function freeNumber(running: readonly RunningClaim[], range: ClaimRange, ref: ProjectRef): number {
  const min = range.min ?? FIRST_CLAIM_WORKSPACE;
  const max = range.max ?? LAST_CLAIM_WORKSPACE;
  const num = firstFreeWorkspace(running, min, max);
  if (num === null) {
    throw new SaseError(
      "workspace.exhausted",
      `all workspaces #${min}-#${max} of project '${ref.name}' are claimed in ${ref.activePath}`,
      { hint: "release stale claims with `sase workspace repair`", kind: "unavailable" },
    );
  }
  return num;
}

/**
 * Replace the first claim on `num` held by `pid` with what `change` returns
 * (null drops it); false when there is no such claim.
 */
function changeClaim(
  editor: ProjectSpecEditor,
  num: number,
  pid: number,
  change: (claim: RunningClaim) => RunningClaim | null,
): boolean {
  let found = false;
  editor.updateRunningClaims((claim) => {
    if (found || claim.workspace !== num || claim.pid !== pid) return claim;
    found = true;
    return change(claim);
  });
  return found;
}

/** The claims recorded now (read without the lock, like every reader). */
export async function readClaims(projectFile: string): Promise<RunningClaim[]> {
  const ref = projectRefForFile(projectFile);
  const file = await storeFor(ref).load(ref.activePath);
  return file?.header.running ?? [];
}

/**
 * Record `row` for workspace `num`, or for the first free number of `range`
 * when `num` is null; returns the number. New work in an inactive project is
 * refused; a number already held is a `workspace.claimed` error.
 */
export async function addClaim(
  projectFile: string,
  num: number | null,
  row: ClaimRow,
  range: ClaimRange = {},
): Promise<number> {
  return await mutateClaims(projectFile, (active, ref) => {
    const header = active.parsed.header;
    if (header.state === "inactive") throw inactiveProjectError(ref.name, header.state);
    const chosen = num ?? freeNumber(header.running, range, ref);
    const holder = header.running.find((claim) => claim.workspace === chosen);
    if (chosen !== PRIMARY_WORKSPACE && holder) {
      throw new SaseError(
        "workspace.claimed",
        `workspace #${chosen} of project '${ref.name}' is already claimed by pid ${holder.pid}`,
        {
          hint: "pick another number, or run `sase workspace repair` if that process is gone",
          kind: "conflict",
        },
      );
    }
    active.addRunningClaim({ workspace: chosen, ...row });
    return chosen;
  });
}

/** Drop the claim on `num` held by `pid`; false when there was none. */
export async function removeClaim(projectFile: string, num: number, pid: number): Promise<boolean> {
  return await mutateClaims(projectFile, (active) => changeClaim(active, num, pid, () => null));
}

/**
 * Rewrite the claim on `num` held by `fromPid` in place, so the workspace is
 * never free in between (spawn-on-retry hands a claim to a child).
 */
export async function rewriteClaim(
  projectFile: string,
  num: number,
  fromPid: number,
  to: ClaimRow,
): Promise<void> {
  await mutateClaims(projectFile, (active, ref) => {
    const found = changeClaim(active, num, fromPid, (claim) => ({
      workspace: num,
      ...to,
      pinned: claim.pinned,
    }));
    if (!found) {
      throw new SaseError(
        "workspace.not_claimed",
        `no claim on workspace #${num} by pid ${fromPid} in ${ref.activePath}`,
        {
          hint: "the claim was released (or repaired away) before the transfer",
          kind: "not-found",
        },
      );
    }
  });
}

/**
 * Swap the deferred `#0` claim of `pid` for the first free number of
 * `range` in one locked write; returns the number.
 */
export async function promoteClaim(
  projectFile: string,
  pid: number,
  range: ClaimRange = {},
): Promise<number> {
  return await mutateClaims(projectFile, (active, ref) => {
    const header = active.parsed.header;
    const held = header.running.find((c) => c.workspace === PRIMARY_WORKSPACE && c.pid === pid);
    if (!held) {
      throw new SaseError(
        "workspace.not_claimed",
        `no deferred #0 claim by pid ${pid} in ${ref.activePath}`,
        {
          hint: "claim the workspace with `deferred: true` before activating it",
          kind: "not-found",
        },
      );
    }
    const num = freeNumber(header.running, range, ref);
    changeClaim(active, PRIMARY_WORKSPACE, pid, (claim) => ({ ...claim, workspace: num }));
    return num;
  });
}

/**
 * Drop every unpinned claim whose process `isAlive` says is gone; returns
 * the dropped claims (none are dropped when `dryRun`).
 */
export async function removeDeadClaims(
  projectFile: string,
  isAlive: (pid: number) => Promise<boolean>,
  dryRun = false,
): Promise<RunningClaim[]> {
  return await mutateClaims(projectFile, async (active) => {
    const dead = new Set<number>();
    for (const claim of active.parsed.header.running) {
      if (!claim.pinned && !(await isAlive(claim.pid))) dead.add(claim.pid);
    }
    const dropped: RunningClaim[] = [];
    active.updateRunningClaims((claim) => {
      if (claim.pinned || !dead.has(claim.pid)) return claim;
      dropped.push(claim);
      return dryRun ? claim : null;
    });
    return dropped;
  });
}
