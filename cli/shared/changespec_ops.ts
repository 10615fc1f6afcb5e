/**
 * What the ChangeSpec VCS commands (`sase revert`, `sase restore`, `sase
 * changespec sync|rebase|rewind|rename|reword|mail|archive|sync-deltas`)
 * share: their common options, the confirmation of destructive ones, and
 * how a DELTAS refresh is reported.
 *
 * @module
 */

import type { Command, OptionValues } from "@commander-js/extra-typings";
import type { AppContext } from "../../core/context.ts";
import type { DeltasRefresh } from "../../core/changespec/ops/deltas.ts";
import type { OpTarget } from "../../core/changespec/ops/prepare.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { confirmOrRequireYes } from "./confirm.ts";
import { JSON_FLAG, JSON_HELP } from "./output.ts";

/** `-p/--project`: which project holds the ChangeSpec. */
export const PROJECT_FLAG = "-p, --project <project>";
/** Help text of {@linkcode PROJECT_FLAG}. */
export const PROJECT_HELP = "project holding the ChangeSpec (default: the one that has it)";
/** `-w/--workspace-dir`: the checkout the VCS commands run in. */
export const WORKSPACE_FLAG = "-w, --workspace-dir <dir>";
/** Help text of {@linkcode WORKSPACE_FLAG}. */
export const WORKSPACE_HELP =
  "checkout of the ChangeSpec's repository (default: the current directory)";
/** `-y/--yes` for destructive operations. */
export const YES_FLAG = "-y, --yes";
/** Help text of {@linkcode YES_FLAG}. */
export const YES_HELP = "go ahead without asking (required when stdin is not a terminal)";

/** `command` with the options every operation takes: `-p`, `-w`, `-j`. */
export function withOpOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  command: Command<A, O, G>,
) {
  return command
    .option(PROJECT_FLAG, PROJECT_HELP)
    .option(WORKSPACE_FLAG, WORKSPACE_HELP)
    .option(JSON_FLAG, JSON_HELP);
}

/** `command` with the operation options plus `-y` (it asks before changing anything). */
export function withConfirmedOpOptions<
  A extends unknown[],
  O extends OptionValues,
  G extends OptionValues,
>(command: Command<A, O, G>) {
  return withOpOptions(command).option(YES_FLAG, YES_HELP);
}

/** The options every operation command takes. */
export interface OpOptions {
  project?: string;
  workspaceDir?: string;
  yes?: boolean;
}

/**
 * The target of an operation on `name`; with `confirm`, the operation asks
 * (or requires `-y`) once its checks pass and before it changes anything.
 */
export function opTarget(name: string, options: OpOptions, confirm = false): OpTarget {
  return {
    name,
    project: options.project,
    workspaceDir: options.workspaceDir,
    confirm: confirm
      ? (summary) =>
        confirmOrRequireYes({
          yes: options.yes,
          question: `${neutralizeControls(summary)}. Go ahead?`,
          action: summary,
          declined: "cancelled; nothing changed",
        })
      : undefined,
  };
}

/** One line about a best-effort DELTAS refresh: printed when done, a warning when skipped. */
export function reportDeltas(app: AppContext, refresh: DeltasRefresh): void {
  if (refresh.refreshed) {
    const count = refresh.deltas?.length ?? 0;
    console.log(`DELTAS: ${count === 0 ? "no changed files" : `${count} file(s)`}`);
  } else {
    app.warn(`DELTAS left as they were: ${neutralizeControls(refresh.error ?? "unknown error")}`);
  }
}

/** Print `text` (written by agents or tools) with its control characters made harmless. */
export function say(text: string): void {
  console.log(neutralizeControls(text));
}
