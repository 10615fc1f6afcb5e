/**
 * The hot commands' quick path (`cli/quick.ts`) against commander: every
 * command line it answers must reach the same action with the same
 * arguments and options commander would pass, and every line commander
 * refuses (or prints help for) must be left to commander.
 */

import type { Command } from "@commander-js/extra-typings";
import { assert, assertEquals, assertThrows } from "../_helpers/assert.ts";
import { applyListDefaults, createProgram } from "../../cli/app.ts";
import { GROUPS } from "../../cli/registry.ts";
import { QUICK_COMMANDS, resolveQuick } from "../../cli/quick.ts";
import { parseQuick, RecordedCommand, RecordedOption } from "../../cli/quick_tree.ts";
import { saseContext } from "../../entries/context.ts";

const app = saseContext({ env: { HOME: "/nonexistent-home" }, cwd: "/" });

/** What commander hands the action of `path` for `args`, or the error it throws. */
async function commanderParse(
  path: readonly string[],
  args: readonly string[],
): Promise<{ args: unknown[]; options: Record<string, unknown> } | { error: unknown }> {
  const program = createProgram().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  const group = GROUPS.find((entry) => entry.name === path[0])!;
  (await group.load()).register(program, app);
  applyListDefaults(program);
  let leaf = program as unknown as Command;
  for (const word of path) leaf = leaf.commands.find((child) => child.name() === word) as Command;
  let seen: { args: unknown[]; options: Record<string, unknown> } | undefined;
  (leaf as unknown as { action(fn: (...values: unknown[]) => void): void }).action(
    (...values) => {
      // commander passes the positional values, the options, then the command.
      seen = {
        args: values.slice(0, -2),
        options: { ...(values[values.length - 2] as Record<string, unknown>) },
      };
    },
  );
  try {
    await program.parseAsync([...args], { from: "user" });
  } catch (error) {
    return { error };
  }
  if (!seen) return { error: new Error("commander ran no action") };
  return seen;
}

/**
 * Command lines of each quick command, by full name: the forms people and
 * agents type, and the malformed ones (missing or bad values, unknown
 * options, help, `--`, excess arguments).
 */
const CASES: Record<string, string[][]> = {
  "notify list": [
    [],
    ["-j"],
    ["--json"],
    ["-l", "5"],
    ["-l5"],
    ["--limit=5"],
    ["--limit", "0"],
    ["-q", "plan approval"],
    ["-t", "Review", "-s", "crs"],
    ["-u", "-a"],
    ["-ja"],
    ["-jl5"],
    ["-au", "-l", "3", "-j"],
    ["-l", "x"],
    ["-l", "-1"],
    ["-l"],
    ["-x"],
    ["-h"],
    ["--help"],
    ["extra"],
    ["-q", "-j"],
    ["--", "-j"],
    ["--json=1"],
    ["-jx"],
  ],
  "bead ready": [[], ["-j"], ["--json"], ["x"], ["-a"]],
  "bead list": [
    [],
    ["-j"],
    ["-s", "open", "-s", "closed", "-t", "plan", "--tier", "epic", "-j"],
    ["--status=in_progress"],
    ["-s"],
  ],
  "bead show": [["bench-1"], ["bench-1", "-j"], ["-j", "bench-1"], [], ["a", "b"], ["-"]],
  "bead create": [
    ["-t", "Feature", "-T", "plan(sdd/tales/x.md)"],
    ["--title=Epic", "--type", "plan(e.md)", "--tier", "epic", "-j"],
    ["-t", "Roadmap", "-T", "plan(l.md)", "--tier", "legend", "-E", "3", "-m", "#pro"],
    ["-t", "Phase 1", "-T", "phase(bench-1)", "-d", "what it does", "-a", "me", "-j"],
    ["-t", "Bug", "-T", "plan(b.md)", "-c", "cs_name", "-b", "BUG-1"],
    ["-jt", "Short", "-T", "plan(s.md)"],
    ["-t", "No type"],
    ["-T", "plan(x.md)"],
    ["-t", "x", "-T", "plan(x.md)", "-E", "two"],
    ["-t", "x", "-T", "plan(x.md)", "-E"],
    ["-t", "x", "-T", "plan(x.md)", "extra"],
    ["-t", "x", "-T", "plan(x.md)", "-x"],
    ["-h"],
  ],
  "agent list": [
    [],
    ["-a", "-j"],
    ["-aj"],
    ["-s", "running,failed", "-s", "done"],
    ["--per-project", "5", "-a"],
    ["-n", "3", "-p", "proj"],
    ["--hidden", "--dismissed"],
    ["-n", "-3"],
    ["--per-project"],
  ],
  "agent show": [
    ["builder"],
    ["-n", "builder"],
    ["builder", "-t", "5", "-j"],
    ["builder", "--tail=0"],
    ["--tail", "x", "builder"],
    [],
    ["a", "b"],
  ],
  "changespec search": [
    ["status:Ready", "-j"],
    ["status:Ready", "-f", "plain"],
    ["fix bug", "-a", "--format", "markdown"],
    ["%w +myproj"],
    [],
    ["-j"],
  ],
  "var set": [["step=3", "status=green"], ["a="], [], ["a=1", "--", "-b=2"], ["-x"]],
  "plan propose": [
    ["plan.md"],
    ["plan.md", "--prompt-file", "prompt.md", "-t", "epic"],
    ["plan.md", "--tier=legend"],
    ["plan.md", "-t", "bogus"],
    ["plan.md", "-t"],
    [],
  ],
  "commit": [
    ["-m", "feat: x"],
    ["-m", "feat: x", "-t", "commit", "-j"],
    ["-M", "msg.md", "-f", "a.ts", "-f", "b.ts", "--file=c.ts"],
    ["-t", "pr", "-n", "feat", "-B", "42", "-s", "ready", "-c", "HEAD~2", "-p", "base"],
    ["--resume", "-v", "git"],
    ["-r", "--vcs-provider=hg", "--json"],
    ["-m"],
    ["-x"],
    ["extra"],
  ],
  "xprompt expand": [["Fix it #commit"], [], ["-"], ["text", "--trace"], ["a", "b"]],
  "config show": [[], ["axe.max_hook_runners"], ["-j"], ["timezone", "--json"], ["a", "b"]],
  "doctor": [
    [],
    ["-j"],
    ["-v", "-D"],
    ["-vD"],
    ["-C", "config", "-C", "state"],
    ["--check=runtime"],
    ["-p", "benchproj", "-s"],
    ["-L"],
    ["list"],
    ["-C"],
  ],
};

/** The forms that must take the quick path (not only agree when they do). */
const MUST_BE_QUICK = [
  ["notify", "list", "-j"],
  ["notify"],
  ["notify", "-j", "-l", "5"],
  ["bead", "ready", "-j"],
  ["bead", "list"],
  ["bead", "show", "bench-1"],
  ["bead", "create", "-t", "Feature", "-T", "plan(x.md)"],
  ["agent", "list", "-a", "-j"],
  ["agent", "show", "builder"],
  ["changespec", "search", "status:Ready", "-j"],
  ["var", "set", "step=3"],
  ["plan", "propose", "plan.md"],
  ["xprompt", "expand", "Fix it #commit"],
  ["commit", "-m", "feat: x", "-f", "a.ts", "-f", "b.ts"],
  ["commit", "--resume"],
  ["config", "show"],
  ["doctor", "-j"],
];

Deno.test("quick path: every listed command has cases, and the cases cover every command", () => {
  assertEquals(Object.keys(CASES).sort(), [...QUICK_COMMANDS].sort());
});

Deno.test("quick path: each command line means what commander makes of it, or is left to it", async () => {
  for (const [name, lines] of Object.entries(CASES)) {
    const path = name.split(" ");
    for (const args of lines) {
      const line = [...path, ...args];
      const quick = await resolveQuick(line, app);
      const commander = await commanderParse(path, line);
      const label = `sase ${line.join(" ")}`;
      if ("error" in commander) {
        assertEquals(quick, null, `${label}: commander refuses it, the quick path must not run`);
        continue;
      }
      if (quick === null) continue;
      assertEquals(quick.path, path, label);
      assertEquals({ args: quick.args, options: quick.options }, commander, label);
    }
  }
});

Deno.test("quick path: a bare group runs its list command as commander's default command does", async () => {
  const lines = [["notify"], ["notify", "-j"], ["bead", "-j"], ["agent", "-a"], [
    "notify",
    "-j",
    "-l",
    "5",
  ]];
  for (const args of lines) {
    const quick = await resolveQuick(args, app);
    const commander = await commanderParse([args[0], "list"], args);
    assert(quick !== null, args.join(" "));
    assert(!("error" in commander), args.join(" "));
    assertEquals({ args: quick.args, options: quick.options }, commander, args.join(" "));
    assertEquals(quick.usageHint, `run \`sase ${args[0]} --help\` for usage`);
  }
  // Once the group meets an option, every later word is `list`'s, even a subcommand's name.
  for (const args of [["notify", "-j", "show"], ["notify", "-"], ["notify", "-h"]]) {
    assertEquals(await resolveQuick(args, app), null, args.join(" "));
    assert("error" in await commanderParse(["notify", "list"], args), args.join(" "));
  }
});

Deno.test("quick path: the common forms do take it", async () => {
  for (const line of MUST_BE_QUICK) {
    assert((await resolveQuick(line, app)) !== null, `sase ${line.join(" ")}`);
  }
  const show = await resolveQuick(["agent", "show", "builder", "-j"], app);
  assertEquals(show?.usageHint, "run `sase agent show --help` for usage");
});

Deno.test("quick path: other commands and groups are left to commander", async () => {
  for (
    const line of [
      [],
      ["notify", "show", "abc"],
      ["bead", "close", "bench-1"],
      ["agent", "kill", "builder"],
      ["plan", "approve"],
      ["run", "hello"],
      ["nonsense"],
      ["help", "notify"],
      ["notify", "help", "list"],
      ["-V"],
    ]
  ) {
    assertEquals(await resolveQuick(line, app), null, `sase ${line.join(" ")}`);
  }
});

Deno.test("RecordedOption reads flags as commander does", () => {
  const cases: [string, Partial<RecordedOption>][] = [
    ["-j, --json", { short: "-j", long: "--json", value: "none", key: "json" }],
    ["-l, --limit <n>", { short: "-l", long: "--limit", value: "required", key: "limit" }],
    ["--per-project <n>", { short: undefined, long: "--per-project", key: "perProject" }],
    ["-C, --check <id|group>", { short: "-C", value: "required", key: "check" }],
    ["-v", { short: "-v", long: undefined, value: "none", key: "v" }],
    ["--ws, --workspace <w>", { short: "--ws", long: "--workspace", key: "workspace" }],
    ["-c, --cheese [type]", { value: "unsupported" }],
    ["--arg <key=value...>", { value: "unsupported" }],
    ["-P, --no-push", { value: "unsupported" }],
  ];
  for (const [flags, expected] of cases) {
    const option = new RecordedOption(flags);
    for (const [key, value] of Object.entries(expected)) {
      assertEquals(option[key as keyof RecordedOption], value, `${flags}: ${key}`);
    }
  }
});

Deno.test("parseQuick declines what it does not implement", () => {
  const command = new RecordedCommand("x").argument("[word]").option("-c, --cheese [type]");
  command.action(() => {});
  assertEquals(parseQuick(command, ["w"]), null);
  assertThrows(() => new RecordedCommand().command("show <id>"), Error, "cannot record command");
  assertThrows(() => new RecordedCommand().argument("word"), Error, "cannot record argument");
});
