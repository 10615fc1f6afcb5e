/**
 * Where ACE's shell opens its modals: every opening key (`@`, `Space`,
 * `,h`, `,<space>`, `i`, `,n`) comes here with what the shell knows about
 * the moment (the tab, the focused ChangeSpec or agent). The modals
 * themselves (prompt bar, notifications inbox, plan review, question, HITL)
 * are built against the contract in `../modals/modal.ts` and connected
 * here; until they are, this answers null and the shell says so.
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import type { ChangeSpec } from "../../../core/changespec/types.ts";
import type { Size } from "../../engine/geometry.ts";
import type { AgentItem } from "../agents/item.ts";
import type { AceTab } from "../chrome/tabs.ts";
import type { AceModal } from "../modals/modal.ts";

/** Which modal a key asks for. */
export type ModalKind =
  /** `@`: the prompt bar for a custom agent (project / ChangeSpec picker first). */
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

/** The words the shell uses when a modal cannot open. */
export const MODAL_LABELS: Readonly<Record<ModalKind, string>> = {
  prompt: "The prompt bar",
  prompt_selection: "The prompt bar",
  prompt_selection_direct: "The prompt bar",
  prompt_home: "The prompt bar",
  notifications: "The notifications inbox",
  notification_jump: "Plan review and questions",
};

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

/**
 * The modal of `kind` for `context`, or null when it cannot open. The modal
 * factories are connected here when the modals land (see the README's ACE
 * section); until then every kind answers null.
 */
export function openModal(_kind: ModalKind, _context: ModalContext): AceModal | null {
  return null;
}
