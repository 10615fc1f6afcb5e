/**
 * What ACE's app shell opens its modals through. Each factory takes the
 * application context (and what the modal is about) and resolves to the
 * modal; the shell draws it (`drawModal` with its `title`, `size()` and
 * `placement`) and feeds it keys and pastes. Loading factories read files,
 * so the shell calls them from a task: {@linkcode modalTask} wraps one, and
 * the modals use it themselves to open each other (`Enter` on a plan in the
 * inbox, `Ctrl+K` in the prompt bar).
 *
 * Outcomes: a task's `open` is the modal to show next in place of the
 * current one (the prompt bar that `%edit` hands back, the Plan Review from
 * the inbox); a task with `interactive: true` runs `$EDITOR` and needs the
 * screen suspended while it runs.
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import type { Notification } from "../../../core/notify/model.ts";
import type { AceModal, ModalTask } from "./modal.ts";
import { promptBar } from "./prompt_bar/controller.ts";

/** A task that loads a modal and opens it. */
export function modalTask(label: string, load: (app: AppContext) => Promise<AceModal>): ModalTask {
  return {
    label,
    async run(app: AppContext) {
      return { open: await load(app) };
    },
  };
}

/** The prompt bar (`@`, `Space`, `,h`, `,<space>`), in INSERT mode holding `text`. */
export function openPromptBar(text = ""): AceModal {
  return promptBar(
    text,
    (filter, back) =>
      modalTask("open prompt history", (app) => openPromptHistory(app, { filter, back })),
  );
}

/**
 * Prompt history (`,.`; `,>` with `showCancelled`): `filter` pre-fills the
 * search, `back` is where `Esc` returns (the prompt bar it came from).
 */
export async function openPromptHistory(
  app: AppContext,
  options: { filter?: string; showCancelled?: boolean; back?: AceModal | null } = {},
): Promise<AceModal> {
  const { loadPromptHistory } = await import("./prompt_history/open.ts");
  return await loadPromptHistory(app, openPromptBar, options);
}

/** The task that opens the modal answering `record` (plan, question, HITL), or null for other rows. */
export function actionTask(record: Notification): ModalTask | null {
  switch (record.action) {
    case "PlanApproval":
      return modalTask("open plan review", (app) => openPlanReview(app, record));
    case "UserQuestion":
      return modalTask("open question", (app) => openQuestion(app, record));
    case "HITL":
      return modalTask("open human checkpoint", (app) => openHitl(app, record));
  }
  return null;
}

/** The notifications inbox (`i`). */
export async function openNotifications(app: AppContext): Promise<AceModal> {
  const { loadInbox } = await import("./notifications/open.ts");
  return await loadInbox(app, actionTask);
}

/** The Plan Review of a `PlanApproval` notification. */
export async function openPlanReview(
  app: AppContext,
  notification: Notification,
): Promise<AceModal> {
  const { loadPlanReview } = await import("./plan_review/open.ts");
  return await loadPlanReview(app, notification);
}

/** The question modal of a `UserQuestion` notification. */
export async function openQuestion(app: AppContext, notification: Notification): Promise<AceModal> {
  const { loadQuestion } = await import("./question/open.ts");
  return await loadQuestion(app, notification);
}

/**
 * The HITL modal of the checkpoint an agent waits at: `target` is the
 * agent's name (a WAITING INPUT row) or its `HITL` notification.
 */
export async function openHitl(app: AppContext, target: string | Notification): Promise<AceModal> {
  const agent = typeof target === "string" ? target : target.action_data?.agent_name;
  if (typeof agent !== "string" || agent === "") {
    const { SaseError } = await import("../../../core/errors.ts");
    throw new SaseError("workflow.hitl_none", "the HITL notification names no agent", {
      kind: "invalid-data",
    });
  }
  const { loadHitl } = await import("./hitl/open.ts");
  return await loadHitl(app, agent);
}

/** The actions `,n` jumps to. */
const JUMP_ACTIONS: ReadonlySet<string> = new Set(["PlanApproval", "UserQuestion"]);

/**
 * `,n`: the modal of the newest pending plan or question in the inbox
 * (not dismissed, read or not), or null when none waits.
 */
export async function newestActionable(app: AppContext): Promise<AceModal | null> {
  const { listInbox } = await import("../../../core/notify/inbox.ts");
  const newest = (await listInbox(app)).find((record) =>
    record.silent !== true && JUMP_ACTIONS.has(record.action ?? "")
  );
  if (!newest) return null;
  return newest.action === "PlanApproval"
    ? await openPlanReview(app, newest)
    : await openQuestion(app, newest);
}
