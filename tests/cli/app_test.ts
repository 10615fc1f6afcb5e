import { assertEquals } from "../_helpers/assert.ts";
import { Command } from "@commander-js/extra-typings";
import {
  applyListDefaults,
  buildFullTree,
  commandFor,
  commandPath,
  groupsToLoad,
} from "../../cli/app.ts";
import { fastPathOutput, rootHelp } from "../../cli/root_help.ts";
import denoConfig from "../../deno.json" with { type: "json" };
import { HIDDEN, TOP_LEVEL } from "./_top_level.ts";
import { saseContext } from "../../entries/context.ts";

Deno.test("a group with a list child runs list when invoked bare, at any depth", async () => {
  const calls: string[] = [];
  const program = new Command("sase").exitOverride();
  const group = program.command("thing");
  group.command("list").option("-j, --json").action((options) => {
    calls.push(`thing list json=${options.json ?? false}`);
  });
  group.command("show").action(() => {
    calls.push("thing show");
  });
  const nested = group.command("tag");
  nested.command("list").action(() => {
    calls.push("tag list");
  });
  applyListDefaults(program);
  await program.parseAsync(["thing"], { from: "user" });
  await program.parseAsync(["thing", "tag"], { from: "user" });
  await program.parseAsync(["thing", "show"], { from: "user" });
  assertEquals(calls, ["thing list json=false", "tag list", "thing show"]);
});

Deno.test("only the named group is loaded; completion and help topics load what they need", () => {
  assertEquals(groupsToLoad(["config", "show"]).map((group) => group.name), ["config"]);
  assertEquals(groupsToLoad(["--bogus"]), []);
  assertEquals(groupsToLoad(["help", "doctor"]).map((group) => group.name), ["doctor"]);
  // Completion describes the whole tree: every group is loaded. The internal
  // process entries (__agent-run, __fakey, __claude-tool-hook) are not commands.
  assertEquals(
    groupsToLoad(["completion", "bash"]).map((group) => group.name).sort(),
    [...TOP_LEVEL].sort(),
  );
});

Deno.test("the fast path answers --version and root help without the parser", () => {
  assertEquals(fastPathOutput(["--version"]), denoConfig.version);
  assertEquals(fastPathOutput(["-V"]), denoConfig.version);
  assertEquals(fastPathOutput(["--help"]), rootHelp());
  assertEquals(fastPathOutput([]), rootHelp());
  assertEquals(fastPathOutput(["doctor", "--help"]), null);
  const listed = rootHelp().split("Commands:\n")[1].split("\n")
    .map((line) => /^ {2}(\S+)/.exec(line)?.[1]).filter((name) => name !== undefined);
  assertEquals(listed, [...TOP_LEVEL, "help"]);
  for (const name of HIDDEN) assertEquals(rootHelp().includes(name), false, name);
});

Deno.test("every listing command the README promises -j/--json for takes it", async () => {
  const program = await buildFullTree(saseContext());
  // The README's command index, written out (not read from the code).
  const listings = [
    "config layers",
    "config show",
    "doctor",
    "path",
    "notify list",
    "version",
    "run",
    "changespec search",
    "changespec show",
    "changespec current",
    "changespec sync",
    "changespec rebase",
    "changespec rewind",
    "changespec rename",
    "changespec reword",
    "changespec mail",
    "changespec archive",
    "changespec sync-deltas",
    "revert",
    "restore",
    "project list",
    "project show",
    "project alias list",
    "bead list",
    "bead show",
    "bead ready",
    "bead blocked",
    "bead stats",
    "bead doctor",
    "xprompt list",
    "prompt list",
    "prompt stats",
    "prompt doctor",
    "sdd list",
    "sdd links",
    "sdd validate",
    "plan list",
    "plan validate",
    "workspace list",
    "agent list",
    "agent show",
    "chat list",
  ];
  for (const words of listings) {
    const command = commandFor(program, words.split(" "));
    assertEquals(commandPath(command), `sase ${words}`);
    const json = command.options.find((option) => option.long === "--json");
    assertEquals(json?.short, "-j", `sase ${words} takes -j/--json`);
  }
});
