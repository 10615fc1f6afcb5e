/**
 * Where ACE's shell opens its modals: every opening key (`@`, `Space`,
 * `,h`, `,<space>`, `i`, `,n`) comes here with what the shell knows about
 * the moment (the tab, the focused ChangeSpec or agent), and gets the modal
 * from the factories in `../modals/mod.ts` (prompt bar, notifications
 * inbox, plan review or question).
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import type { ChangeSpec } from "../../../core/changespec/types.ts";
import type { Size } from "../../engine/geometry.ts";
import type { AgentItem } from "../agents/item.ts";
import type { AceTab } from "../chrome/tabs.ts";
import type { AceModal, ModalTask } from "../modals/modal.ts";
import { modalTask, newestActionable, openNotifications, openPromptBar } from "../modals/mod.ts";

/** Which modal a key asks for. */
export type ModalKind =
  /** `@`: the prompt bar for a custom agent. */
  | "prompt"
  /** `Space`: the prompt bar for an agent on the focused PR (or the focused agent's PR). */
  | "prompt_selection"
  /** `,<space>`: the same, skipping the selection step. */
  | "prompt_selection_direct"
  /** `,h`: the prompt bar in the home context (a bare prompt runs as `#git:home`). */
  | "prompt_home"
  /** `i`: the notifications inbox. */
  | "notifications"
  /** `,n`: the newest plan or question needing an answer (plan review / question modal). */
  | "notification_jump";

/** What the shell knows when a modal is asked for. */
export interface ModalContext {
  readonly app: AppContext;
  readonly tab: AceTab;
  readonly screen: Size;
  /** The ChangeSpec under the cursor on the PRs tab. */
  readonly spec?: ChangeSpec;
  /** The agent under the cursor on the Agents tab. */
  readonly agent?: AgentItem;
}

/** The workspace reference of the focused PR (or of the focused agent's ChangeSpec), if any. */
export function selectionReference(context: ModalContext): string {
  const name = context.spec?.name ?? context.agent?.changeSpec ?? null;
  return name ? `#git:${name} ` : "";
}

/** `,n`: the newest plan or question waiting, or a toast saying none is. */
const JUMP_TASK: ModalTask = {
  label: "open the newest plan or question",
  async run(app: AppContext) {
    const modal = await newestActionable(app);
    return modal
      ? { open: modal }
      : { toast: { severity: "info", text: "No plan or question is waiting for an answer" } };
  },
};

/**
 * The modal of `kind` for `context`: the prompt bar opens at once (pre-filled
 * with the focused PR's `#git:` reference for `Space` / `,<space>`); the
 * inbox and `,n` read files first, so they come back as a task whose outcome
 * opens the modal.
 */
export function openModal(kind: ModalKind, context: ModalContext): AceModal | ModalTask {
  switch (kind) {
    case "prompt":
    case "prompt_home":
      return openPromptBar();
    case "prompt_selection":
    case "prompt_selection_direct":
      return openPromptBar(selectionReference(context));
    case "notifications":
      return modalTask("open the notifications inbox", openNotifications);
    case "notification_jump":
      return JUMP_TASK;
  }
}
