/**
 * What a notification's action is and where it stands, for the mobile
 * API: the kind (plan approval, HITL checkpoint, question, ...) and its
 * state, derived from the protocol files the action's producer wrote (the
 * request and, once decided, the response), the same files `sase plan`,
 * `sase agent hitl` and ACE read.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { Notification } from "../notify/model.ts";
import { REQUEST_FILE, RESPONSE_FILE } from "../sdd/proposals.ts";
import { HITL_REQUEST_FILE, HITL_RESPONSE_FILE } from "../workflow/hitl.ts";
import type { MobileActionKind, MobileActionState, MobileActionSummaryWire } from "./wire.ts";

/** Actions that only navigate somewhere on the desktop: nothing to decide. */
const NAVIGATION_ACTIONS: ReadonlySet<string> = new Set([
  "JumpToAgent",
  "ViewErrorReport",
  "JumpToMentorReview",
  "JumpToChangeSpec",
  "ViewFile",
]);

/** The mobile action kind of a stored `action`. */
export function actionKindOf(record: Notification): MobileActionKind {
  switch (record.action) {
    case "PlanApproval": {
      const tier = record.action_data?.plan_tier;
      return tier === "epic" || tier === "legend" ? "epic_approval" : "plan_approval";
    }
    case "EpicApproval":
      return "epic_approval";
    case "HITL":
      return "hitl";
    case "UserQuestion":
      return "user_question";
    case "LaunchApproval":
      return "launch_approval";
    case undefined:
    case null:
      return "non_action";
    default:
      return NAVIGATION_ACTIONS.has(record.action) ? "non_action" : "unsupported";
  }
}

/** The decision file a kind's response is written to. */
export const RESPONSE_FILES: Readonly<Record<MobileActionKind, string>> = {
  plan_approval: RESPONSE_FILE,
  epic_approval: RESPONSE_FILE,
  hitl: HITL_RESPONSE_FILE,
  user_question: "question_response.json",
  launch_approval: "launch_response.json",
  custom_gate: "response.json",
  non_action: "response.json",
  unsupported: "response.json",
};

const LABELS: Readonly<Record<MobileActionKind, string>> = {
  plan_approval: "Plan approval",
  epic_approval: "Epic approval",
  hitl: "Workflow checkpoint",
  user_question: "Question",
  launch_approval: "Launch approval",
  custom_gate: "Custom gate",
  non_action: "No action",
  unsupported: "Unsupported action",
};

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** The directory holding an action's request and response files, if the row names one. */
export function actionDir(record: Notification): string | null {
  const data = record.action_data ?? {};
  const dir = actionKindOf(record) === "hitl" ? data.artifacts_dir : data.response_dir;
  return typeof dir === "string" && dir !== "" ? dir : null;
}

/** The request file a kind's producer writes. */
function requestFile(kind: MobileActionKind): string | null {
  if (kind === "plan_approval" || kind === "epic_approval") return REQUEST_FILE;
  if (kind === "hitl") return HITL_REQUEST_FILE;
  if (kind === "user_question") return "question_request.json";
  return null;
}

/** Where the action of `record` stands. */
export function actionStateOf(record: Notification): MobileActionState {
  const kind = actionKindOf(record);
  if (kind === "non_action" || kind === "unsupported" || kind === "custom_gate") {
    return "unsupported";
  }
  const dir = actionDir(record);
  if (!dir) return "missing_target";
  if (isFile(join(dir, RESPONSE_FILES[kind]))) return "already_handled";
  const request = requestFile(kind);
  if (request && !isFile(join(dir, request))) {
    // A HITL run removes both files once it took the decision: handled, not missing.
    return kind === "hitl" ? "stale" : "missing_request";
  }
  if (record.dismissed) return "stale";
  return "available";
}

/** The card's action summary (null for rows without an action). */
export function actionSummaryOf(record: Notification): MobileActionSummaryWire | null {
  const kind = actionKindOf(record);
  if (kind === "non_action") return null;
  return { kind, state: actionStateOf(record), label: LABELS[kind] };
}
