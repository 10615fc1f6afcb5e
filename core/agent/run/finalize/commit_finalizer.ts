/**
 * The provider-neutral commit finalizer (handbook §13.2.2, §13.10): after a
 * successful provider invocation in a SASE agent session, uncommitted work
 * is not silently accepted. The same provider gets bounded follow-up
 * prompts telling it to commit with its commit skill; a run still dirty
 * after `commit.finalizer.max_passes` fails. An exact SDD plan closeout
 * (`status: wip` → `status: done`) is committed directly instead.
 *
 * Linked repos: static ones (`workspace.strategy: none`) are checked as
 * advisory work. Numbered linked workspaces are enforced upstream only once
 * `sase workspace open` has recorded them in `opened_linked_workspaces.json`;
 * without such a record there is nothing to enforce, so they are not checked.
 *
 * A checkout that was already dirty when the run started (its dirty
 * baseline, `dirty_at_start.json`) keeps those changes: the finalizer asks
 * only about files the run changed, tells the agent to leave the user's
 * pending work alone, never stages or commits it itself, and says in its
 * result that the checkout was dirty to begin with.
 *
 * @module
 */

import { join } from "../../../fs/path.ts";
import type { Env } from "../../../config/paths.ts";
import type { SaseConfig } from "../../../config/types.ts";
import { atomicWriteJson, atomicWriteTextFile } from "../../../fs/atomic_write.ts";
import { runGit } from "../../../git.ts";
import { PRIVATE_FILE_MODE } from "../../records/artifacts.ts";
import { baselineFiles, type DirtyBaseline, fingerprints } from "./dirty_baseline.ts";
import { repoRoot, staticLinkedRoots, statusEntries } from "./workspace_status.ts";
import {
  buildFollowUpPrompt,
  closeoutCandidate,
  closeoutCommitMessage,
  commitSkillName,
  dirtyFiles,
  type DirtyRepo,
  enforcedFiles,
  finalizerFailure,
  isSddDoneCloseout,
  splitByBaseline,
  type StatusEntry,
} from "./commit_finalizer_text.ts";
import { plural } from "../../../text/plural.ts";
import { READ_LIMITS, readTextBounded } from "../../../fs/bounded_read.ts";

/** What one follow-up provider invocation reports back. */
export interface FollowUpResult {
  ok: boolean;
  error?: string;
  /** The provider's reply, saved as the pass's response artifact. */
  reply?: string;
}

/** What the finalizer needs from the run loop. */
export interface CommitFinalizerDeps {
  /** The agent's workspace (any directory inside the repository). */
  workspaceDir: string;
  config: SaseConfig;
  /** The agent session's environment (`SASE_AGENT_TIMESTAMP`, commit method, ...). */
  env: Env;
  /** Send `prompt` to the same provider, resuming the same session. */
  followUp(prompt: string): Promise<FollowUpResult>;
  /**
   * Where pass prompts/responses and `commit_finalizer_result.json` go;
   * defaults to `env.SASE_ARTIFACTS_DIR`. Without either, nothing is written.
   */
  artifactsDir?: string;
  /**
   * What was dirty when the run started ({@linkcode captureDirtyBaseline});
   * without one, every uncommitted change counts as the run's.
   */
  baseline?: DirtyBaseline;
  log?(message: string): void;
}

/** How finalization ended. */
export interface CommitFinalizerResult {
  /** False only when the run must fail. */
  ok: boolean;
  status: "skipped" | "clean" | "finalized" | "failed";
  /** Machine-readable cause, as in `commit_finalizer_result.json`. */
  reason: string;
  /** Follow-up invocations made. */
  passes: number;
  error?: string;
  /** The SDD closeout was committed by the finalizer itself. */
  committedDirectly?: boolean;
  /** Why the finalizer did not run at all. */
  skipped?: string;
  /** Enforced files still dirty (only on failure). */
  changedFiles: string[];
  /** Follow-up replies, in order, for appending to the agent's final response. */
  replies: string[];
  /** Main-repository files that already had uncommitted changes when the run started. */
  dirtyAtStart: string[];
}

const DEFAULT_MAX_PASSES = 2;

function maxPasses(config: SaseConfig): number {
  const value = config.commit?.finalizer?.max_passes;
  return typeof value === "number" && Number.isInteger(value) && value >= 0
    ? value
    : DEFAULT_MAX_PASSES;
}

/** Why the finalizer must not run in this session, if it must not. */
export function finalizerSkipReason(config: SaseConfig, env: Env): string | undefined {
  if (env.SASE_DISABLE_COMMIT_STOP_HOOK) return "disabled_by_env";
  if (config.commit?.finalizer?.enabled === false) return "disabled_by_config";
  if (!env.SASE_AGENT_TIMESTAMP) return "outside_sase_agent";
  return undefined;
}

/**
 * Everything dirty right now, split by the baseline; the main repository's
 * status entries for the run's own changes ride along (the closeout rule
 * reads them).
 */
interface DirtyState {
  repos: DirtyRepo[];
  mainEntries: StatusEntry[];
}

/** One checkout's dirt split into the run's changes and the user's pre-existing ones. */
async function dirtyRepo(
  deps: CommitFinalizerDeps,
  name: string,
  root: string,
  advisory: boolean,
): Promise<{ repo?: DirtyRepo; entries: StatusEntry[] }> {
  const entries = await statusEntries(root, deps.env) ?? [];
  const before = baselineFiles(deps.baseline, root);
  const paths = dirtyFiles(entries);
  const now = await fingerprints(root, paths.filter((path) => Object.hasOwn(before, path)));
  const { own, changed, untouched } = splitByBaseline(paths, before, now);
  const ownEntries = entries.filter((entry) => own.includes(entry.path));
  if (own.length === 0 && changed.length === 0) return { entries: ownEntries };
  const preexisting = changed.length + untouched.length > 0 ? { changed, untouched } : undefined;
  return {
    repo: { name, path: root, files: own, advisory, ...(preexisting ? { preexisting } : {}) },
    entries: ownEntries,
  };
}

async function collectDirty(
  deps: CommitFinalizerDeps,
  mainRoot: string,
): Promise<DirtyState> {
  const main = await dirtyRepo(deps, "main", mainRoot, false);
  const repos: DirtyRepo[] = main.repo ? [main.repo] : [];
  for (
    const linked of await staticLinkedRoots(deps.config, deps.workspaceDir, mainRoot, deps.env)
  ) {
    const { repo } = await dirtyRepo(deps, linked.name, linked.root, true);
    if (repo) repos.push(repo);
  }
  return { repos, mainEntries: main.entries };
}

/** Commit the SDD plan closeout when it is the whole of the main repo's changes. */
async function commitCloseout(deps: CommitFinalizerDeps, root: string, state: DirtyState) {
  const candidate = closeoutCandidate(state.mainEntries);
  if (!candidate) return false;
  const head = await runGit(root, ["show", `HEAD:${candidate.path}`], { env: deps.env });
  if (!head.ok) return false;
  let current: string;
  try {
    current = await readTextBounded(join(root, candidate.path), READ_LIMITS.document);
  } catch {
    return false;
  }
  if (!isSddDoneCloseout(head.stdout, current)) return false;
  if (!candidate.staged) {
    const add = await runGit(root, ["add", "--", candidate.path], { env: deps.env });
    if (!add.ok) return false;
  }
  const commit = await runGit(
    root,
    ["commit", "--no-verify", "-q", "-m", closeoutCommitMessage(deps.env), "--", candidate.path],
    { env: deps.env },
  );
  if (!commit.ok) {
    if (!candidate.staged) {
      await runGit(root, ["reset", "-q", "--", candidate.path], { env: deps.env });
    }
    deps.log?.(`commit finalizer: SDD closeout commit failed: ${commit.stderr.trim()}`);
    return false;
  }
  deps.log?.(`commit finalizer: committed SDD plan closeout ${candidate.path}`);
  return true;
}

type Outcome = Omit<CommitFinalizerResult, "changedFiles" | "replies" | "dirtyAtStart"> & {
  changedFiles?: string[];
  replies?: string[];
};

/** The pass loop over a Git workspace rooted at `root`. */
async function finalizeRepo(
  deps: CommitFinalizerDeps,
  root: string,
  writeArtifact: (name: string, text: string) => Promise<void>,
): Promise<Outcome> {
  let state = await collectDirty(deps, root);
  let committedDirectly = false;
  const closeOut = async () => {
    if (await commitCloseout(deps, root, state)) {
      committedDirectly = true;
      state = await collectDirty(deps, root);
    }
  };
  await closeOut();
  if (state.repos.length === 0) {
    return committedDirectly
      ? {
        ok: true,
        status: "finalized",
        reason: "auto_committed_done_plan_status",
        passes: 0,
        committedDirectly,
      }
      : { ok: true, status: "clean", reason: "no_changes", passes: 0 };
  }

  const bound = maxPasses(deps.config);
  const skill = commitSkillName(deps.env, deps.config.vcs_provider?.provider);
  const replies: string[] = [];
  for (let pass = 1; pass <= bound; pass++) {
    const prompt = buildFollowUpPrompt({
      repos: state.repos,
      skill,
      pass,
      maxPasses: bound,
      env: deps.env,
    });
    deps.log?.(
      `commit finalizer: pass ${pass}/${bound}, ${plural(state.repos.length, "dirty repo")}`,
    );
    await writeArtifact(`commit_finalizer_pass_${pass}_prompt.md`, prompt);
    const reply = await deps.followUp(prompt).catch((error: Error): FollowUpResult => ({
      ok: false,
      error: error.message,
    }));
    await writeArtifact(`commit_finalizer_pass_${pass}_response.md`, reply.reply ?? "");
    if (reply.reply) replies.push(reply.reply);
    if (!reply.ok) {
      const error = `Commit finalizer follow-up pass ${pass} failed: ${
        reply.error ?? "unknown error"
      }`;
      return {
        ok: false,
        status: "failed",
        reason: "follow_up_failed",
        passes: pass,
        error,
        replies,
      };
    }
    state = await collectDirty(deps, root);
    await closeOut();
    if (enforcedFiles(state.repos).length === 0) {
      if (committedDirectly) {
        const reason = "auto_committed_done_plan_status";
        return { ok: true, status: "finalized", reason, passes: pass, committedDirectly, replies };
      }
      return { ok: true, status: "finalized", reason: "clean_after_pass", passes: pass, replies };
    }
  }
  const changedFiles = enforcedFiles(state.repos);
  if (changedFiles.length === 0) {
    // Only reachable with max_passes 0 and advisory-only dirt: nothing is enforced.
    return { ok: true, status: "clean", reason: "advisory_only", passes: 0 };
  }
  return {
    ok: false,
    status: "failed",
    reason: "dirty_after_max_passes",
    passes: bound,
    error: finalizerFailure(state.repos, bound),
    changedFiles,
    replies,
  };
}

const NOTICE_FILES = 5;

function listFiles(files: readonly string[]): string {
  return files.slice(0, NOTICE_FILES).join(", ") +
    (files.length > NOTICE_FILES ? `, ... (${files.length} in total)` : "");
}

/**
 * The report line of a run whose checkout already had uncommitted changes;
 * `gone` are those no longer uncommitted after the run (the agent committed
 * or reverted them against its instructions).
 */
export function dirtyAtStartNotice(files: readonly string[], gone: readonly string[]): string {
  const count = plural(files.length, "file");
  const notice = `commit finalizer: the checkout was already dirty when the run started ` +
    `(${count}: ${listFiles(files)}); the finalizer did not stage or commit those changes`;
  return gone.length === 0 ? notice : `${notice}, but the agent committed or reverted ` +
    `${gone.length === 1 ? "this one" : "these"}: ${listFiles(gone)}`;
}

/** The baseline's main-repository paths, and those no longer dirty now. */
async function startingDirt(deps: CommitFinalizerDeps, root: string | undefined) {
  const files = root ? Object.keys(baselineFiles(deps.baseline, root)).sort() : [];
  if (files.length === 0 || !root) return { files, gone: [] };
  const now = new Set(dirtyFiles(await statusEntries(root, deps.env) ?? []));
  return { files, gone: files.filter((path) => !now.has(path)) };
}

/**
 * Check the workspace after a successful invocation and drive the agent to
 * commit; resolves `ok: false` with a clear error when the run must fail.
 */
export async function runCommitFinalizer(
  deps: CommitFinalizerDeps,
): Promise<CommitFinalizerResult> {
  const artifactsDir = deps.artifactsDir ?? deps.env.SASE_ARTIFACTS_DIR;
  const writeArtifact = async (name: string, text: string) => {
    if (artifactsDir) {
      await atomicWriteTextFile(join(artifactsDir, name), text, { mode: PRIVATE_FILE_MODE });
    }
  };
  const skip = finalizerSkipReason(deps.config, deps.env);
  const root = skip ? undefined : await repoRoot(deps.workspaceDir, deps.env);
  let outcome: Outcome;
  if (skip) {
    outcome = { ok: true, status: "skipped", reason: skip, skipped: skip, passes: 0 };
  } else if (!root) {
    const reason = "not_a_git_workspace";
    outcome = { ok: true, status: "skipped", reason, skipped: reason, passes: 0 };
  } else {
    outcome = await finalizeRepo(deps, root, writeArtifact);
  }
  const startDirt = await startingDirt(deps, root);
  const result = {
    ...outcome,
    changedFiles: outcome.changedFiles ?? [],
    replies: outcome.replies ?? [],
    dirtyAtStart: startDirt.files,
  };
  if (startDirt.files.length > 0) deps.log?.(dirtyAtStartNotice(startDirt.files, startDirt.gone));
  if (artifactsDir) {
    await atomicWriteJson(join(artifactsDir, "commit_finalizer_result.json"), {
      status: result.status,
      reason: result.reason,
      project_dir: root ?? null,
      passes: result.passes,
      changed_files: result.changedFiles,
      dirty_at_start: startDirt.files,
      dirty_at_start_gone: startDirt.gone,
      ...(result.error ? { error: result.error } : {}),
    }, { mode: PRIVATE_FILE_MODE });
  }
  return result;
}
