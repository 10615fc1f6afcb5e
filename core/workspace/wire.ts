/**
 * The wire format of numbered workspaces: the listing, cleanup and repair
 * reports as `sase workspace ... -j` prints them and ACE and the gateway
 * will send them (snake_case keys, `schema_version` 1). A registry row is
 * shown as the registry file holds it.
 *
 * @module
 */

import type { RunningClaim } from "../changespec/types.ts";
import type { CleanupReport } from "./cleanup.ts";
import type { WorkspaceInventory } from "./inventory.ts";
import type { RegistryEntry } from "./registry.ts";
import type { RepairReport } from "./repair.ts";

/** One RUNNING claim of a listed workspace. */
export interface ClaimViewWire {
  pid: number;
  alive: boolean;
  workflow: string;
  name: string;
  timestamp: string | null;
  pinned: boolean;
}

/** One workspace number of a listing. */
export interface WorkspaceRowWire {
  num: number;
  checkout_dir: string;
  exists: boolean;
  /** The registry row, as the registry file holds it. */
  registered: RegistryEntry | null;
  claims: ClaimViewWire[];
}

/** `sase workspace list -j`. */
export interface WorkspaceInventoryWire {
  schema_version: 1;
  project: string;
  project_file: string | null;
  state: WorkspaceInventory["state"];
  root_policy: string;
  project_key: string;
  root_dir: string;
  registry_path: string | null;
  primary: { num: 0; checkout_dir: string };
  workspaces: WorkspaceRowWire[];
}

/** A listing in wire form. */
export function workspaceInventoryWire(view: WorkspaceInventory): WorkspaceInventoryWire {
  return {
    schema_version: 1,
    project: view.project,
    project_file: view.projectFile,
    state: view.state,
    root_policy: view.rootPolicy,
    project_key: view.projectKey,
    root_dir: view.rootDir,
    registry_path: view.registryPath,
    primary: { num: view.primary.num, checkout_dir: view.primary.checkoutDir },
    workspaces: view.workspaces.map((row) => ({
      num: row.num,
      checkout_dir: row.checkoutDir,
      exists: row.exists,
      registered: row.registered,
      claims: row.claims.map((claim) => ({
        pid: claim.pid,
        alive: claim.alive,
        workflow: claim.workflow,
        name: claim.name,
        timestamp: claim.timestamp,
        pinned: claim.pinned,
      })),
    })),
  };
}

/** `sase workspace cleanup -j`. */
export interface CleanupReportWire {
  schema_version: 1;
  project: string;
  dry_run: boolean;
  ttl_days: number;
  removed: { num: number; checkout_dir: string }[];
}

/** A cleanup report in wire form. */
export function cleanupReportWire(report: CleanupReport): CleanupReportWire {
  return {
    schema_version: 1,
    project: report.project,
    dry_run: report.dryRun,
    ttl_days: report.ttlDays,
    removed: report.removed.map((entry) => ({ num: entry.num, checkout_dir: entry.checkoutDir })),
  };
}

/** What repair did to one project. */
export interface ProjectRepairWire {
  project: string;
  /** The released claims, as their RUNNING lines say. */
  released: RunningClaim[];
  dropped: number[];
  rematerialized: number[];
}

/** `sase workspace repair -j`. */
export interface RepairReportWire {
  schema_version: 1;
  dry_run: boolean;
  projects: ProjectRepairWire[];
}

/** A repair report in wire form. */
export function repairReportWire(report: RepairReport): RepairReportWire {
  return {
    schema_version: 1,
    dry_run: report.dryRun,
    projects: report.projects.map((project) => ({
      project: project.project,
      released: project.released,
      dropped: project.dropped,
      rematerialized: project.rematerialized,
    })),
  };
}
