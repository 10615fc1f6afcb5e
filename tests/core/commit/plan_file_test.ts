import { assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { homeRelative, markPlanDone, resolvePlanFile } from "../../../core/commit/plan_file.ts";
import { join } from "node:path";

Deno.test("resolvePlanFile: PLAN= only for a plan the repository holds (not under .sase/)", async () => {
  await using sb = await makeSandbox();
  const repo = join(sb.root, "repo");
  const inRepo = await sb.write("repo/sdd/tales/202601/p.md", "# p\n");
  await sb.write("repo/.sase/sdd/tales/local.md", "# local\n");
  const outside = await sb.write("elsewhere/plan.md", "# o\n");
  const at = (plan: string | undefined, cwd = repo) =>
    resolvePlanFile({ ...sb.env, SASE_PLAN: plan }, cwd, repo);
  assertEquals(await at(undefined), null);
  assertEquals(await at("  "), null);
  assertEquals(await at(inRepo), {
    absolute: inRepo,
    repoRelative: "sdd/tales/202601/p.md",
    drawer: inRepo,
  });
  // Relative to the working directory, not the repository root.
  assertEquals(
    (await at("tales/202601/p.md", join(repo, "sdd")))?.repoRelative,
    "sdd/tales/202601/p.md",
  );
  assertEquals((await at(join(repo, ".sase/sdd/tales/local.md")))?.repoRelative, null);
  assertEquals((await at(outside))?.repoRelative, null);
});

Deno.test("resolvePlanFile: a plan gone from its path is found in ~/.sase/plans by name, else null", async () => {
  await using sb = await makeSandbox();
  const repo = join(sb.root, "repo");
  const archived = await sb.write("home/.sase/plans/gone.md", "# archived\n");
  const found = await resolvePlanFile({ ...sb.env, SASE_PLAN: "/nowhere/gone.md" }, repo, repo);
  assertEquals(found, { absolute: archived, repoRelative: null, drawer: "~/.sase/plans/gone.md" });
  assertEquals(
    await resolvePlanFile({ ...sb.env, SASE_PLAN: "/nowhere/other.md" }, repo, repo),
    null,
  );
  // `~/` in SASE_PLAN is the home directory.
  assertEquals(
    (await resolvePlanFile({ ...sb.env, SASE_PLAN: "~/.sase/plans/gone.md" }, repo, repo))
      ?.absolute,
    archived,
  );
});

Deno.test("homeRelative writes only the home directory itself or paths below it as ~", () => {
  const env = { HOME: "/home/u" };
  assertEquals(homeRelative("/home/u/.sase/diffs/a.diff", env), "~/.sase/diffs/a.diff");
  assertEquals(homeRelative("/home/u", env), "~");
  assertEquals(homeRelative("/home/user2/x", env), "/home/user2/x");
  assertEquals(homeRelative("/tmp/x", env), "/tmp/x");
});

Deno.test("markPlanDone turns only a frontmatter status: wip into done, keeping everything else", async () => {
  await using sb = await makeSandbox();
  const wip = await sb.write(
    "wip.md",
    "---\n# why\ntier: tale\nstatus: wip\n---\n# Plan\nstatus: wip in the body stays\n",
  );
  assertEquals(await markPlanDone(wip), true);
  assertEquals(
    await Deno.readTextFile(wip),
    "---\n# why\ntier: tale\nstatus: done\n---\n# Plan\nstatus: wip in the body stays\n",
  );
  assertEquals(await markPlanDone(wip), false);
  const crlf = await sb.write("crlf.md", "---\r\nstatus: wip\r\n---\r\nbody\r\n");
  assertEquals(await markPlanDone(crlf), true);
  assertEquals(await Deno.readTextFile(crlf), "---\r\nstatus: done\r\n---\r\nbody\r\n");
  for (const text of ["# no frontmatter\nstatus: wip\n", "---\nstatus: draft\n---\nx\n"]) {
    const path = await sb.write("other.md", text);
    assertEquals(await markPlanDone(path), false);
    assertEquals(await Deno.readTextFile(path), text);
  }
});
