import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { Command } from "@commander-js/extra-typings";
import {
  applyListDefaults,
  buildFullTree,
  commandFor,
  commandPath,
  groupsToLoad,
} from "../../cli/app.ts";
import { fastPathOutput, rootHelp } from "../../cli/root_help.ts";
import { GROUPS } from "../../cli/registry.ts";
import { SASE_VERSION } from "../../core/version.ts";

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
  assertEquals(groupsToLoad(["completion", "bash"]).length, GROUPS.length);
});

Deno.test("the fast path answers --version and root help without the parser", () => {
  assertEquals(fastPathOutput(["--version"]), SASE_VERSION);
  assertEquals(fastPathOutput(["-V"]), SASE_VERSION);
  assertEquals(fastPathOutput(["--help"]), rootHelp());
  assertEquals(fastPathOutput([]), rootHelp());
  assertEquals(fastPathOutput(["doctor", "--help"]), null);
  for (const group of GROUPS.filter((group) => !group.hidden)) {
    assertStringIncludes(rootHelp(), `  ${group.name} `);
  }
  for (const group of GROUPS.filter((group) => group.hidden)) {
    assertEquals(rootHelp().includes(`  ${group.name} `), false);
  }
});

Deno.test("every listing command the README promises -j/--json for takes it", async () => {
  const program = await buildFullTree();
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
