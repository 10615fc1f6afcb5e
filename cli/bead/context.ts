/**
 * Shared plumbing of the `sase bead` commands: which store, who is acting.
 *
 * @module
 */

import { processEnv } from "../../core/config/paths.ts";
import { SaseError, usageError } from "../../core/errors.ts";
import { resolveStoreDir } from "../../core/bead/settings.ts";
import { storePaths } from "../../core/bead/paths.ts";

/** The active store directory for the process cwd. */
export async function activeStoreDir(): Promise<string> {
  return (await resolveStoreDir(Deno.cwd(), processEnv())).dir;
}

/** Who writes events: `SASE_BEAD_ACTOR`, else the store owner, else `$USER`. */
export async function actorFor(dir: string): Promise<string> {
  const env = processEnv();
  if (env.SASE_BEAD_ACTOR) return env.SASE_BEAD_ACTOR;
  const { readBeadConfig } = await import("../../core/bead/config.ts");
  const config = await readBeadConfig(storePaths(dir).config).catch(() => undefined);
  return config?.owner || env.USER || env.LOGNAME || "unknown";
}

/** Collect a repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parse an integer option, naming the flag on error. */
export function intOption(flag: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) {
      throw usageError(`${flag}: expected an integer, got '${value}'`);
    }
    return Number(value);
  };
}

/** What {@linkcode confirmOrRequireYes} asks and says. */
export interface Confirmation {
  /** `-y`/`--yes` was given. */
  yes: boolean | undefined;
  /** The question a terminal user answers. */
  question: string;
  /** What a non-interactive caller must confirm with `-y`, e.g. "removing proj-2". */
  action: string;
  /** The error text when the user declines, e.g. "nothing removed". */
  declined: string;
}

/**
 * Ask before an irreversible or far-reaching command. A terminal gets the
 * question; anything else (a script, an agent, a pipe) must pass `-y`, so a
 * command never goes ahead without being confirmed.
 */
export function confirmOrRequireYes(confirmation: Confirmation): void {
  if (confirmation.yes) return;
  if (!Deno.stdin.isTerminal()) {
    throw usageError(
      `${confirmation.action} needs confirmation, and stdin is not a terminal`,
      "pass -y/--yes to confirm",
    );
  }
  if (!confirm(confirmation.question)) throw new SaseError("bead.aborted", confirmation.declined);
}
