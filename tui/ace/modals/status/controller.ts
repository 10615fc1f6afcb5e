/**
 * The status modal: `s` on a PR lists the statuses the status machine
 * allows from its current one; `S` with marked PRs lists every status some
 * marked PR may move to, each with how many of them can. Choosing one runs
 * {@linkcode statusTask} in the background.
 *
 * @module
 */

import { normalizeStatus, STATUSES, TRANSITIONS } from "../../../../core/changespec/status.ts";
import type { ChangeSpecStatus } from "../../../../core/changespec/types.ts";
import { agentText } from "../../segments.ts";
import { ChoiceModal } from "../choice/controller.ts";
import { type StatusTarget, statusTask } from "./tasks.ts";

/** One status the modal offers, with how many targets may move to it. */
export interface StatusChoice {
  readonly status: ChangeSpecStatus;
  readonly allowed: number;
}

/** The statuses `targets` may move to (lifecycle order), each with how many of them can. */
export function statusChoices(targets: readonly StatusTarget[]): StatusChoice[] {
  const choices: StatusChoice[] = [];
  for (const status of STATUSES) {
    const allowed = targets.filter((target) => {
      const from = normalizeStatus(target.status);
      return from !== null && TRANSITIONS[from].includes(status);
    }).length;
    if (allowed > 0) choices.push({ status, allowed });
  }
  return choices;
}

/** The status modal over `targets`, or null when none of them may change status. */
export function statusModal(targets: readonly StatusTarget[]): ChoiceModal | null {
  const choices = statusChoices(targets);
  if (choices.length === 0) return null;
  const single = targets.length === 1;
  return new ChoiceModal({
    kind: "status",
    title: single
      ? `Status: ${agentText(targets[0].name)}`
      : `Status of ${targets.length} marked PRs`,
    note: single
      ? `Current: ${agentText(targets[0].status)}`
      : "Each marked PR moves if the status machine allows it",
    choices: choices.map((choice) => ({
      label: single ? choice.status : `${choice.status}  (${choice.allowed} of ${targets.length})`,
      task: statusTask(targets, choice.status),
    })),
  });
}
