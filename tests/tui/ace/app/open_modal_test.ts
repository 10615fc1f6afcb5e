/**
 * The opening keys' modals from the real factories: the prompt bar at once
 * (pre-filled with the focused PR's `#git:` reference for `Space`), the
 * inbox through a task, and `,n` telling when nothing waits.
 */

import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { sandboxContext } from "../../../_helpers/app.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { CellBuffer } from "../../../../tui/engine/buffer.ts";
import type { AceModal, ModalTask } from "../../../../tui/ace/modals/modal.ts";
import {
  type ModalContext,
  openModal,
  selectionReference,
} from "../../../../tui/ace/app/open_modal.ts";
import { agentRow, items } from "../_agents.ts";
import type { ChangeSpec } from "../../../../core/changespec/types.ts";

function drawn(modal: AceModal): string {
  const buffer = new CellBuffer(80, 6);
  modal.draw(buffer, { x: 0, y: 0, width: 80, height: 6 });
  return buffer.text();
}

Deno.test("opening keys: the prompt bar at once (with the PR's reference for Space), the inbox and ,n as tasks", async () => {
  await using box = await makeSandbox();
  const app = sandboxContext(box);
  const base: ModalContext = { app, tab: "changespecs", screen: { columns: 100, rows: 30 } };
  const spec = { name: "p_feature_1" } as ChangeSpec;
  const [agent] = items([agentRow({ name: "a", clName: "q_fix_2" })]);
  assertEquals(selectionReference({ ...base, spec }), "#git:p_feature_1 ");
  assertEquals(selectionReference({ ...base, tab: "agents", agent }), "#git:q_fix_2 ");
  assertEquals(selectionReference(base), "");
  const bar = openModal("prompt_selection", { ...base, spec }) as AceModal;
  assertEquals(bar.kind, "prompt");
  assert(drawn(bar).includes("#git:p_feature_1"), drawn(bar));
  const home = openModal("prompt_home", { ...base, spec }) as AceModal;
  assert(!drawn(home).includes("#git:"), "the home prompt starts empty");
  const inbox = openModal("notifications", base) as ModalTask;
  assertEquals(inbox.label, "open the notifications inbox");
  const opened = await inbox.run(app);
  assert(opened.open, "the inbox opens");
  const jump = openModal("notification_jump", base) as ModalTask;
  assertEquals(await jump.run(app), {
    toast: { severity: "info", text: "No plan or question is waiting for an answer" },
  });
});
