/**
 * The services behind the CLI's command groups, used as a library: every
 * import comes from `mod.ts`, one application context answers them all, and
 * each result goes on the wire with the keys `-j` prints.
 */

import { join } from "node:path";
import { assertEquals, assertRejects } from "./_helpers/assert.ts";
import { makeSandbox } from "./_helpers/sandbox.ts";
import {
  activeBeadStore,
  beadStatsWire,
  beadStoreStats,
  createBead,
  initBeads,
  listInbox,
  listProjects,
  postNotification,
  projectListWire,
  projectStore,
  projectValidationWire,
  saseContext,
  SaseError,
  searchChangeSpecs,
  showBead,
  showNotification,
  validateProject,
} from "../mod.ts";
import { makeGitRepo } from "./_helpers/git.ts";

Deno.test("library: projects and ChangeSpecs through the context's SASE_HOME", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.sase/projects/app/app.sase",
    "PROJECT_ALIASES: ap\n\nNAME: fix_it\nSTATUS: WIP\n",
  );
  const app = saseContext({ env: sb.env, cwd: sb.cwd, warn: () => {} });
  const projects = await listProjects(projectStore(app.env), "all");
  const wire = projectListWire("all", projects);
  assertEquals(wire.projects.map((p) => [p.name, p.aliases, p.changespec_count]), [
    ["app", ["ap"], 1],
  ]);
  const search = await searchChangeSpecs(projectStore(app.env), "%w");
  assertEquals([search.canonical, search.matches.map((spec) => spec.name)], ["status:WIP", [
    "fix_it",
  ]]);
});

Deno.test("library: the inbox posts, finds and lists through the context", async () => {
  await using sb = await makeSandbox();
  const warnings: string[] = [];
  const app = saseContext({ env: sb.env, cwd: sb.cwd, warn: (m) => warnings.push(m) });
  const posted = await postNotification(app, '{"sender":"lib","notes":["hello"]}');
  assertEquals((await showNotification(app, posted.id.slice(0, 8))).notes, ["hello"]);
  assertEquals((await listInbox(app, { sender: "lib" })).length, 1);
  assertEquals(warnings, []);
  await assertRejects(() => postNotification(app, "[]"), SaseError, "must be a JSON object");
});

Deno.test("library: a bead store in a checkout, created and counted through services", async () => {
  await using sb = await makeSandbox();
  const repo = join(sb.root, "repo");
  await makeGitRepo(repo, sb.env);
  const app = saseContext({
    env: { ...sb.env, SASE_BEAD_ACTOR: "lib" },
    cwd: repo,
    warn: () => {},
  });
  const init = await initBeads(app, { prefix: "lib" });
  assertEquals(init.dir, await activeBeadStore(app));
  const id = await createBead(app, {
    title: "Plan",
    type: { kind: "plan", file: join(repo, "sdd", "tales", "plan.md") },
  });
  assertEquals(id, "lib-1");
  // An absolute plan path inside the checkout is stored relative to it.
  assertEquals((await showBead(app, id)).issue.design, "sdd/tales/plan.md");
  const stats = beadStatsWire(await beadStoreStats(app));
  assertEquals([stats.total, stats.open, stats.in_progress, stats.plan], [1, 1, 0, 1]);
});

Deno.test("library: sase validate's checks for a local-mode tree", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/.sase/sdd/prompts/202601/a.md",
    "---\nplan: .sase/sdd/tales/202601/a.md\n---\nA\n",
  );
  await sb.write(
    "work/.sase/sdd/tales/202601/a.md",
    "---\nprompt: .sase/sdd/prompts/202601/a.md\n---\n# A\n",
  );
  const app = saseContext({ env: sb.env, cwd: sb.cwd, warn: () => {} });
  const wire = projectValidationWire(await validateProject(app));
  assertEquals(wire.checks.map((check) => [check.name, check.status]), [
    ["init_sdd", "skip"],
    ["sdd_validate", "ok"],
  ]);
  assertEquals([wire.ok, wire.sdd.file_count, wire.sdd.error_count], [true, 2, 0]);
});
