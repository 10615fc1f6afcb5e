/**
 * sase's built-in chops: the jobs of the default lumberjacks that run
 * inside the lumberjack (each one caught on its own, so a failing chop
 * never takes its lumberjack down). Each module is loaded on first use.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import type { ChangeSpec } from "../../changespec/types.ts";
import type { ChangeSpecStore } from "../../changespec/store.ts";
import { importOnDemand } from "../../on_demand.ts";
import type { AxeSettings, ChopSpec } from "../settings.ts";

/** What a built-in chop gets for one run. */
export interface BuiltinChopContext {
  app: AppContext;
  settings: AxeSettings;
  lumberjack: string;
  chop: ChopSpec;
  /** Append a line to the run's log (its summary: counts, no-op reason, bounded ids). */
  log(line: string): Promise<void>;
  /** The lumberjack's ProjectSpec store (its parses are cached across ticks). */
  store: ChangeSpecStore;
  /** The tick's ChangeSpecs: all of them, and those matching the axe query. */
  changeSpecs(): Promise<{ all: ChangeSpec[]; filtered: ChangeSpec[] }>;
  /** Set when the lumberjack stops or the chop times out. */
  signal: AbortSignal;
}

/** A built-in chop: throws to fail its run. */
export type BuiltinChop = (context: BuiltinChopContext) => Promise<void>;

const MODULES: Record<string, string> = {
  cl_submitted_checks: "./cl_submitted_checks.ts",
  hook_checks: "./hook_checks.ts",
  mentor_checks: "./mentor_checks.ts",
  suffix_transforms: "./suffix_transforms.ts",
  wait_checks: "./wait_checks.ts",
  workflow_checks: "./workflow_checks.ts",
  orphan_cleanup: "./claim_cleanup.ts",
  stale_running_cleanup: "./claim_cleanup.ts",
  comment_zombie_checks: "./comment_zombie_checks.ts",
  comment_checks: "./comment_checks.ts",
  pending_checks_poll: "./pending_checks_poll.ts",
  error_digest: "./error_digest.ts",
};

/** The names of the built-in chops. */
export const BUILTIN_CHOPS: ReadonlySet<string> = new Set(Object.keys(MODULES));

/** The built-in chop called `name` (one of {@linkcode BUILTIN_CHOPS}). */
export async function loadBuiltinChop(name: string): Promise<BuiltinChop> {
  const module = await importOnDemand<{ chops: Record<string, BuiltinChop> }>(
    MODULES[name],
    import.meta.url,
  );
  return module.chops[name];
}
