/**
 * `sase ace -T`: start ACE in a new window `sase_tmux_<N>` (the lowest N
 * free) of the tmux session this shell runs in, with `SASE_TUI_TRACE=1`
 * and `SASE_TUI_PERF=1` unless they are exported (`0` opts out), and print
 * the target for external control (`send-keys`, `capture-pane`).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { SaseError } from "../../core/errors.ts";
import { saseCommand, shellQuote } from "../../core/self_command.ts";

async function tmux(args: string[]): Promise<string> {
  const output = await new Deno.Command("tmux", { args, stdout: "piped", stderr: "piped" }).output()
    .catch((error) => {
      throw new SaseError("ace.tmux", `cannot run tmux: ${(error as Error).message}`, {
        kind: "unavailable",
      });
    });
  if (!output.success) {
    throw new SaseError(
      "ace.tmux",
      `tmux ${args[0]} failed: ${new TextDecoder().decode(output.stderr).trim()}`,
      {
        kind: "failed",
      },
    );
  }
  return new TextDecoder().decode(output.stdout);
}

/** The lowest N such that no window is called `sase_tmux_<N>`. */
export function nextWindowName(existing: readonly string[]): string {
  const taken = new Set(existing);
  let n = 1;
  while (taken.has(`sase_tmux_${n}`)) n++;
  return `sase_tmux_${n}`;
}

/** Open ACE (with `args`, `-T` removed) in a new tmux window and print its target. */
export async function openInTmux(app: AppContext, args: readonly string[]): Promise<void> {
  if (!app.env.TMUX) {
    throw new SaseError("ace.tmux", "sase ace -T must run inside tmux ($TMUX is not set)", {
      kind: "usage",
      hint: "start tmux first, or run `sase ace` without -T",
    });
  }
  const names = (await tmux(["list-windows", "-F", "#{window_name}"])).split("\n").filter(Boolean);
  const name = nextWindowName(names);
  const env = ["SASE_TUI_TRACE", "SASE_TUI_PERF"].flatMap((
    key,
  ) => ["-e", `${key}=${app.env[key] ?? "1"}`]);
  const command = [...saseCommand(), ...args].map(shellQuote).join(" ");
  const target = (await tmux([
    "new-window",
    "-P",
    "-F",
    "#{session_name}\t#{window_index}\t#{pane_pid}",
    "-n",
    name,
    "-c",
    app.cwd,
    ...env,
    command,
  ])).trim().split("\t");
  console.log(`sase_tmux_window=${name}`);
  console.log(`sase_tmux_session=${target[0]}`);
  console.log(`sase_tmux_target=${target[0]}:${target[1]}`);
  console.log(`sase_tmux_pid=${target[2]}`);
}
