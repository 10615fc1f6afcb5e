/**
 * Which pending action a mobile request names: the notification id or a
 * unique prefix of it, among the notifications of one action family (plan
 * approvals, HITL checkpoints, questions). The rules, in order:
 * - exactly one *pending* action matches: that one;
 * - several pending actions match: `ambiguous_prefix` (nothing is written);
 * - none pending, but a handled one matches: `conflict_already_handled`;
 * - none pending, but a stale one (its run moved on, its request is gone,
 *   it was dismissed undecided): `gone_stale`;
 * - nothing matches: `not_found`.
 *
 * @module
 */

import type { Notification } from "../notify/model.ts";
import { uniquePrefix } from "../sdd/proposals.ts";
import { actionKindOf, actionStateOf } from "./action_state.ts";
import { GatewayError } from "./errors.ts";
import type { MobileActionIdentityWire, MobileActionKind } from "./wire.ts";

/** The action families of the action routes. */
export type ActionFamily = "plan" | "hitl" | "question";

const FAMILY_KINDS: Readonly<Record<ActionFamily, readonly MobileActionKind[]>> = {
  plan: ["plan_approval", "epic_approval"],
  hitl: ["hitl"],
  question: ["user_question"],
};

/** The family a kind belongs to, if any. */
function familyOf(kind: MobileActionKind): ActionFamily | null {
  for (const [family, kinds] of Object.entries(FAMILY_KINDS)) {
    if (kinds.includes(kind)) return family as ActionFamily;
  }
  return null;
}

/** The identity of `record`'s action among the actions of its family in `records`. */
export function resolveIdentity(
  record: Notification,
  records: readonly Notification[],
): MobileActionIdentityWire {
  const family = familyOf(actionKindOf(record));
  const ids = records
    .filter((other) => family !== null && familyOf(actionKindOf(other)) === family)
    .map((other) => other.id);
  const prefix = uniquePrefix(record.id, ids.length ? ids : [record.id]);
  return {
    notification_id: record.id,
    prefix,
    prefix_len: prefix.length,
    resolution: prefix === record.id ? "exact" : "unique_prefix",
  };
}

/** The pending action of `family` that `prefix` names, by the rules above. */
export function resolvePendingAction(
  records: readonly Notification[],
  family: ActionFamily,
  prefix: string,
): Notification {
  if (prefix.trim() === "") {
    throw new GatewayError("invalid_request", "an action needs an id or id prefix", {
      kind: "invalid-input",
      target: prefix,
    });
  }
  const matches = records.filter((record) =>
    FAMILY_KINDS[family].includes(actionKindOf(record)) && record.id.startsWith(prefix)
  );
  const exact = matches.find((record) => record.id === prefix);
  const candidates = exact ? [exact] : matches;
  const states = candidates.map((record) => ({ record, state: actionStateOf(record) }));
  const pending = states.filter((item) => item.state === "available");
  if (pending.length === 1) return pending[0].record;
  if (pending.length > 1) {
    throw new GatewayError(
      "ambiguous_prefix",
      `'${prefix}' matches ${pending.length} pending ${family} actions; send a longer prefix`,
      { kind: "conflict", target: prefix },
    );
  }
  if (states.some((item) => item.state === "already_handled")) {
    throw new GatewayError(
      "conflict_already_handled",
      `the ${family} action '${prefix}' was already answered`,
      {
        kind: "conflict",
        target: prefix,
      },
    );
  }
  if (states.length > 0) {
    throw new GatewayError(
      "gone_stale",
      `the ${family} action '${prefix}' can no longer be answered (${
        states[0].state.replace("_", " ")
      })`,
      { kind: "conflict", target: prefix },
    );
  }
  throw new GatewayError("not_found", `no ${family} action matches '${prefix}'`, {
    kind: "not-found",
    target: prefix,
  });
}
