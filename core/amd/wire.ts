/**
 * The wire format of `sase amd list -j` and `sase amd init -j`
 * (snake_case keys, `schema_version: 1`).
 *
 * @module
 */

import type { AmdPlan } from "./init.ts";
import type { AmdEntry } from "./inventory.ts";

/** `sase amd list -j`. */
export interface AmdListWire {
  schema_version: 1;
  documents: {
    scope: string;
    path: string;
    display: string;
    title: string | null;
    managed: string;
    short_refs: number;
    long_refs: number;
    shims: { provider: string; path: string; status: string }[];
  }[];
}

/** An inventory in wire form. */
export function amdListWire(entries: readonly AmdEntry[]): AmdListWire {
  return {
    schema_version: 1,
    documents: entries.map((e) => ({
      scope: e.scope,
      path: e.path,
      display: e.display,
      title: e.title,
      managed: e.managed,
      short_refs: e.shortRefs,
      long_refs: e.longRefs,
      shims: e.shims.map((s) => ({ provider: s.provider, path: s.path, status: s.status })),
    })),
  };
}

/** `sase amd init [--check] -j`. */
export interface AmdInitWire {
  schema_version: 1;
  check: boolean;
  drift: boolean;
  roots: { kind: string; root: string }[];
  writes: { path: string; action: string; detail: string }[];
}

/** An AMD plan in wire form. */
export function amdInitWire(plan: AmdPlan, check: boolean): AmdInitWire {
  return {
    schema_version: 1,
    check,
    drift: plan.writes.length > 0,
    roots: plan.roots.map((r) => ({ kind: r.kind, root: r.root })),
    writes: plan.writes.map((w) => ({ path: w.path, action: w.action, detail: w.detail })),
  };
}
