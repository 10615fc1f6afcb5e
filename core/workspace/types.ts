/**
 * The values that flow through workspace resolution and claiming
 * (handbook chapter 11): a workspace reference resolved to a project and its
 * primary checkout, the agent that claims a numbered workspace, and the claim
 * itself. All are plain JSON-friendly data so the launcher can store them in
 * run artifacts and hand them to a child process.
 *
 * @module
 */

/** Static facts a workspace provider declares (handbook 11.2.1 `WorkflowMetadata`). */
export interface WorkflowMetadata {
  /** Short name used in `#<type>:<ref>` (`cd`, `git`). */
  workflowType: string;
  /** Human-readable name (`Directory`, `Git (bare)`). */
  displayName: string;
  /** Prefix of the `<PREFIX>_{PRE_ALLOCATED,WORKSPACE_NUM,WORKSPACE_DIR}` child variables. */
  envPrefix: string;
  /** VCS family (`git`), or null for directory runs. */
  vcsFamily: string | null;
  /** Specific VCS provider (`bare_git`), or null for directory runs. */
  vcsProviderName: string | null;
  /** True when launches allocate numbered workspaces; false runs in the directory itself. */
  numbered: boolean;
}

/** A workspace reference resolved to a project (handbook 11.2.2 `ResolvedRef`). */
export interface ResolvedWorkspace {
  /** Workflow type of the provider that resolved it (`cd`, `git`). */
  kind: string;
  /** The reference as written (`home` for the implicit default). */
  ref: string;
  /** True when the prompt named no workspace and `#git:home` was assumed. */
  implicit: boolean;
  /** Canonical project name. */
  project: string;
  /** The ProjectSpec holding RUNNING claims; null for directory runs. */
  projectFile: string | null;
  /** Workspace `#0`: the primary checkout, or the `#cd` directory. */
  primaryDir: string;
  /** Branch numbered checkouts are synced to; null when there is no VCS. */
  checkoutTarget: string | null;
  /** The project's bare repository, for bare-git projects. */
  bareRepoDir: string | null;
  /** VCS family, or null for directory runs. */
  vcs: string | null;
  /** Child-variable prefix (`SASE_CD`, `SASE_GIT`). */
  envPrefix: string;
  /** True when launches claim numbered workspaces. */
  numbered: boolean;
  /** The ChangeSpec the reference named (`#git:<changespec>`), when it named one. */
  changespec?: string;
}

/** Who holds a claim: the agent process and its artifacts timestamp. */
export interface Claimant {
  agentName: string;
  /** The run's `YYMMDD_HHMMSS` artifacts timestamp. */
  timestamp: string;
  pid: number;
  /** RUNNING workflow column; `run` when absent. */
  workflow?: string;
}

/** A workspace held by one agent. */
export interface WorkspaceClaim {
  workspace: ResolvedWorkspace;
  /** `0` for directory runs and deferred launches; `10+` for claimed checkouts. */
  num: number;
  /** The directory the agent runs in. */
  dir: string;
  claimant: Required<Claimant>;
  /** A `%wait` launch holding `#0` until its dependencies are ready. */
  deferred: boolean;
  /** Managed-root registry to touch on release; null for adjacent roots and `#0`. */
  registryPath: string | null;
}
