/**
 * `stale_running_cleanup` and `orphan_cleanup` (handbook 5.4.1, 5.4.3):
 * release `RUNNING:` workspace claims whose process is gone, through the
 * workspace service's own release (`removeDeadClaims`, under the
 * ProjectSpec lock; pinned claims are never touched). The hooks-cadence
 * `orphan_cleanup` releases the dead claims of ChangeSpecs that are
 * reverted, archived or gone (their work cannot resume); the 5-minute
 * `stale_running_cleanup` releases every dead claim.
 *
 * @module
 */

import { removeDeadClaims } from "../../workspace/claims.ts";
import { isProcessAlive } from "../../process_liveness.ts";
import { baseStatus } from "../../changespec/status.ts";
import type { RunningClaim } from "../../changespec/types.ts";
import type { BuiltinChop, BuiltinChopContext } from "./registry.ts";

const MAX_LISTED = 10;

function describe(project: string, claim: RunningClaim): string {
  return `${project} #${claim.workspace} pid ${claim.pid}${
    claim.changespec ? ` (${claim.changespec})` : ""
  }`;
}

async function release(
  context: BuiltinChopContext,
  /** Which dead claims to release. */
  eligible: (claim: RunningClaim) => boolean,
): Promise<void> {
  // The lumberjack's cached parses find the candidates; only a project with
  // one is read again, under its lock, by the workspace service.
  const projects = await context.store.snapshots({ states: "all" });
  const released: string[] = [];
  let inspected = 0;
  for (const project of projects) {
    const claims = project.active?.header.running ?? [];
    inspected += claims.length;
    const targets = new Set(
      claims.filter((claim) => eligible(claim) && !isProcessAlive(claim.pid)).map((c) => c.pid),
    );
    if (targets.size === 0) continue;
    const dropped = await removeDeadClaims(
      project.ref.activePath,
      (pid) => Promise.resolve(!targets.has(pid) || isProcessAlive(pid)),
    );
    released.push(...dropped.map((claim) => describe(project.ref.name, claim)));
  }
  await context.log(
    `${context.chop.name}: inspected ${inspected} claim(s) in ${projects.length} project(s); ` +
      `released ${released.length}`,
  );
  if (released.length === 0) {
    await context.log(`no-op: no ${inspected ? "eligible claim has a dead process" : "claims"}`);
  }
  for (const line of released.slice(0, MAX_LISTED)) await context.log(`released ${line}`);
  if (released.length > MAX_LISTED) {
    await context.log(`... and ${released.length - MAX_LISTED} more`);
  }
}

const staleRunningCleanup: BuiltinChop = (context) => release(context, () => true);

const orphanCleanup: BuiltinChop = async (context) => {
  const { all } = await context.changeSpecs();
  const live = new Set(
    all.filter((spec) => !["Reverted", "Archived"].includes(baseStatus(spec.status)))
      .map((spec) => spec.name),
  );
  await release(context, (claim) => claim.changespec !== "" && !live.has(claim.changespec));
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = {
  stale_running_cleanup: staleRunningCleanup,
  orphan_cleanup: orphanCleanup,
};
