/**
 * Committing an approved plan to SDD: the plan goes to its tier directory
 * with `create_time` (and `tier`) added, the prompt snapshot goes to
 * `prompts/`, both under the current `{YYYYMM}` bucket, linked to each other
 * with the root prefix. Local mode then commits both in the standalone repo;
 * version-controlled mode leaves them for `sase commit`.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { exists } from "../fs/access.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { createTimeText, monthBucket, promptRelpath, type SddTier, tierRelpath } from "./layout.ts";
import { setFrontmatterFields } from "./frontmatter.ts";
import { snapshotDocument } from "./snapshot.ts";
import { commitPlanningWrite, ensureLocalRepo } from "./local_repo.ts";
import type { SddRoot } from "./root.ts";

/** What to persist. */
export interface PersistRequest {
  sdd: SddRoot;
  tier: SddTier;
  /** The plan markdown as approved. */
  planText: string;
  /** Preferred file name (without `.md`). */
  name: string;
  /** Snapshot body (see `snapshotBody`), or null when there is no prompt to record. */
  snapshot: string | null;
  now?: Date;
  /** Commit message for local mode. */
  message?: string;
}

/** Where things went. */
export interface PersistResult {
  planPath: string;
  /** The link value other records use for the plan (`sdd/tales/...`). */
  planRef: string;
  promptPath: string | null;
  promptRef: string | null;
  /** Commit id in the standalone repo (local mode), else null. */
  commit: string | null;
}

/** A name free in both the tier bucket and the prompt bucket (`x`, `x_2`, ...). */
async function freeName(
  sdd: SddRoot,
  tier: SddTier,
  bucket: string,
  name: string,
): Promise<string> {
  for (let n = 1;; n++) {
    const candidate = n === 1 ? name : `${name}_${n}`;
    const taken = await exists(join(sdd.root, tierRelpath(tier, bucket, candidate))) ||
      await exists(join(sdd.root, promptRelpath(bucket, candidate)));
    if (!taken) return candidate;
  }
}

/** Write the plan (and snapshot) into the tree and commit in local mode. */
export async function persistApprovedPlan(request: PersistRequest): Promise<PersistResult> {
  const { sdd, tier } = request;
  const now = request.now ?? new Date();
  if (sdd.mode === "local") await ensureLocalRepo(sdd);
  const bucket = monthBucket(now);
  const name = await freeName(sdd, tier, bucket, request.name);
  const planRel = tierRelpath(tier, bucket, name);
  const promptRel = request.snapshot === null ? null : promptRelpath(bucket, name);
  const planRef = sdd.linkPrefix + planRel;
  const promptRef = promptRel === null ? null : sdd.linkPrefix + promptRel;
  const planPath = join(sdd.root, planRel);
  const planText = setFrontmatterFields(
    request.planText,
    { tier, create_time: createTimeText(now), ...(promptRef ? { prompt: promptRef } : {}) },
    planPath,
  );
  const written: string[] = [];
  let promptPath: string | null = null;
  if (promptRel !== null && request.snapshot !== null) {
    promptPath = join(sdd.root, promptRel);
    await atomicWriteTextFile(promptPath, snapshotDocument(request.snapshot, planRef));
    written.push(promptPath);
  }
  await atomicWriteTextFile(planPath, planText);
  written.push(planPath);
  const commit = await commitPlanningWrite(
    sdd,
    written,
    request.message ?? `Add ${tier} ${name}`,
  );
  return { planPath, planRef, promptPath, promptRef, commit };
}
