/**
 * The tracking steps after a successful dispatch (handbook 13.2.4 steps
 * 13-15, 13.8): the PR's ChangeSpec, the COMMITS entry (with its TIMESTAMPS
 * `COMMIT (N)` event), `commit_result.json` (written once the entry id is
 * known) and, best effort, the DELTAS refresh. A run and its `--resume` share them: each step done is
 * recorded in the checkpoint, so a replay skips it and never writes a
 * second spec or entry.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import type { Env } from "../config/paths.ts";
import { atomicWriteJson, atomicWriteTextFile } from "../fs/atomic_write.ts";
import {
  chatDrawerValue,
  type CommitEntryDraft,
  splitCommitMessage,
} from "../changespec/commit_entry.ts";
import { bugFieldValue, createChangeSpec } from "../changespec/create.ts";
import type { ChangeSpecStore, ProjectRef } from "../changespec/store.ts";
import { projectRefOfFile } from "../changespec/store.ts";
import { appendCommitEntry, replaceDeltas } from "../changespec/tracking.ts";
import { computeDeltas } from "../vcs/deltas.ts";
import type { CompleteVcsProvider } from "../vcs/provider.ts";
import type { DeltaEntry } from "../changespec/types.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import type { CommitCheckpoint } from "./checkpoint.ts";
import { RUNTIME_TAG_KEYS, splitTrailingTags } from "./message.ts";
import { resultMarkerPath } from "./paths.ts";
import { homeRelative } from "./plan_file.ts";
import { parsePrStatus } from "./request.ts";
import { commitResultWire } from "./wire.ts";
import { commitStore } from "./tracking_target.ts";

/** Names of the finalize steps recorded in the checkpoint's `completed_steps`. */
export const STEPS = {
  dispatch: "dispatch",
  diff: "save_diff",
  changespec: "create_changespec",
  entry: "commits_entry",
  deltas: "deltas",
} as const;

/** What finishing needs besides the checkpoint. */
export interface FinishDeps {
  app: AppContext;
  vcs: CompleteVcsProvider;
  /** Persist the checkpoint after each step (so a crash replays only what is left). */
  save(checkpoint: CommitCheckpoint): Promise<void>;
  warn(message: string): void;
}

/** The message without the runtime `AGENT=`/`MACHINE=` trailers (the COMMITS note and body). */
export function withoutRuntimeTags(message: string): string {
  const { head, tags } = splitTrailingTags(message);
  const kept = tags.filter(([key]) => !RUNTIME_TAG_KEYS.has(key));
  return kept.length === 0 ? head : `${head}\n\n${kept.map(([k, v]) => `${k}=${v}`).join("\n")}`;
}

function projectOf(checkpoint: CommitCheckpoint): ProjectRef | null {
  return checkpoint.projectFile ? projectRefOfFile(checkpoint.projectFile) : null;
}

/** Write `commit_result.json` when the run has an artifacts directory. */
export async function writeResultMarker(env: Env, checkpoint: CommitCheckpoint): Promise<void> {
  const path = resultMarkerPath(env);
  if (path === null) return;
  await atomicWriteJson(
    path,
    commitResultWire({
      method: checkpoint.method,
      result: checkpoint.dispatchResult,
      message: checkpoint.payload.message,
      name: checkpoint.payload.name,
      beadId: checkpoint.payload.beadId,
      changespecName: checkpoint.changespecName,
      entryId: checkpoint.entryId,
      diffPath: checkpoint.diffPath,
    }),
    // Renamed into place whole; a reader never sees half of it.
    { sync: false },
  );
}

/** The note of a PR spec's first COMMITS entry (the original's wording). */
const INITIAL_COMMIT_NOTE = "[run] Initial Commit";

/** The CHAT, DIFF and PLAN drawers of this run's COMMITS entry (paths shown `~/`-relative). */
function runDrawers(
  deps: FinishDeps,
  checkpoint: CommitCheckpoint,
): Pick<CommitEntryDraft, "chat" | "diff" | "plan"> {
  const env = deps.app.env;
  const chat = env.SASE_AGENT_CHAT_PATH?.trim();
  const plan = env.SASE_PLAN?.trim();
  return {
    chat: chat ? chatDrawerValue(homeRelative(chat, env), deps.app.now()) : null,
    diff: checkpoint.diffPath ? homeRelative(checkpoint.diffPath, env) : null,
    plan: plan ? homeRelative(plan, env) : null,
  };
}

async function createPrSpec(
  deps: FinishDeps,
  store: ChangeSpecStore,
  checkpoint: CommitCheckpoint,
  project: ProjectRef,
): Promise<void> {
  const p = checkpoint.payload;
  const created = await createChangeSpec(store, {
    ref: project,
    baseName: checkpoint.baseClName ?? p.name ?? "",
    reservedName: checkpoint.reservedName,
    description: p.message,
    parent: checkpoint.parentClName,
    bug: bugFieldValue(p.bugId),
    pr: checkpoint.dispatchResult,
    prLabel: deps.vcs.info.family === "hg" ? "CL" : "PR",
    status: parsePrStatus(p.status ?? "draft", "checkpoint status"),
    initialCommit: {
      draft: { note: INITIAL_COMMIT_NOTE, body: [], ...runDrawers(deps, checkpoint) },
      at: deps.app.now(),
    },
  });
  created.warnings.forEach(deps.warn);
  checkpoint.changespecName = created.name;
}

async function appendEntry(
  deps: FinishDeps,
  store: ChangeSpecStore,
  checkpoint: CommitCheckpoint,
  project: ProjectRef,
): Promise<void> {
  const { note, body } = splitCommitMessage(withoutRuntimeTags(checkpoint.payload.message));
  const appended = await appendCommitEntry(store, {
    target: { name: checkpoint.clName!, projectFile: project.activePath },
    kind: checkpoint.method === "create_proposal" ? "proposal" : "commit",
    draft: { note, body, ...runDrawers(deps, checkpoint) },
    expectedEntryId: checkpoint.entryId,
    now: deps.app.now(),
  });
  checkpoint.entryId = appended.entryId;
}

/** Save the diff of the commit the run made to the checkpoint's `diffPath` (none: no path). */
async function saveCommittedDiff(deps: FinishDeps, checkpoint: CommitCheckpoint): Promise<void> {
  const path = checkpoint.diffPath!;
  // Cleared first: a diff that fails to save leaves no DIFF drawer pointing nowhere.
  checkpoint.diffPath = null;
  const diff = await deps.vcs.committedDiff(checkpoint.cwd);
  if (diff === null || diff.trim() === "") return;
  // A record for tracking, not state to recover: no flush to disk.
  await atomicWriteTextFile(path, diff, { sync: false });
  checkpoint.diffPath = path;
}

/**
 * The DELTAS of `name`: the change between its parent (its PARENT's branch,
 * else `origin/<default>`) and HEAD; null when the provider cannot tell.
 */
async function specDeltas(
  deps: FinishDeps,
  store: ChangeSpecStore,
  project: ProjectRef,
  name: string,
  cwd: string,
): Promise<DeltaEntry[] | null> {
  const { vcs } = deps;
  if (!vcs.supports("diffNameStatus")) return null;
  const snap = await store.snapshot(project, true);
  const spec = [snap.active, snap.archive].flatMap((f) => f?.specs ?? []).find((s) =>
    s.name === name
  );
  const parentRef = spec?.parent && vcs.supports("resolveRevision")
    ? await vcs.resolveRevision(cwd, { changespecName: spec.parent, projectBasename: project.name })
    : await vcs.defaultParentRevision(cwd);
  const [nameStatus, lineStats] = await Promise.all([
    vcs.diffNameStatus(cwd, parentRef, "HEAD"),
    vcs.supports("diffLineStats") ? vcs.diffLineStats(cwd, parentRef, "HEAD") : null,
  ]);
  return computeDeltas(nameStatus, lineStats);
}

/**
 * Run the tracking steps `checkpoint` has not done yet. A step that fails
 * is a warning: the commit itself already landed.
 */
export async function finishTracking(
  deps: FinishDeps,
  checkpoint: CommitCheckpoint,
): Promise<void> {
  const store = commitStore(deps.app);
  const project = projectOf(checkpoint);
  const done = (step: string) => checkpoint.completedSteps.includes(step);
  const step = async (name: string, run: () => Promise<void>, what: string, save = true) => {
    if (done(name)) return;
    try {
      await run();
      checkpoint.completedSteps.push(name);
      if (save) await deps.save(checkpoint);
    } catch (error) {
      deps.warn(`${what}: ${neutralizeControls((error as Error).message)}`);
    }
  };
  const isPr = checkpoint.method === "create_pull_request";
  const cwd = checkpoint.cwd;
  const deltas = checkpoint.method !== "create_proposal" && project !== null &&
    !done(STEPS.deltas);
  // A commit's spec exists already: its DELTAS are worked out alongside the other steps.
  const computed = deltas && !isPr && checkpoint.clName !== null
    ? specDeltas(deps, store, project!, checkpoint.clName, cwd).catch((error: Error) => error)
    : null;
  // A proposal's and a PR's diff were saved by the dispatch (the PR's from its checkout target).
  if (
    checkpoint.method === "create_commit" && checkpoint.diffPath !== null &&
    deps.vcs.supports("committedDiff")
  ) {
    // Writing the file again is harmless: no checkpoint write for this step.
    await step(STEPS.diff, () => saveCommittedDiff(deps, checkpoint), "diff not saved", false);
  }
  if (isPr) {
    if (project === null) {
      deps.warn(`no ChangeSpec created: ${checkpoint.cwd} belongs to no sase project`);
    } else {
      await step(
        STEPS.changespec,
        () => createPrSpec(deps, store, checkpoint, project),
        "ChangeSpec not created",
      );
    }
  }
  if (!isPr && project !== null && checkpoint.clName !== null) {
    await step(
      STEPS.entry,
      () => appendEntry(deps, store, checkpoint, project),
      "COMMITS entry not added",
    );
  }
  // Written once the entry id is known (an entry that failed leaves it null).
  await writeResultMarker(deps.app.env, checkpoint);
  const deltasOf = isPr ? checkpoint.changespecName : checkpoint.clName;
  if (deltas && deltasOf !== null) {
    await step(
      STEPS.deltas,
      async () => {
        // Computed while the entry was written; an error there is this step's.
        const entries = await (computed ?? specDeltas(deps, store, project!, deltasOf, cwd));
        if (entries instanceof Error) throw entries;
        if (entries === null) return;
        await replaceDeltas(store, { name: deltasOf, projectFile: project!.activePath }, entries);
      },
      "DELTAS not refreshed",
      // The last step, and one that can run twice: no checkpoint write needed.
      false,
    );
  }
}
