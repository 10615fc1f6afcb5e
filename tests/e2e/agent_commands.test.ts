import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { doneJson, stampAt, writeRun } from "../core/agent/index/_runs.ts";

function sase(sb: Sandbox, args: string[], env: Record<string, string> = {}) {
  return runSase(args, { env: { ...sb.env, ...env }, cwd: sb.cwd });
}

Deno.test("var set merges output variables inside an agent and refuses outside one", async () => {
  await using sb = await makeSandbox();
  const dir = writeRun(sb.saseHome, {
    project: "proj",
    timestamp: stampAt(0),
    meta: { name: "producer", status: "running", output_variables: { old: "1" } },
  });
  const outside = await sase(sb, ["var", "set", "a=1"]);
  assertEquals(outside.code, 1);
  assertStringIncludes(outside.stderr, "error: sase var set only works inside a SASE agent run");
  assertStringIncludes(outside.stderr, "hint: it needs SASE_AGENT=1 and SASE_ARTIFACTS_DIR");

  const agent = { SASE_AGENT: "1", SASE_ARTIFACTS_DIR: dir };
  const set = await sase(sb, ["var", "set", "report=dist/r.md", "url=a=b", "old=2"], agent);
  assertEquals(set.code, 0, set.stderr);
  const bad = await sase(sb, ["var", "set", "9x=1"], agent);
  assertEquals(bad.code, 2, "a bad key is a usage error");
  const meta = JSON.parse(await Deno.readTextFile(join(dir, "agent_meta.json")));
  assertEquals(meta.output_variables, { old: "2", report: "dist/r.md", url: "a=b" });
  assertEquals(meta.status, "running", "other fields untouched");
});

Deno.test("artifact create stores the file; show lists it with done.json images and PDFs", async () => {
  await using sb = await makeSandbox();
  const image = await sb.write("work/shot.png", "png");
  const pdf = await sb.write("work/notes.pdf", "pdf");
  const dir = writeRun(sb.saseHome, {
    project: "proj",
    timestamp: stampAt(0),
    meta: { name: "maker", output_variables: { b: "2", a: "x\ny" } },
    done: doneJson("completed", { image_paths: [image], markdown_pdf_paths: [pdf] }),
    reply: Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n") + "\n",
  });
  await sb.write("work/report.md", "# report\n");
  const outside = await sase(sb, ["artifact", "create", "-p", "report.md"]);
  assertEquals(outside.code, 1);
  const created = await sase(
    sb,
    ["artifact", "create", "-p", "report.md", "-n", "Report", "-k", "markdown", "-j"],
    { SASE_AGENT: "1", SASE_ARTIFACTS_DIR: dir },
  );
  assertEquals(created.code, 0, created.stderr);
  const { artifact } = JSON.parse(created.stdout);
  assert(artifact.path.startsWith(join(sb.saseHome, "artifacts")), artifact.path);
  assertEquals(await Deno.readTextFile(artifact.path), "# report\n");

  const show = await sase(sb, ["agent", "show", "maker", "-j", "-t", "3"]);
  assertEquals(show.code, 0, show.stderr);
  const detail = JSON.parse(show.stdout);
  assertEquals(detail.agent.status, "DONE");
  assertEquals(detail.reply_tail, "line 27\nline 28\nline 29");
  assertEquals(Object.keys(detail.output_variables), ["a", "b"]);
  assertEquals(
    detail.artifacts.map((entry: { kind: string; source: string }) => [entry.kind, entry.source]),
    [["pdf", "markdown_pdf_paths"], ["image", "image_paths"], ["markdown", "explicit"]],
  );
  const human = await sase(sb, ["agent", "show", "-n", "maker"]);
  assertStringIncludes(human.stdout, "OUTPUT VARIABLES\n  a:\n    x\n    y\n  b: 2");
  assertStringIncludes(human.stdout, "[image] shot.png");
  const missing = await sase(sb, ["agent", "show", "ghost"]);
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "no agent named 'ghost'");
});

Deno.test("agent tag set, list and unset (clear) by name", async () => {
  await using sb = await makeSandbox();
  writeRun(sb.saseHome, {
    project: "proj",
    timestamp: stampAt(0),
    meta: { name: "t1", status: "running" },
  });
  assertEquals((await sase(sb, ["agent", "tag", "set", "-n", "t1", "-t", "review"])).code, 0);
  const bad = await sase(sb, ["agent", "tag", "set", "t1", "@review"]);
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "must not start with '@'");
  const all = JSON.parse((await sase(sb, ["agent", "tag", "list", "-j"])).stdout);
  assertEquals(all, [{
    agent_type: "run",
    cl_name: "proj",
    raw_suffix: stampAt(0),
    tag: "review",
  }]);
  // Bare `agent tag` lists them for humans, with the agent's name.
  const table = (await sase(sb, ["agent", "tag"])).stdout.split("\n");
  assertEquals(table[0].split(/\s+/), ["TAG", "AGENT", "TYPE", "PROJECT", "RUN"]);
  assertEquals(table[1].split(/\s+/), ["@review", "t1", "run", "proj", stampAt(0)]);
  const one = JSON.parse((await sase(sb, ["agent", "tag", "list", "-n", "t1", "-j"])).stdout);
  assertEquals([one.name, one.tag], ["t1", "review"]);
  assertEquals((await sase(sb, ["agent", "tag", "list", "t1"])).stdout, "Tag for t1: @review\n");
  const rows = JSON.parse((await sase(sb, ["agent", "list", "-j"])).stdout);
  assertEquals(rows[0].tag, "review");
  assertEquals((await sase(sb, ["agent", "tag", "clear", "t1"])).code, 0);
  assertEquals(JSON.parse((await sase(sb, ["agent", "tag", "list", "t1", "-j"])).stdout).tag, null);
  assertEquals(
    (await sase(sb, ["agent", "tag", "list"])).stdout,
    "No agent tags. Set one with `sase agent tag set NAME TAG`.\n",
  );
});

Deno.test("archive rebuild-index/verify, index gc -r, names migrate-auto and revive-log", async () => {
  await using sb = await makeSandbox();
  writeRun(sb.saseHome, {
    project: "proj",
    timestamp: stampAt(0),
    meta: { name: "kept" },
    done: doneJson(),
  });
  writeRun(sb.saseHome, {
    project: "proj",
    timestamp: stampAt(1),
    meta: { name: "hid" },
    done: doneJson(),
  });
  const shard = join(sb.saseHome, "dismissed_bundles", "202601");
  await Deno.mkdir(shard, { recursive: true });
  for (const stamp of [stampAt(1), stampAt(2)]) {
    await Deno.writeTextFile(
      join(shard, `${stamp}.json`),
      JSON.stringify({ raw_suffix: stamp, cl_name: "proj", agent_name: `b${stamp}` }),
    );
  }
  await Deno.writeTextFile(
    join(sb.saseHome, "dismissed_agents.json"),
    JSON.stringify([["run", "proj", stampAt(1)]]),
  );
  const verify = await sase(sb, ["agent", "archive", "verify"]);
  assertEquals([verify.code, JSON.parse(verify.stdout).missing_rows], [1, 2]);
  const rebuilt = await sase(sb, ["agent", "archive", "rebuild-index"]);
  assertStringIncludes(rebuilt.stdout, "Indexed 2 dismissed bundles; skipped 0 corrupt files.");
  assertEquals((await sase(sb, ["agent", "archive", "verify"])).code, 0);

  const names = (rows: { name: string }[]) => rows.map((row) => row.name);
  assertEquals(names(JSON.parse((await sase(sb, ["agent", "list", "-j", "-a"])).stdout)), ["kept"]);
  const gc = await sase(sb, ["agent", "index", "gc", "-r", "-j"]);
  assertEquals(gc.code, 0, gc.stderr);
  assertEquals(JSON.parse(gc.stdout).purged_bundles.length, 1, "the bundle no longer dismissed");

  const migrate = JSON.parse((await sase(sb, ["agent", "names", "migrate-auto", "-j"])).stdout);
  assertEquals(Object.keys(migrate.migrated_names).sort(), [`b${stampAt(1)}`, "hid", "kept"]);
  const skip = await sase(sb, ["agent", "names", "migrate-auto"]);
  assertStringIncludes(skip.stdout, "already completed");

  await Deno.mkdir(join(sb.saseHome, "logs"));
  await Deno.writeTextFile(
    join(sb.saseHome, "logs", "events.jsonl"),
    [
      { timestamp: "260101_100000", event: "agent_revive_started", batch_size: 1 },
      { timestamp: "260101_100001", event: "agent_revived", outcome: "success", cl_name: "proj" },
      {
        timestamp: "260101_100002",
        event: "agent_revive_failed",
        outcome: "failure",
        stage: "artifact_restore",
        error_message: "boom",
      },
    ].map((record) => JSON.stringify(record)).join("\n") + "\n",
  );
  const log = await sase(sb, ["revive-log", "--json"]);
  assertEquals(log.stdout.trim().split("\n").map((line) => JSON.parse(line).event), [
    "agent_revive_started",
    "agent_revived",
    "agent_revive_failed",
  ]);
  const failures = await sase(sb, ["revive-log", "--outcome", "failure"]);
  assertStringIncludes(failures.stdout, "artifact_restore: boom");
  const badRange = await sase(sb, ["revive-log", "--since", "soon"]);
  assertEquals(badRange.code, 2);
});

Deno.test("agent list -p: an unknown project is an error naming it with the known ones", async () => {
  await using sb = await makeSandbox();
  const missing = await sase(sb, ["agent", "list", "-p", "nosuch"]);
  assertEquals(missing.code, 1, missing.stderr);
  assertEquals(
    missing.stderr,
    "error: no project named 'nosuch'\nhint: no project has agents yet; start one with `sase run <prompt>`\n",
  );
  writeRun(sb.saseHome, { project: "adhoc", timestamp: stampAt(0), meta: { name: "a1" } });
  writeRun(sb.saseHome, { project: "other", timestamp: stampAt(1), meta: { name: "o1" } });
  const known = await sase(sb, ["agent", "list", "-p", "nosuch", "-j"]);
  assertEquals(known.code, 1);
  assertEquals(known.stdout, "");
  assertStringIncludes(known.stderr, "hint: known projects: adhoc, other\n");
  for (const bad of ["../adhoc", "", "."]) {
    const result = await sase(sb, ["agent", "list", "-p", bad]);
    assertEquals(result.code, 1, `-p '${bad}'`);
    assertStringIncludes(result.stderr, `error: no project named '${bad}'`);
  }
  const listed = JSON.parse((await sase(sb, ["agent", "list", "-p", "adhoc", "-j"])).stdout);
  assertEquals(listed.map((row: { name: string }) => row.name), ["a1"]);
});
