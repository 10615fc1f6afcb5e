/**
 * The per-project registry of managed checkouts (handbook 11.9.3):
 * `<managed-root>/<project_key>/registry.json`. It always lists the primary
 * `#0`; every change is a read-modify-write under the registry's lock with
 * an atomic replace, so concurrent claimers never lose each other's rows.
 * Adjacent roots keep no registry; a missing file means "nothing managed".
 *
 * @module
 */

import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { readJsonFile } from "../fs/json_object.ts";
import { withFileLock } from "../fs/lock.ts";
import { SaseError } from "../errors.ts";
import { PRIMARY_WORKSPACE } from "./numbers.ts";
import type { WorkspaceLayout } from "./layout.ts";

/** How a registered checkout came to exist. */
export type Materialization = "primary" | "git-clone";

/** Why a checkout is registered (`share`: a workflow-share checkout). */
export type CheckoutRole = "primary" | "claim" | "open" | "share";

const ROLES: readonly CheckoutRole[] = ["primary", "claim", "open", "share"];

/** One registered checkout; times are Unix seconds, as upstream writes them. */
export interface RegistryEntry {
  checkout_dir: string;
  materialization: Materialization;
  role: CheckoutRole;
  pinned: boolean;
  created_at: number;
  last_used_at: number;
}

/** The registry file. */
export interface WorkspaceRegistry {
  schema_version: 1;
  project_key: string;
  primary_workspace_dir: string;
  /** Keyed by workspace number as text. */
  workspaces: Record<string, RegistryEntry>;
}

const REPAIR_HINT = "move the file aside and run `sase workspace repair` to rebuild it";

/**
 * Read a registry; null when the file does not exist. Rows are read
 * leniently (upstream wrote them): an unknown role reads as `claim`.
 */
export async function readRegistry(path: string): Promise<WorkspaceRegistry | null> {
  const data = await readJsonFile(path, "workspace.registry", {
    hint: REPAIR_HINT,
    invalidJson: "not valid JSON",
  });
  if (data === undefined) return null;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new SaseError("workspace.registry", `${path}: expected a JSON object`, {
      hint: REPAIR_HINT,
      kind: "invalid-data",
    });
  }
  const raw = data as Record<string, unknown>;
  const workspaces: Record<string, RegistryEntry> = {};
  const rows = typeof raw.workspaces === "object" && raw.workspaces !== null ? raw.workspaces : {};
  for (const [key, value] of Object.entries(rows as Record<string, unknown>)) {
    if (!/^\d+$/.test(key) || typeof value !== "object" || value === null) continue;
    const row = value as Record<string, unknown>;
    workspaces[key] = {
      checkout_dir: String(row.checkout_dir ?? ""),
      materialization: row.materialization === "primary" ? "primary" : "git-clone",
      role: ROLES.includes(row.role as CheckoutRole) ? row.role as CheckoutRole : "claim",
      pinned: row.pinned === true,
      created_at: Number(row.created_at) || 0,
      last_used_at: Number(row.last_used_at) || 0,
    };
  }
  return {
    schema_version: 1,
    project_key: String(raw.project_key ?? ""),
    primary_workspace_dir: String(raw.primary_workspace_dir ?? ""),
    workspaces,
  };
}

/** `registry` (or a new one) reconciled with `layout`: current key and primary, `#0` present. */
export function reconcileRegistry(
  registry: WorkspaceRegistry | null,
  layout: WorkspaceLayout,
  now: number,
): WorkspaceRegistry {
  const next: WorkspaceRegistry = {
    schema_version: 1,
    project_key: layout.projectKey,
    primary_workspace_dir: layout.primaryDir,
    workspaces: { ...(registry?.workspaces ?? {}) },
  };
  const primary = next.workspaces[String(PRIMARY_WORKSPACE)];
  next.workspaces[String(PRIMARY_WORKSPACE)] = {
    checkout_dir: layout.primaryDir,
    materialization: "primary",
    role: "primary",
    pinned: true,
    created_at: primary?.created_at ?? now,
    last_used_at: primary?.last_used_at ?? now,
  };
  return next;
}

/** Seconds since the epoch, the registry's time unit. */
export function nowSeconds(): number {
  return Date.now() / 1000;
}

/**
 * Apply `edit` to the registry at `path` under its lock and write the result
 * atomically; returns what was written.
 */
export async function updateRegistry(
  path: string,
  layout: WorkspaceLayout,
  edit: (registry: WorkspaceRegistry, now: number) => void,
): Promise<WorkspaceRegistry> {
  return await withFileLock(path, async () => {
    const now = nowSeconds();
    const registry = reconcileRegistry(await readRegistry(path), layout, now);
    edit(registry, now);
    await atomicWriteTextFile(path, JSON.stringify(registry, null, 2) + "\n");
    return registry;
  });
}

/** Insert or refresh the row of a materialized checkout. */
export function recordCheckout(
  registry: WorkspaceRegistry,
  num: number,
  dir: string,
  role: CheckoutRole,
  now: number,
): void {
  const existing = registry.workspaces[String(num)];
  registry.workspaces[String(num)] = {
    checkout_dir: dir,
    materialization: "git-clone",
    role,
    pinned: existing?.pinned ?? false,
    created_at: existing?.created_at ?? now,
    last_used_at: now,
  };
}

/** Bump `last_used_at` of workspace `num` (a released claim restarts its cleanup clock). */
export async function touchCheckout(path: string, num: number): Promise<void> {
  await withFileLock(path, async () => {
    const registry = await readRegistry(path);
    const row = registry?.workspaces[String(num)];
    if (!registry || !row) return;
    row.last_used_at = nowSeconds();
    await atomicWriteTextFile(path, JSON.stringify(registry, null, 2) + "\n");
  });
}
