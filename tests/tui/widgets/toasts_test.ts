import { CellBuffer } from "../../../tui/engine/buffer.ts";
import {
  addToasts,
  clearToasts,
  drawToasts,
  emptyToasts,
  expireToasts,
  nextToastExpiry,
  TOAST_DURATION_MS,
  type ToastInput,
  toastsForTick,
} from "../../../tui/widgets/toasts.ts";
import { assertEquals } from "../../_helpers/assert.ts";

const plan: ToastInput = { severity: "warning", text: "plan ready", category: "plan" };
const question: ToastInput = { severity: "warning", text: "question", category: "question" };
const done: ToastInput = { severity: "info", text: "agent done", category: "agent" };
const axe: ToastInput = { severity: "error", text: "axe failed", category: "axe error" };

Deno.test("toastsForTick: up to three arrivals stay separate, in arrival order", () => {
  assertEquals(toastsForTick([done, plan, axe]), [done, plan, axe]);
});

Deno.test("toastsForTick: more than three become one toast per severity, errors first", () => {
  assertEquals(toastsForTick([done, plan, done, question, axe]), [
    { severity: "error", text: "1 error: 1 axe error" },
    { severity: "warning", text: "2 warnings: 1 plan, 1 question" },
    { severity: "info", text: "2 info: 2 agents" },
  ]);
  assertEquals(toastsForTick([plan, plan, plan, { severity: "warning", text: "?" }]), [
    { severity: "warning", text: "4 warnings: 3 plans, 1 other" },
  ]);
});

Deno.test("toasts: added with per-severity lifetimes, expired on time, cleared", () => {
  let state = addToasts(emptyToasts(), [plan, done], 1000);
  assertEquals(state.toasts.map((t) => [t.id, t.expiresAt]), [
    [1, 1000 + TOAST_DURATION_MS.warning],
    [2, 1000 + TOAST_DURATION_MS.info],
  ]);
  assertEquals(nextToastExpiry(state), 1000 + TOAST_DURATION_MS.info);
  assertEquals(expireToasts(state, 1000) === state, true); // nothing expired: same object
  state = expireToasts(state, 1000 + TOAST_DURATION_MS.info);
  assertEquals(state.toasts.map((t) => t.text), ["plan ready"]);
  assertEquals(addToasts(state, [], 0) === state, true);
  assertEquals(clearToasts(state).toasts, []);
  assertEquals(nextToastExpiry(clearToasts(state)), null);
  assertEquals(clearToasts(state).nextId, 3);
});

Deno.test("drawToasts: newest at the bottom-right, capped to the area", () => {
  const state = addToasts(emptyToasts(), [plan, done], 0);
  const buffer = new CellBuffer(20, 3);
  drawToasts(buffer, { x: 0, y: 0, width: 20, height: 3 }, state);
  assertEquals(buffer.rowText(0), " ".repeat(20));
  assertEquals(buffer.rowText(1), "       ▌ plan ready ");
  assertEquals(buffer.rowText(2), "       ▌ agent done ");
  const one = new CellBuffer(20, 1);
  drawToasts(one, { x: 0, y: 0, width: 20, height: 1 }, state);
  assertEquals(one.rowText(0), "       ▌ agent done ");
});
