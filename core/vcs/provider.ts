/**
 * The VCS provider interface (handbook 22.1.1): the hook groups of the
 * original's `VCSHookSpec` as one typed interface. `core` defines it,
 * `providers/vcs/` implements it (bare git, GitHub, Mercurial), and the
 * services that touch version control (commit, revert, restore, sync, mail,
 * DELTAS) call it instead of running `git` or `hg` themselves.
 *
 * Every operation takes the directory it works in (`cwd`). A failure is a
 * `SaseError` naming the provider, the operation and the tool's own message.
 * The core operations are required; the others are optional, and
 * {@linkcode completeVcsProvider} fills each missing one with an operation
 * that says "unsupported" (a `SaseError` of kind `unavailable` naming the
 * provider and the operation) instead of failing obscurely.
 *
 * @module
 */

import type { Env } from "../env.ts";
import { SaseError } from "../errors.ts";

/** The VCS family a provider belongs to (`github` and `bare_git` are both `git`). */
export type VcsFamily = "git" | "hg";

/** One `--name-status` entry: a status letter (`A`, `M`, `D`, `R100`, `C75`, `T`, `U`...) and its path(s). */
export interface NameStatusEntry {
  /** The raw status token, e.g. `R087`. */
  status: string;
  /** The path (the target path of a rename or copy). */
  path: string;
  /** The source path of a rename or copy. */
  oldPath?: string;
}

/** One `--numstat` entry; `added`/`removed` are null for a binary file. */
export interface LineStat {
  /** The path (the target path of a rename or copy). */
  path: string;
  added: number | null;
  removed: number | null;
}

/** A ChangeSpec name together with the project it belongs to, for revision lookups. */
export interface RevisionQuery {
  changespecName: string;
  projectBasename: string;
}

/**
 * What the caller already read about the checkout during this command, so
 * that a dispatch asks the VCS once per fact; a fact left out is read again.
 */
export interface CheckoutFacts {
  /** The checkout's top-level directory, as the VCS reports it. */
  root?: string;
  /** The checked-out branch (null: detached HEAD, or none yet). */
  branch?: string | null;
  /** Whether the checkout has an `origin` remote. */
  hasOrigin?: boolean;
}

/** What `sase commit` hands a provider to dispatch (handbook 13, `CommitWorkflow`). */
export interface CommitDispatchPayload {
  /** The full commit message. */
  message: string;
  /** The ChangeSpec / branch name (pull requests and proposals). */
  name?: string;
  /** Files to stage; empty = everything (`add -A`). */
  files?: readonly string[];
  /** Extra paths to stage besides `files` (the plan file). */
  extraPaths?: readonly string[];
  /** The bead to note the commit on. */
  beadId?: string;
  /** Pull request title prefix (`[<project>] `). */
  prTitlePrefix?: string;
  /** Pull request body (default: the message). */
  prBody?: string;
  /**
   * Where the diff is saved (`~/.sase/diffs/YYYYMM/<name>-<timestamp>.diff`):
   * a proposal's diff, or a pull request's branch diff from `checkoutTarget`.
   */
  diffPath?: string;
  /**
   * Pull requests: the branch point (`-c`, default `HEAD~1`), read once the
   * PR's commit is made, so `HEAD~1` is the commit the branch started from;
   * the PR's diff is `<checkoutTarget>...HEAD`.
   */
  checkoutTarget?: string;
  /** What is already known about the checkout (never checkpointed: a resume reads it afresh). */
  facts?: CheckoutFacts;
}

/** How a review host merges a change. */
export type MergeMethod = "merge" | "squash" | "rebase";

/** Static facts about one VCS provider, used to select it. */
export interface VcsProviderInfo {
  /** Name used by `SASE_VCS_PROVIDER`, `vcs_provider.provider` and detection (`bare_git`, `github`, `hg`). */
  name: string;
  family: VcsFamily;
  /**
   * Whether this provider claims a git checkout whose `origin` is `url`
   * (classification, handbook 22.8.2). Only hosted-service providers claim;
   * the unclaimed fallback is `bare_git`.
   */
  claimsRemote?(url: string): boolean;
  /** What a user installs to use it (shown when a tool is missing). */
  requires: string;
}

/** The core operations every provider implements (handbook 22.1.1 "Core operations"). */
export interface VcsCoreOperations {
  /** Switch the checkout to `revision`. */
  checkout(cwd: string, revision: string): Promise<void>;
  /** The uncommitted diff; null when the tree is clean. */
  diff(cwd: string): Promise<string | null>;
  /** The full diff of `revision` (for git: against the default branch's merge base). */
  diffRevision(cwd: string, revision: string): Promise<string>;
  /** Apply one patch file to the working tree. */
  applyPatch(cwd: string, patchPath: string): Promise<void>;
  /** Apply several patch files in one command (none = nothing to do). */
  applyPatches(cwd: string, patchPaths: readonly string[]): Promise<void>;
  /** Stage every added, changed and removed file. */
  addRemove(cwd: string): Promise<void>;
  /** Discard every local change, tracked and untracked. */
  cleanWorkspace(cwd: string): Promise<void>;
  /** Commit what is staged with the message in `logfile`. */
  commit(cwd: string, name: string, logfile: string): Promise<void>;
  /** Amend the current commit with `note` as its message. */
  amend(cwd: string, note: string, options?: { noUpload?: boolean }): Promise<void>;
  /** Rename the current branch. */
  renameBranch(cwd: string, newName: string): Promise<void>;
  /**
   * Move `branch` (its own commits) onto `newParent`. `oldParent`, when
   * known, is where the branch's own commits start (the previous parent's
   * ref): commits it shares with the old parent stay behind.
   */
  rebase(
    cwd: string,
    branch: string,
    newParent: string,
    options?: { oldParent?: string },
  ): Promise<void>;
  /** Keep `revision` reachable under an archive name and remove its branch. */
  archive(cwd: string, revision: string): Promise<void>;
  /** Delete `revision`'s branch. */
  prune(cwd: string, revision: string): Promise<void>;
  /** Put local work aside under `diffName` and leave the tree clean (nothing to do when clean). */
  stashAndClean(cwd: string, diffName: string): Promise<void>;
}

/** Operations a provider may leave out (every other hook group of handbook 22.1.1). */
export interface VcsOptionalOperations {
  // Optional core
  /** The ref a ChangeSpec's commits live on (its branch, an alias, or `origin/<branch>`). */
  resolveRevision(cwd: string, query: RevisionQuery): Promise<string>;
  /** The patch of `revision` alone. */
  showRevision(cwd: string, revision: string): Promise<string>;
  /** The uncommitted diff including untracked files; null when clean. */
  diffWithUntracked(cwd: string): Promise<string | null>;
  /** The diff of the last commit; null when there is none. */
  committedDiff(cwd: string): Promise<string | null>;
  /** The revision new work starts from (`origin/<default>`, `p4head`). */
  defaultParentRevision(cwd: string): Promise<string>;
  /** Files changed between `parentRef` and `headRef`. */
  diffNameStatus(cwd: string, parentRef: string, headRef: string): Promise<NameStatusEntry[]>;
  /** Line counts per file between `parentRef` and `headRef`. */
  diffLineStats(cwd: string, parentRef: string, headRef: string): Promise<LineStat[]>;
  /** The content of `filePath` at `revision`. */
  fileAtRevision(cwd: string, revision: string, filePath: string): Promise<string>;
  // Sync
  /** Bring the checkout up to date with its remote. */
  syncWorkspace(cwd: string): Promise<void>;
  /** Whether a sync stopped half-way (a rebase waiting on conflicts). */
  isSyncInProgress(cwd: string): Promise<boolean>;
  /** Files with unresolved conflicts. */
  conflictedFiles(cwd: string): Promise<string[]>;
  /** Continue a sync once its conflicts are resolved. */
  continueSync(cwd: string): Promise<void>;
  /** Abandon a sync in progress. */
  abortSync(cwd: string): Promise<void>;
  // Commit dispatch
  /** Stage, commit and push; the new commit's short hash. */
  createCommit(cwd: string, payload: CommitDispatchPayload): Promise<string | null>;
  /** Save the diff as a proposal and clean the tree; the saved diff's path. */
  createProposal(cwd: string, payload: CommitDispatchPayload): Promise<string>;
  /** Branch, commit, push (and open the pull request where the host has them); its URL if any. */
  createPullRequest(cwd: string, payload: CommitDispatchPayload): Promise<string | null>;
  /** Replay the idempotent post-commit steps after `sase commit --resume`. */
  finalizeCommit(cwd: string, payload: CommitDispatchPayload): Promise<void>;
  // VCS-agnostic
  /** Close a change on the review host. */
  abandonChange(cwd: string, change: string, revision: string): Promise<void>;
  /** A description as `reword` expects it (quoting for wrapper scripts). */
  prepareDescriptionForReword(description: string): string;
  /** A BUG value in this host's form. */
  normalizeBugValue(value: string): string;
  /** The review URL of the current change; null when there is none. */
  changeUrl(cwd: string): Promise<string | null>;
  /** The body of change `changeRef` on the review host. */
  changeBody(cwd: string, changeRef: string): Promise<string>;
  /** Merge change `changeRef` on the review host (GitHub: `gh pr merge`). */
  mergeChange(cwd: string, changeRef: string, options?: { method?: MergeMethod }): Promise<void>;
  // Info and review
  /** Replace the current commit's description. */
  reword(cwd: string, description: string): Promise<void>;
  /** Append `name=value` to the current commit's description. */
  rewordAddTag(cwd: string, name: string, value: string): Promise<void>;
  /** The description of `revision` (its subject line alone with `short`). */
  description(cwd: string, revision: string, options?: { short?: boolean }): Promise<string>;
  /** The current branch; null when detached. */
  branchName(cwd: string): Promise<string | null>;
  /** The change (CL / PR) number of the current branch; null when there is none. */
  clNumber(cwd: string): Promise<string | null>;
  /** The repository's name (from `origin`, else its directory). */
  workspaceName(cwd: string): Promise<string | null>;
  /** A summary of local changes; null when clean. */
  hasLocalChanges(cwd: string): Promise<string | null>;
  /** The bug the current branch belongs to (empty when the host has none). */
  bugNumber(cwd: string): Promise<string>;
  /** Send `revision` for review (push, and open the PR where the host has them). */
  mail(cwd: string, revision: string): Promise<void>;
  /** Run the host's fixers. */
  fix(cwd: string): Promise<void>;
  /** Upload the change to the review host. */
  upload(cwd: string): Promise<void>;
  /** Suggested reviewers for change `clNumber`. */
  findReviewers(cwd: string, clNumber: string): Promise<string>;
  /**
   * Undo the working tree back to before the given diffs (the newest
   * first): each is applied in reverse, all or none.
   */
  rewind(cwd: string, diffPaths: readonly string[]): Promise<void>;
  // Branch naming
  /** The branch of ChangeSpec `name` (without its `__<N>` suffix). */
  deriveBranchName(name: string): string;
  /** The branch of ChangeSpec `name`, suffix kept. */
  deriveBranchNameWithSuffix(name: string): string;
  /** Whether the current branch may be renamed (false: use the alias map). */
  canRenameBranch(cwd: string): Promise<boolean>;
  /**
   * The review state of a change (`changeRef`: its URL or number):
   * `open`, `merged` or `closed`; axe's `cl_submitted_checks` asks it.
   */
  changeState(cwd: string, changeRef: string): Promise<"open" | "merged" | "closed">;
  /**
   * The background check that fetches a change's reviewer comments (axe's
   * `comment_checks` starts it, `pending_checks_poll` reads its result):
   * the command to run in the workspace, and how to read what it printed.
   */
  reviewCommentsCheck(changeRef: string): ReviewCommentsCheck;
}

/** One reviewer comment on a change. */
export interface ReviewComment {
  author: string;
  body: string;
  /** The file it is on, for an inline comment. */
  path: string | null;
  line: number | null;
  url: string | null;
}

/** A provider's reviewer-comments check (see `reviewCommentsCheck`). */
export interface ReviewCommentsCheck {
  /** Program and arguments; run in the project's workspace, its stdout is the result. */
  argv: string[];
  /** The comments in the command's stdout; throws when it is not what the command prints. */
  parse(stdout: string): ReviewComment[];
}

/** One VCS provider implementation: its facts, the core operations and any optional ones. */
export interface VcsProvider extends VcsCoreOperations, Partial<VcsOptionalOperations> {
  readonly info: VcsProviderInfo;
}

/** The name of an optional operation. */
export type VcsOptionalOperation = keyof VcsOptionalOperations;

/** A provider with every operation present; the ones it lacks report "unsupported". */
export interface CompleteVcsProvider extends VcsCoreOperations, VcsOptionalOperations {
  readonly info: VcsProviderInfo;
  /** Whether the provider implements `operation` itself. */
  supports(operation: VcsOptionalOperation): boolean;
}

/** Every optional operation's name, in hook-group order. */
export const VCS_OPTIONAL_OPERATIONS: readonly VcsOptionalOperation[] = [
  "resolveRevision",
  "showRevision",
  "diffWithUntracked",
  "committedDiff",
  "defaultParentRevision",
  "diffNameStatus",
  "diffLineStats",
  "fileAtRevision",
  "syncWorkspace",
  "isSyncInProgress",
  "conflictedFiles",
  "continueSync",
  "abortSync",
  "createCommit",
  "createProposal",
  "createPullRequest",
  "finalizeCommit",
  "abandonChange",
  "prepareDescriptionForReword",
  "normalizeBugValue",
  "changeUrl",
  "changeBody",
  "mergeChange",
  "reword",
  "rewordAddTag",
  "description",
  "branchName",
  "clNumber",
  "workspaceName",
  "hasLocalChanges",
  "bugNumber",
  "mail",
  "fix",
  "upload",
  "findReviewers",
  "rewind",
  "deriveBranchName",
  "deriveBranchNameWithSuffix",
  "canRenameBranch",
  "changeState",
  "reviewCommentsCheck",
];

/** Operations that answer synchronously (they report "unsupported" by throwing, not rejecting). */
const SYNC_OPERATIONS = new Set<VcsOptionalOperation>([
  "prepareDescriptionForReword",
  "normalizeBugValue",
  "deriveBranchName",
  "deriveBranchNameWithSuffix",
  "reviewCommentsCheck",
]);

/** The error an operation a provider lacks reports. */
export function unsupportedOperation(provider: string, operation: string): SaseError {
  return new SaseError(
    "vcs.unsupported",
    `the ${provider} VCS provider does not support ${operation}`,
    {
      hint: "choose another provider with SASE_VCS_PROVIDER or vcs_provider.provider",
      kind: "unavailable",
    },
  );
}

/** `provider` with each optional operation it lacks filled by one that reports "unsupported". */
export function completeVcsProvider(provider: VcsProvider): CompleteVcsProvider {
  const filled: Record<string, unknown> = {};
  for (const operation of VCS_OPTIONAL_OPERATIONS) {
    const own = provider[operation];
    if (own) {
      filled[operation] = (own as (...args: unknown[]) => unknown).bind(provider);
    } else if (SYNC_OPERATIONS.has(operation)) {
      filled[operation] = () => {
        throw unsupportedOperation(provider.info.name, operation);
      };
    } else {
      filled[operation] = () => Promise.reject(unsupportedOperation(provider.info.name, operation));
    }
  }
  const core: VcsCoreOperations = {
    checkout: provider.checkout.bind(provider),
    diff: provider.diff.bind(provider),
    diffRevision: provider.diffRevision.bind(provider),
    applyPatch: provider.applyPatch.bind(provider),
    applyPatches: provider.applyPatches.bind(provider),
    addRemove: provider.addRemove.bind(provider),
    cleanWorkspace: provider.cleanWorkspace.bind(provider),
    commit: provider.commit.bind(provider),
    amend: provider.amend.bind(provider),
    renameBranch: provider.renameBranch.bind(provider),
    rebase: provider.rebase.bind(provider),
    archive: provider.archive.bind(provider),
    prune: provider.prune.bind(provider),
    stashAndClean: provider.stashAndClean.bind(provider),
  };
  return {
    ...(filled as unknown as VcsOptionalOperations),
    ...core,
    info: provider.info,
    supports: (operation) => provider[operation] !== undefined,
  };
}

/** Looks VCS providers up by name (implemented by `providers/vcs/registry.ts`). */
export interface VcsProviderLookup {
  /** Every registered provider's facts, in classification order. */
  infos(): readonly VcsProviderInfo[];
  /**
   * The provider named `name`, complete, running its tools with `env` added
   * to the process environment (`PATH`, `HOME`, git identity); throws
   * `SaseError` (`not-found`) when unknown.
   */
  get(name: string, env?: Env): CompleteVcsProvider;
}
