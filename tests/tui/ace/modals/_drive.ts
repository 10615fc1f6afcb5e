/**
 * Driving ACE modals in tests: keys by their ids (`j`, `enter`, `ctrl+c`,
 * `space`), the tasks they ask for collected and run against a real
 * context, and the modal drawn into a cell buffer to read back as text.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import { CellBuffer } from "../../../../tui/engine/buffer.ts";
import { key, type KeyEvent } from "../../../../tui/engine/keys.ts";
import type { AceModal, ModalOutcome, ModalTask } from "../../../../tui/ace/modals/modal.ts";

/** The key event of an id like `ctrl+c`, `enter`, `J`. */
export function keyOf(id: string): KeyEvent {
  const parts = id.split("+");
  const name = parts.pop()!;
  return key(name === "" ? "+" : name, {
    ctrl: parts.includes("ctrl"),
    alt: parts.includes("alt"),
    shift: parts.includes("shift"),
  });
}

/** Where a run of keys left the modal. */
export interface Driven {
  modal: AceModal | null;
  tasks: ModalTask[];
}

/** Press `keys` in order (a multi-character string without `+` is typed character by character when prefixed with `type:`). */
export function press(modal: AceModal, ...keys: string[]): Driven {
  let current: AceModal | null = modal;
  const tasks: ModalTask[] = [];
  for (const id of keys) {
    if (!current) throw new Error(`key '${id}' after the modal closed`);
    const events = id.startsWith("type:")
      ? [...id.slice(5)].map((c) => key(c === " " ? "space" : c))
      : [keyOf(id)];
    for (const event of events) {
      const step: { modal: AceModal | null; tasks: readonly ModalTask[] } = current!.key(event);
      current = step.modal;
      tasks.push(...step.tasks);
    }
  }
  return { modal: current, tasks };
}

/** Run `tasks` in order against `app`; resolves to their outcomes. */
export async function runTasks(
  app: AppContext,
  tasks: readonly ModalTask[],
): Promise<ModalOutcome[]> {
  const outcomes: ModalOutcome[] = [];
  for (const task of tasks) outcomes.push(await task.run(app));
  return outcomes;
}

/** The rows of `modal` drawn into a `columns` × `rows` buffer (trailing blanks trimmed). */
export function render(modal: AceModal, columns = 100, rows = 24): string[] {
  const buffer = new CellBuffer(columns, rows);
  modal.draw(buffer, { x: 0, y: 0, width: columns, height: rows });
  return Array.from({ length: rows }, (_, y) => buffer.rowText(y).trimEnd());
}

/** `app` with its clock fixed at `now`. */
export function atTime(app: AppContext, now: Date): AppContext {
  return { ...app, now: () => now, at: (cwd: string) => atTime(app.at(cwd), now) };
}
