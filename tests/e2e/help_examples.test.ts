/**
 * Every example a `--help` page shows works when copied verbatim into the
 * shell it is for: the real command tree is walked, each command's help is
 * rendered exactly as `sase ... --help` prints it, and each example line runs
 * in a real shell against a throwaway home, with `sase` on PATH and agents
 * on the offline fakey provider.
 */

import { assert, assertEquals } from "../_helpers/assert.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "@commander-js/extra-typings";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { allDone, killRunners, runDirs } from "../_helpers/runs.ts";
import { Tmux } from "../_helpers/tmux.ts";
import { haveTool, needing } from "../_helpers/tools.ts";
import { buildFullTree, commandPath } from "../../cli/app.ts";
import { saseContext } from "../../entries/context.ts";

/** One example line and the help page it came from. */
interface Example {
  command: string;
  line: string;
}

/** What `<command> --help` prints, rendered in-process from the real command object. */
function helpText(command: Command): string {
  let text = "";
  command.configureOutput({ writeOut: (chunk) => text += chunk });
  command.outputHelp();
  return text;
}

/**
 * The examples of one help page: the indented lines of its `Examples:` block.
 * A line elsewhere that shows a command to run (`...: sase ...` or starting
 * with `sase `) would escape this test, so it is reported as misplaced.
 */
function examplesOf(command: string, text: string): { examples: Example[]; misplaced: string[] } {
  const examples: Example[] = [];
  const misplaced: string[] = [];
  let inBlock = false;
  for (const line of text.split("\n")) {
    if (line === "Examples:") {
      inBlock = true;
    } else if (inBlock && line.startsWith("  ")) {
      examples.push({ command, line: line.trim() });
    } else {
      inBlock = false;
      if (/^\s*sase\s|:\s+sase\s/.test(line) && !line.startsWith("Usage: ")) misplaced.push(line);
    }
  }
  return { examples, misplaced };
}

/** Every command in the tree, root first. */
function allCommands(command: Command): Command[] {
  return [command, ...(command.commands as Command[]).flatMap(allCommands)];
}

/** The shell an example is written for: its trailing `# zsh: ...` / `# fish: ...` note, else bash. */
function shellFor(line: string): string {
  return /#\s*(zsh|fish):/.exec(line)?.[1] ?? "bash";
}

/**
 * An example that installs shell completion prints nothing; the proof that it
 * worked is the shell completing `sase` afterwards. Each probe runs on its own
 * line after the example, in the same shell.
 */
const COMPLETION_PROBES: Record<string, { probe: string; shows: string }> = {
  bash: { probe: "complete -p sase", shows: "-F _sase_completion sase" },
  zsh: { probe: "print -r -- ${_comps[sase]}", shows: "_sase" },
  fish: { probe: "complete -C 'sase completio'", shows: "completion\t" },
};

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const tree = await buildFullTree(saseContext());
const pages = allCommands(tree).map((command) => ({
  command: commandPath(command),
  ...examplesOf(commandPath(command), helpText(command)),
}));
const examples = pages.flatMap((page) => page.examples);

Deno.test("help pages show commands only in Examples blocks, and the examples are found", () => {
  assertEquals(
    pages.flatMap((page) => page.misplaced.map((line) => `${page.command}: ${line}`)),
    [],
  );
  // Not vacuous: the pages known to carry examples are seen.
  const withExamples = new Set(examples.map((example) => example.command));
  for (const command of ["sase run", "sase completion"]) {
    assert(withExamples.has(command), `${command} --help shows examples`);
  }
});

/** Commands whose examples take over the terminal (run in tmux, not with pipes). */
const NEEDS_TERMINAL = new Set(["sase ace"]);
const haveTmux = await haveTool("tmux", ["-V"]);

for (const example of examples) {
  const shell = shellFor(example.line);
  const installed = await haveTool(shell) && (!NEEDS_TERMINAL.has(example.command) || haveTmux);
  Deno.test({
    name: needing(
      `help example works verbatim: ${example.command}: ${example.line}`,
      shell,
      installed,
    ),
    ignore: !installed,
    fn: async () => {
      await using sb = await makeSandbox();
      const bin = join(sb.root, "bin");
      await Deno.mkdir(bin);
      await Deno.writeTextFile(
        join(bin, "sase"),
        `#!/bin/sh\nexec '${Deno.execPath()}' run -A --unstable-worker-options '${MAIN}' "$@"\n`,
        { mode: 0o755 },
      );
      // A fresh home: no shell start-up files, so each shell starts as a new user's would.
      const env = { ...sb.env, PATH: `${bin}:${sb.env.PATH}`, ZDOTDIR: sb.home };
      const probe = example.line.includes("sase completion") ? COMPLETION_PROBES[shell] : undefined;
      if (NEEDS_TERMINAL.has(example.command)) {
        // A full-screen command: run verbatim in a real terminal; it must come up and quit with `q`.
        // tmux's server keeps its own PATH: put the test's `sase` first inside the pane.
        await using tmux = await Tmux.start(
          [shell, "-c", `PATH='${bin}':"$PATH"\n${example.line}`],
          {
            columns: 120,
            rows: 30,
            cwd: sb.cwd,
            env,
          },
        );
        await tmux.waitFor(
          (screen) => screen.some((row) => /\bPRs\b.*\bAgents\b/.test(row)),
          "ACE",
        );
        await tmux.sendKeys("q");
        try {
          assertEquals(await tmux.waitForExit(), 0, "the example quits with q and exits 0");
        } finally {
          // ACE starts axe unless told not to; `q` leaves it running, as it should for a user.
          await new Deno.Command(join(bin, "sase"), { args: ["axe", "stop"], env, clearEnv: true })
            .output();
        }
        return;
      }
      let dirs: string[] = [];
      try {
        const output = await new Deno.Command(shell, {
          args: ["-c", probe ? `${example.line}\n${probe.probe}` : example.line],
          cwd: sb.cwd,
          env,
          clearEnv: true,
          stdin: "null",
          stdout: "piped",
          stderr: "piped",
          // A hanging example fails here instead of hanging the suite.
          signal: AbortSignal.timeout(120_000),
        }).output();
        const stdout = new TextDecoder().decode(output.stdout);
        const stderr = new TextDecoder().decode(output.stderr);
        assertEquals(output.code, 0, `${shell} exit code; stderr:\n${stderr}`);
        assert(!/^error:|not found|command not found/m.test(stderr), stderr);
        if (probe) {
          assert(stdout.includes(probe.shows), `${shell} completes sase afterwards: ${stdout}`);
        } else {
          assert(stdout.trim() !== "", "a sase command prints something");
        }
        // Agents an example launches all finish, and finish well (none waits forever).
        dirs = await runDirs(sb);
        for (const done of await allDone(dirs, 60_000)) assertEquals(done.outcome, "completed");
      } finally {
        await killRunners(dirs);
      }
    },
  });
}
