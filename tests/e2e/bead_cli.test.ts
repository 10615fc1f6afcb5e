import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { join } from "node:path";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";

function a15Row(
  id: string,
  type: string,
  parent: string | null,
  status: string,
  deps: string[] = [],
) {
  return JSON.stringify({
    id,
    title: `T ${id}`,
    status,
    issue_type: type,
    parent_id: parent,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    dependencies: deps.map((dep) => ({ issue_id: id, depends_on_id: dep })),
  });
}

Deno.test("bead CLI: the A15 store through the real commands", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.root, "store");
  await sb.write("store/config.json", "{}\n");
  await sb.write(
    "store/issues.jsonl",
    [
      a15Row("beads-1", "plan", null, "open"),
      a15Row("beads-1.1", "phase", "beads-1", "open"),
      a15Row("beads-1.2", "phase", "beads-1", "open", ["beads-1.1"]),
      a15Row("beads-2", "plan", null, "closed"),
      a15Row("beads-3", "task", null, "ready"),
      a15Row("beads-4", "task", null, "ready", ["beads-3"]),
    ].join("\n") + "\n",
  );
  const env = { ...sb.env, SASE_BEADS_DIR: dir };
  const ids = async (...args: string[]) => {
    const result = await runSase(["bead", ...args, "-j"], { env, cwd: sb.cwd });
    assertEquals(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { id: string }[]).map((row) => row.id);
  };
  assertEquals(await ids("list", "-s", "open"), ["beads-1", "beads-1.1", "beads-1.2"]);
  // The handbook's rule: the open plan beads-1 has no dependency, so it is ready too.
  assertEquals(await ids("ready"), ["beads-1", "beads-3"]);
  assertEquals(await ids("blocked"), ["beads-1.2", "beads-4"]);
  const missing = await runSase(["bead", "show", "beads-missing"], { env, cwd: sb.cwd });
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "error: Issue not found: beads-missing");
  const bare = await runSase(["bead"], { env, cwd: sb.cwd });
  assertEquals(bare.code, 0, bare.stderr);
  assertStringIncludes(bare.stdout, "beads-1.2");
  assert(!bare.stdout.includes("beads-2 "), "bare `sase bead` lists only active beads");
});

Deno.test("bead CLI: create/update/close/open/rm/dep/search/stats/sync in a git checkout", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.root, "proj"), sb.env);
  const run = (...args: string[]) => runSase(["bead", ...args], { env: sb.env, cwd: repo });
  const ok = async (...args: string[]) => {
    const result = await run(...args);
    assertEquals(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  assertStringIncludes(await ok("init"), ".sase/sdd/beads");
  assertStringIncludes(
    await ok(
      "create",
      "-t",
      "Auth epic",
      "-T",
      "plan(sdd/epics/202605/auth.md)",
      "--tier",
      "epic",
      "-c",
      "auth_cs",
      "-b",
      "BUG-1",
      "-m",
      "claude/opus",
      "-d",
      "line one\nneedle in line two",
    ),
    "Created proj-1: Auth epic",
  );
  assertStringIncludes(
    await ok("create", "-t", "Phase A", "-T", "phase(proj-1)"),
    "Created proj-1.1",
  );
  assertStringIncludes(
    await ok("create", "-t", "Phase B", "-T", "phase(proj-1)", "-m", "codex/gpt-5.5"),
    "proj-1.2",
  );
  await ok("dep", "add", "proj-1.2", "proj-1.1");

  const badType = await run("create", "-t", "x", "-T", "story(x)");
  assertEquals(badType.code, 2);
  assertStringIncludes(badType.stderr, "--type: expected plan(<file>)");
  const bugOnly = await run("create", "-t", "x", "-T", "plan(a.md)", "-b", "B-1");
  assertStringIncludes(bugOnly.stderr, "--bug-id requires --changespec");
  const tierPhase = await run("create", "-t", "x", "-T", "phase(proj-1)", "--tier", "epic");
  assertStringIncludes(tierPhase.stderr, "--tier applies to plan beads only");
  const self = await run("dep", "add", "proj-1.1", "proj-1.1");
  assertStringIncludes(self.stderr, "cannot depend on itself");
  const cycle = await run("dep", "add", "proj-1.1", "proj-1.2");
  assertEquals(cycle.code, 1);
  assertStringIncludes(cycle.stderr, "would create a cycle: proj-1.1 -> proj-1.2 -> proj-1.1");

  const search = JSON.parse(await ok("search", "NEEDLE", "-f", "json"));
  assertEquals(search.length, 1);
  assertEquals(search[0].id, "proj-1");
  assertEquals(search[0].matched_fields, ["description"]);
  const compact = await ok("search", "needle", "-c", "never");
  assertStringIncludes(compact, "description: needle in line two");
  assertEquals(JSON.parse(await ok("search", "phase", "-f", "json", "-n", "1")).length, 1);

  await ok("update", "proj-1.1", "-s", "in_progress", "-a", "me", "-n", "some notes");
  const shown = JSON.parse(await ok("show", "proj-1.1", "-j"));
  assertEquals([shown.status, shown.assignee, shown.notes], ["in_progress", "me", "some notes"]);
  assertEquals(shown.blocks, ["proj-1.2"]);
  await ok("update", "proj-1.2", "-m", "");
  assertEquals(JSON.parse(await ok("show", "proj-1.2", "-j")).model, "");

  const closed = JSON.parse(await ok("close", "proj-1", "-r", "shipped", "-j"));
  assertEquals(closed.closed.sort(), ["proj-1", "proj-1.1", "proj-1.2"]);
  assertEquals(JSON.parse(await ok("show", "proj-1", "-j")).close_reason, "shipped");
  assertStringIncludes(await ok("close", "proj-1"), "proj-1 was already closed");
  await ok("open", "proj-1.1");
  const reopened = JSON.parse(await ok("show", "proj-1.1", "-j"));
  assertEquals([reopened.status, reopened.closed_at], ["open", null]);

  const stats = JSON.parse(await ok("stats", "-j"));
  assertEquals([stats.total, stats.closed, stats.open, stats.plan, stats.phase], [3, 2, 1, 1, 2]);

  await ok("create", "-t", "Doomed", "-T", "plan(sdd/tales/202605/d.md)");
  await ok("create", "-t", "Doomed child", "-T", "phase(proj-2)");
  assertStringIncludes(await ok("rm", "proj-2", "-y"), "Removed proj-2, proj-2.1");
  assertEquals(JSON.parse(await ok("list", "-s", "open", "-s", "closed", "-j")).length, 3);

  const beforeSync = await run("sync", "-s");
  assertEquals(beforeSync.code, 1);
  assertStringIncludes(beforeSync.stdout, "Unstaged bead changes");
  assertStringIncludes(await ok("sync"), "Staged bead state");
  // Local mode: the store lives in the standalone .sase/sdd repository, never in the project's.
  const sdd = join(repo, ".sase", "sdd");
  const staged = await git(sdd, sb.env, "diff", "--cached", "--name-only");
  assertStringIncludes(staged, "beads/issues.jsonl");
  assertStringIncludes(staged, "beads/events/streams/proj-1.jsonl");
  assert(!staged.includes("beads.db"), "the cache is never staged");
  assertEquals(await git(repo, sb.env, "status", "--porcelain"), "");
  assertStringIncludes(await ok("sync", "-s"), "fully staged");
  await git(sdd, sb.env, "commit", "-q", "-m", "beads");
  const doctor = await ok("doctor");
  assertStringIncludes(doctor, "OK: no issues found");
  assertStringIncludes(await ok("onboard"), "sase bead init");
});
