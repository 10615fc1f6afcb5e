import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { Command } from "@commander-js/extra-typings";
import { applyListDefaults, groupsToLoad } from "../../cli/app.ts";
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
