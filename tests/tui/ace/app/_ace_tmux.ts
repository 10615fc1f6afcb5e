/**
 * Running the real `sase ace` in tmux for the ACE acceptance tests: the
 * reading guide's §9 fixture (`my_project` with three ChangeSpecs, `other`
 * with one) in a sandboxed home, and a helper that starts ACE in a window
 * under a shell that reports its exit status and stays.
 *
 * @module
 */

import { fromFileUrl, join } from "../../../../core/fs/path.ts";
import { saseCommand, shellQuote } from "../../../../core/self_command.ts";
import type { Sandbox } from "../../../_helpers/sandbox.ts";
import { Tmux } from "../../../_helpers/tmux.ts";
import { haveTool } from "../../../_helpers/tools.ts";

/** The repository root. */
export const ROOT = fromFileUrl(new URL("../../../../", import.meta.url));

/** Whether tmux is installed. */
export const TMUX = await haveTool("tmux", ["-V"]);

function spec(name: string, status: string, description = `Work on ${name}`): string {
  return `NAME: ${name}\nDESCRIPTION:\n  ${description}\nSTATUS: ${status}\n`;
}

/** Write one ProjectSpec with `specs` (each from {@linkcode spec}). */
export async function writeProject(
  box: Sandbox,
  project: string,
  specs: readonly string[],
): Promise<string> {
  const dir = join(box.saseHome, "projects", project);
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, `${project}.sase`);
  await Deno.writeTextFile(
    path,
    `WORKSPACE_DIR: ${box.cwd}\nPROJECT_STATE: active\n\n\n${specs.join("\n\n")}`,
  );
  return path;
}

/** The guide's §9 fixture. */
export async function writeGuideFixture(box: Sandbox): Promise<void> {
  await writeProject(box, "my_project", [
    spec("my_project_a_1", "WIP"),
    spec("my_project_b_1", "Draft"),
    spec("my_project_c_1", "Ready"),
  ]);
  await writeProject(box, "other", [spec("other_x_1", "WIP")]);
}

export { spec };

/** Start `sase ace <args>` in a `columns`×`rows` tmux window. */
export function startAce(
  box: Sandbox,
  args: readonly string[],
  size: { columns: number; rows: number } = { columns: 200, rows: 50 },
  env: Record<string, string> = {},
): Promise<Tmux> {
  const command = [...saseCommand(), "ace", ...args].map(shellQuote).join(" ");
  return Tmux.start(["bash", "-c", `${command}; echo "ace exited $?"; sleep 600`], {
    ...size,
    cwd: box.cwd,
    env: { ...box.env, COLORTERM: "truecolor", DENO_NO_UPDATE_CHECK: "1", ...env },
  });
}

/** The pid of ACE's process: the child of the pane's shell. */
export async function acePid(tmux: Tmux): Promise<number> {
  const shell = Number(await tmux.pane("#{pane_pid}"));
  const children = (await Deno.readTextFile(`/proc/${shell}/task/${shell}/children`)).trim();
  if (children === "") throw new Error("ACE is not running");
  return Number(children.split(/\s+/)[0]);
}

/** Whether any screen row contains `text`. */
export function shows(screen: readonly string[], text: string): boolean {
  return screen.some((row) => row.includes(text));
}

/** Rows of the screen body (between the tab bar and the footer). */
export function body(screen: readonly string[]): string[] {
  return screen.slice(2, -1);
}
