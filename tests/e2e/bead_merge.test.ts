import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { join } from "node:path";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";

Deno.test("two clones create beads, commit and merge: no conflict markers, both sets kept", async () => {
  await using sb = await makeSandbox();
  const origin = await makeGitRepo(join(sb.root, "origin"), sb.env, {
    "sase.yml": "sdd:\n  version_controlled: true\n",
  });
  const sase = async (cwd: string, ...args: string[]) => {
    const result = await runSase(["bead", ...args], { env: sb.env, cwd });
    return result;
  };
  const ok = async (cwd: string, ...args: string[]) => {
    const result = await sase(cwd, ...args);
    assertEquals(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  await ok(origin, "init", "--prefix", "app");
  await ok(
    origin,
    "create",
    "-t",
    "Shared epic",
    "-T",
    "plan(sdd/epics/202605/s.md)",
    "--tier",
    "epic",
  );
  await ok(origin, "create", "-t", "Shared phase", "-T", "phase(app-1)");
  await git(origin, sb.env, "add", "-A");
  await git(origin, sb.env, "commit", "-q", "-m", "beads");
  const clone = join(sb.root, "clone");
  await git(sb.root, sb.env, "clone", "-q", origin, clone);

  // Both sides allocate app-2 and app-1.2 independently.
  assertStringIncludes(
    await ok(origin, "create", "-t", "Origin plan", "-T", "plan(a.md)"),
    "app-2",
  );
  assertStringIncludes(
    await ok(origin, "create", "-t", "Origin phase", "-T", "phase(app-1)"),
    "app-1.2",
  );
  await ok(origin, "close", "app-1.1", "-r", "done upstream");
  await git(origin, sb.env, "add", "-A");
  await git(origin, sb.env, "commit", "-q", "-m", "origin beads");
  await new Promise((resolve) => setTimeout(resolve, 1100)); // later second: the clone's ids lose
  assertStringIncludes(await ok(clone, "create", "-t", "Clone plan", "-T", "plan(b.md)"), "app-2");
  assertStringIncludes(
    await ok(clone, "create", "-t", "Clone child", "-T", "phase(app-2)"),
    "app-2.1",
  );
  assertStringIncludes(
    await ok(clone, "create", "-t", "Clone phase", "-T", "phase(app-1)"),
    "app-1.2",
  );
  await ok(clone, "dep", "add", "app-2.1", "app-1.2");
  await ok(clone, "create", "-t", "Clone only", "-T", "plan(c.md)");
  await git(clone, sb.env, "add", "-A");
  await git(clone, sb.env, "commit", "-q", "-m", "clone beads");

  await git(clone, sb.env, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main");
  const grep = new Deno.Command("git", {
    args: ["grep", "-n", "-e", "^<<<<<<<", "-e", "^>>>>>>>", "--", "sdd/beads"],
    cwd: clone,
    env: sb.env,
  });
  assertEquals((await grep.output()).code, 1, "no conflict markers in the bead store");

  const before = await sase(clone, "doctor");
  assertEquals(before.code, 1);
  assertStringIncludes(before.stdout, "id collision: app-2 created twice");
  assertStringIncludes(before.stdout, "id collision: app-1.2 created twice");

  const fixed = await ok(clone, "doctor", "--fix");
  assertStringIncludes(fixed, "Renamed app-2 -> app-");
  assertStringIncludes(fixed, "Renamed app-1.2 -> app-1.3");
  const rows = JSON.parse(await ok(clone, "list", "-s", "open", "-s", "closed", "-j")) as {
    id: string;
    title: string;
    parent_id: string | null;
    dependencies: { depends_on_id: string }[];
  }[];
  const byTitle = new Map(rows.map((row) => [row.title, row]));
  assertEquals(
    [...byTitle.keys()].sort(),
    [
      "Clone child",
      "Clone only",
      "Clone phase",
      "Clone plan",
      "Origin phase",
      "Origin plan",
      "Shared epic",
      "Shared phase",
    ],
  );
  assertEquals(new Set(rows.map((row) => row.id)).size, rows.length);
  assertEquals(byTitle.get("Origin plan")!.id, "app-2");
  assertEquals(byTitle.get("Origin phase")!.id, "app-1.2");
  const clonePlan = byTitle.get("Clone plan")!;
  assert(clonePlan.id !== "app-2", "the later clone plan was renamed");
  const child = byTitle.get("Clone child")!;
  assertEquals(child.parent_id, clonePlan.id);
  assertEquals(child.id, `${clonePlan.id}.1`);
  assertEquals(child.dependencies.map((dep) => dep.depends_on_id), [
    byTitle.get("Clone phase")!.id,
  ]);
  const shown = JSON.parse(await ok(clone, "show", "app-1.1", "-j"));
  assertEquals([shown.status, shown.close_reason], ["closed", "done upstream"]);

  await git(clone, sb.env, "add", "-A");
  await git(clone, sb.env, "commit", "-q", "-m", "repair bead id collisions");
  assertStringIncludes(await ok(clone, "doctor"), "OK: no issues found");
  assertStringIncludes(
    await ok(clone, "create", "-t", "After repair", "-T", "plan(d.md)"),
    "Created app-",
  );
});
