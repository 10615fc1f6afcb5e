/**
 * Confirmation of destructive commands, shared by every group that deletes
 * or rewrites the user's data.
 *
 * @module
 */

import { SaseError, usageError } from "../../core/errors.ts";

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
  if (!confirm(confirmation.question)) {
    throw new SaseError("aborted", confirmation.declined, { kind: "failed" });
  }
}
