import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

const SPEC = "NAME: thing\nSTATUS: WIP\n";

Deno.test("project list/show/set-state: lifecycle states, legacy values, home immutable, RUNNING guard", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.sase/projects/alpha/alpha.sase", "WORKSPACE_DIR: ~/code/alpha\n\n" + SPEC);
  await sb.write("home/.sase/projects/old/old.sase", "PROJECT_STATE: archived\n\n" + SPEC);
  await sb.write("home/.sase/projects/sib/sib.sase", "PROJECT_STATE: sibling\n");
  const busy =
    "PROJECT_STATE: active\nRUNNING:\n  #10 | 12345 | run | thing | 260509_121314 | PINNED\n\n" +
    SPEC;
  const busyPath = await sb.write("home/.sase/projects/busy/busy.sase", busy);
  await sb.write("home/.sase/projects/home/home.sase", "");

  const bare = await runSase(["project"], { env: sb.env });
  assertEquals(bare.code, 0, bare.stderr);
  assertEquals(bare.stdout.split("\n").slice(1, -1).map((l) => l.split(/\s+/)[0]), [
    "alpha",
    "busy",
    "home",
  ]);

  const all = JSON.parse(
    (await runSase(["project", "list", "-s", "all", "-j"], { env: sb.env })).stdout,
  );
  assertEquals(
    all.projects.map((p: { name: string; state: string }) => `${p.name}=${p.state}`),
    ["alpha=active", "busy=active", "home=active", "old=inactive", "sib=sibling"],
  );
  const inactive = JSON.parse(
    (await runSase(["project", "list", "--state", "inactive", "-j"], { env: sb.env })).stdout,
  );
  assertEquals(inactive.projects[0].raw_state, "archived");

  const show =
    JSON.parse((await runSase(["project", "show", "busy", "-j"], { env: sb.env })).stdout).project;
  assertEquals(show.running, [{
    workspace: 10,
    pid: 12345,
    workflow: "run",
    changespec: "thing",
    timestamp: "260509_121314",
    pinned: true,
  }]);
  assertEquals([show.changespec_count, show.launchable], [1, true]);

  const refused = await runSase(["project", "deactivate", "busy"], { env: sb.env });
  assertEquals(refused.code, 1);
  assertStringIncludes(refused.stderr, "live RUNNING claim");
  assertEquals(Deno.readTextFileSync(busyPath), busy);
  const forced = await runSase(["project", "deactivate", "busy", "--force"], { env: sb.env });
  assertEquals(forced.code, 0, forced.stderr);
  assertEquals(
    Deno.readTextFileSync(busyPath),
    busy.replace("PROJECT_STATE: active", "PROJECT_STATE: inactive"),
  );

  const alphaPath = `${sb.saseHome}/projects/alpha/alpha.sase`;
  assertEquals(
    (await runSase(["project", "set-state", "alpha", "sibling"], { env: sb.env })).code,
    0,
  );
  assertEquals(
    Deno.readTextFileSync(alphaPath),
    "WORKSPACE_DIR: ~/code/alpha\nPROJECT_STATE: sibling\n\n" + SPEC,
  );
  assertEquals((await runSase(["project", "activate", "old"], { env: sb.env })).code, 0);
  assertStringIncludes(
    Deno.readTextFileSync(`${sb.saseHome}/projects/old/old.sase`),
    "PROJECT_STATE: active\n",
  );

  const home = await runSase(["project", "set-state", "home", "inactive"], { env: sb.env });
  assertEquals(home.code, 1);
  assertStringIncludes(home.stderr, "'home' project cannot be mutated");
  const badState = await runSase(["project", "set-state", "alpha", "paused"], { env: sb.env });
  assertEquals(badState.code, 2);
  const missing = await runSase(["project", "show", "nope"], { env: sb.env });
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "no project named 'nope'");
});

Deno.test("project alias list/add/remove/clear with validation", async () => {
  await using sb = await makeSandbox();
  const bobPath = await sb.write(
    "home/.sase/projects/bob-cli/bob-cli.sase",
    "PROJECT_STATE: active\n\n" + SPEC,
  );
  await sb.write("home/.sase/projects/other/other.sase", "PROJECT_ALIASES: taken\n\n" + SPEC);
  const run = (...args: string[]) => runSase(["project", "alias", ...args], { env: sb.env });
  assertEquals((await run("add", "bob-cli", "bob")).code, 0);
  assertEquals((await run("add", "bob-cli", "bb")).code, 0);
  assertEquals(
    Deno.readTextFileSync(bobPath),
    "PROJECT_STATE: active\nPROJECT_ALIASES: bb, bob\n\n" + SPEC,
  );
  const listed = JSON.parse((await run("list", "bob-cli", "--json")).stdout);
  assertEquals(listed.projects, [{ project: "bob-cli", aliases: ["bb", "bob"] }]);
  for (
    const [alias, text] of [["taken", "already used by project 'other'"], [
      "other",
      "collides with project",
    ], [
      "bob-cli",
      "equals the project's own name",
    ], [".bad", "invalid alias"]]
  ) {
    const result = await run("add", "bob-cli", alias);
    assertEquals(result.code, 2, alias);
    assertStringIncludes(result.stderr, text);
  }
  const shown = JSON.parse(
    (await runSase(["project", "show", "bob", "-j"], { env: sb.env })).stdout,
  );
  assertEquals(shown.project.name, "bob-cli");
  assertEquals((await run("remove", "bob-cli", "bb")).code, 0);
  assertEquals((await run("remove", "bob-cli", "bb")).code, 2);
  assertEquals((await run("clear", "bob-cli")).code, 0);
  assertEquals(Deno.readTextFileSync(bobPath), "PROJECT_STATE: active\n\n" + SPEC);
  const table = await run("list");
  assert(table.stdout.includes("other") && table.stdout.includes("taken"));
});
