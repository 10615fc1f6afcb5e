/**
 * Rewinding a ChangeSpec to an earlier COMMITS entry `(N)`: the diffs the
 * later entries saved (their `DIFF` drawers) are applied in reverse, newest
 * first, on the spec's branch, and the result is committed as
 * `[rewind] (N)`. History is never rewritten, so the branch still pushes
 * normally. The COMMITS section is renumbered (see `rewind_entries.ts`), a
 * TIMESTAMPS `REWIND (N)` event is recorded and DELTAS are refreshed.
 *
 * Every later entry needs its saved diff: one without a DIFF drawer, or
 * whose file is gone, stops the rewind before anything changes.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { exists } from "../../fs/access.ts";
import { atomicWriteTextFile } from "../../fs/atomic_write.ts";
import { join } from "../../fs/path.ts";
import { saseTimestamp } from "../../time.ts";
import { expandPath } from "../../workspace/paths.ts";
import { editorHolding } from "../store.ts";
import { timestampEventText } from "../timestamp_event.ts";
import type { ChangeSpec } from "../types.ts";
import { type DeltasRefresh, refreshDeltas } from "./deltas.ts";
import {
  checkoutIfNeeded,
  type OpTarget,
  prepareOp,
  refuseStatuses,
  requireCleanTree,
  revisionOf,
} from "./prepare.ts";
import {
  remapCommentLines,
  remapHookLines,
  remapMentorLines,
  rewindCommitsBlock,
} from "./rewind_entries.ts";
import { SETTLED_STATUSES } from "./sync.ts";

/** What {@linkcode rewindChangeSpec} did. */
export interface RewindResult {
  name: string;
  project: string;
  /** The entry rewound to. */
  entry: number;
  /** The saved diffs undone, newest first. */
  undone: string[];
  /** The proposal id the first undone entry became (`(N<letter>)`). */
  proposalId: string;
  /** Entry ids removed from COMMITS. */
  removed: string[];
  deltas: DeltasRefresh;
}

/** The message of the commit that records a rewind. */
export function rewindMessage(entry: number): string {
  return `[rewind] (${entry})`;
}

/** The saved diffs of the landed entries after `entry`, newest first; each must exist. */
export async function diffsToUndo(
  spec: ChangeSpec,
  entry: number,
  app: AppContext,
  cwd: string,
): Promise<string[]> {
  const landed = spec.commits.filter((c) => c.proposalLetter === null);
  if (!landed.some((c) => c.number === entry)) {
    const known = landed.map((c) => `(${c.number})`).join(", ") || "none";
    throw new SaseError(
      "changespec.entry_not_found",
      `'${spec.name}' has no COMMITS entry (${entry}) to rewind to (entries: ${known})`,
      { kind: "not-found" },
    );
  }
  const later = landed.filter((c) => c.number > entry).sort((a, b) => b.number - a.number);
  if (later.length === 0) {
    throw new SaseError(
      "changespec.nothing_to_rewind",
      `(${entry}) is the last COMMITS entry of '${spec.name}'; there is nothing to rewind`,
      { kind: "conflict" },
    );
  }
  const paths: string[] = [];
  for (const commit of later) {
    if (commit.diff === null) {
      throw new SaseError(
        "changespec.no_entry_diff",
        `COMMITS entry (${commit.number}) of '${spec.name}' has no DIFF drawer; it cannot be undone`,
        { kind: "not-found" },
      );
    }
    const path = expandPath(commit.diff, app.env, cwd);
    if (!(await exists(path))) {
      throw new SaseError(
        "changespec.no_entry_diff",
        `the saved diff of COMMITS entry (${commit.number}) of '${spec.name}' is gone: ${path}`,
        { kind: "not-found" },
      );
    }
    paths.push(path);
  }
  return paths;
}

/** Rewind ChangeSpec `target.name` to its COMMITS entry `(entry)`. */
export async function rewindChangeSpec(
  app: AppContext,
  target: OpTarget,
  entry: number,
): Promise<RewindResult> {
  const op = await prepareOp(app, target);
  const { spec, provider, cwd } = op;
  refuseStatuses(spec, SETTLED_STATUSES, "rewind");
  const undone = await diffsToUndo(spec, entry, app, cwd);
  await requireCleanTree(op, "rewind");
  const revision = await revisionOf(op, spec.name);
  await target.confirm?.(
    `rewind '${spec.name}' to (${entry}): undo ${undone.length} later entr${
      undone.length === 1 ? "y" : "ies"
    } on ${revision} with a new commit and renumber its COMMITS`,
  );
  await checkoutIfNeeded(op, revision);
  await provider.rewind(cwd, undone);
  await provider.addRemove(cwd);
  const dir = await Deno.makeTempDir({ prefix: "sase-rewind-" });
  try {
    const logfile = join(dir, "message.txt");
    await atomicWriteTextFile(logfile, rewindMessage(entry) + "\n");
    await provider.commit(cwd, spec.name, logfile);
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
  const stamp = saseTimestamp(app.now());
  const { eventType, detail } = timestampEventText({ type: "REWIND", entryId: String(entry) });
  const rewound = await op.store.mutate(op.ref, (editors) => {
    const file = editorHolding(editors, spec.name);
    const commits = rewindCommitsBlock(file.blockLines(spec.name, "COMMITS")!, entry);
    file.replaceBlock(spec.name, "COMMITS", commits.lines);
    const hooks = file.blockLines(spec.name, "HOOKS");
    if (hooks) file.replaceBlock(spec.name, "HOOKS", remapHookLines(hooks, commits.ids));
    const mentors = file.blockLines(spec.name, "MENTORS");
    if (mentors) {
      file.replaceBlock(spec.name, "MENTORS", remapMentorLines(mentors, commits.ids, entry));
    }
    const comments = file.blockLines(spec.name, "COMMENTS");
    if (comments) {
      file.replaceBlock(spec.name, "COMMENTS", remapCommentLines(comments, commits.ids));
    }
    file.appendTimestamp(spec.name, { timestamp: stamp, eventType, detail });
    return commits;
  });
  const deltas = await refreshDeltas(op, { name: spec.name, parent: spec.parent });
  return {
    name: spec.name,
    project: op.ref.name,
    entry,
    undone,
    proposalId: rewound.proposalId,
    removed: [...rewound.ids].filter(([, next]) => next === null).map(([id]) => id),
    deltas,
  };
}
