/**
 * The interface workspace providers implement (handbook 11.1–11.4). Core
 * defines it; `providers/workspace/` implements it (`cd`, bare `git`); the
 * CLI and the agent launcher compose the two through a lookup.
 *
 * A provider resolves `#<type>:<ref>` references and owns everything that
 * depends on the VCS: creating the primary checkout, materializing numbered
 * checkouts and syncing them to the default revision. Numbering, claims,
 * root policy and the registry are the same for every provider and live in
 * `core/workspace/`. The context every provider call receives holds the
 * lookup of providers, so the two are defined together here.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import type { SaseConfig } from "../config/types.ts";
import type { ProjectState } from "../changespec/types.ts";
import type { ResolvedWorkspace, WorkflowMetadata } from "./types.ts";

/** A registered project as read from its ProjectSpec header (paths expanded). */
export interface RegisteredProject {
  name: string;
  projectFile: string;
  state: ProjectState;
  workspaceDir: string | null;
  bareRepoDir: string | null;
}

/** One workspace provider. */
export interface WorkspaceProvider {
  readonly metadata: WorkflowMetadata;
  /**
   * Resolve a reference. May create state the reference implies (a first-use
   * `#git:<name>` initializes the project); throws `SaseError` when it cannot.
   */
  resolve(ref: string, ctx: WorkspaceContext): Promise<ResolvedWorkspace>;
  /** The workspace of a registered project this provider manages, or null; never writes. */
  forProject(project: RegisteredProject, ctx: WorkspaceContext): Promise<ResolvedWorkspace | null>;
  /**
   * A project this provider knows without a ProjectSpec (the `#cd`
   * provider's directory projects), by name or by a directory inside it:
   * the provider step of inferring a project (handbook 11.3.1
   * `ws_get_workspace_name`, 11.10). Never writes.
   */
  unregisteredProject?(
    query: { name: string } | { cwd: string },
    ctx: WorkspaceContext,
  ): Promise<ResolvedWorkspace | null>;
  /** Make the primary checkout usable before numbered checkouts are cloned from it. */
  ensurePrimary?(workspace: ResolvedWorkspace, ctx: WorkspaceContext): Promise<void>;
  /** Create the numbered checkout at `dir`, or keep a healthy existing one. */
  materialize?(workspace: ResolvedWorkspace, dir: string, ctx: WorkspaceContext): Promise<void>;
  /**
   * Back up local changes in `dir` (labelled with `reason`), clean it and sync
   * it to the workspace's checkout target.
   */
  prepare?(workspace: ResolvedWorkspace, dir: string, reason: string): Promise<void>;
}

/** Finds providers by workflow type (implemented by `providers/workspace/registry.ts`). */
export interface WorkspaceProviderLookup {
  /** Every provider, in dispatch order. */
  all(): readonly WorkspaceProvider[];
  /** The provider for `#<type>:`; throws `SaseError` when unknown. */
  get(workflowType: string): WorkspaceProvider;
}

/** What resolution and materialization need from their caller. */
export interface WorkspaceContext {
  env: Env;
  /** Merged configuration (`workspace:` and `linked_repos:` are read). */
  config: SaseConfig;
  /** Directory relative `#cd` paths resolve against. */
  cwd: string;
  providers: WorkspaceProviderLookup;
  /** Where best-effort steps report what they could not do (stderr in the CLI). */
  warn?: (message: string) => void;
}
