import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { AgentIndex } from "../../../../core/agent/index/agent_index.ts";
import { buildRecord as build } from "../../../../core/agent/index/parse_record.ts";
import {
  indexLocation,
  indexStatus,
  withAgentIndex,
} from "../../../../core/agent/index/index_service.ts";
import { listAgents } from "../../../../core/agent/index/list.ts";
import { doneJson, settleRuns, stampAt, writeRun } from "./_runs.ts";

function names(rows: { name: string | null }[]): (string | null)[] {
  return rows.map((row) => row.name);
}

Deno.test("first use builds the index; later refreshes pick up new, changed and deleted runs", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  const home = sb.saseHome;
  writeRun(home, { project: "p", timestamp: stampAt(0), meta: { name: "a" }, done: doneJson() });
  const live = writeRun(home, {
    project: "p",
    timestamp: stampAt(1),
    meta: { name: "b", status: "waiting", waiting_for: ["a"] },
  });
  settleRuns(home);

  using index = AgentIndex.open(location);
  assertEquals(index.refresh(build).rebuilt, true);
  assertEquals(index.summary().counts.runs, 2);

  // A new run in the same day shard, another in a new project.
  writeRun(home, { project: "p", timestamp: stampAt(2), meta: { name: "c", status: "running" } });
  writeRun(home, { project: "q", timestamp: stampAt(3), meta: { name: "d" }, done: doneJson() });
  const stats = index.refresh(build);
  assertEquals([stats.rebuilt, stats.added], [false, 2]);

  // The live run moves on: its meta changes, then it finishes.
  Deno.writeTextFileSync(
    join(live, "agent_meta.json"),
    JSON.stringify({ name: "b", status: "running", pid: 1 }),
  );
  index.refresh(build);
  assertEquals(index.run(live)?.record.phase, "running");
  Deno.writeTextFileSync(join(live, "done.json"), JSON.stringify(doneJson("failed")));
  index.refresh(build);
  assertEquals(index.run(live)?.record.outcome, "failed");

  Deno.removeSync(live, { recursive: true });
  assertEquals(index.refresh(build).removed, 1);
  assertEquals(index.summary().counts.runs, 3);
  assertEquals(index.verify().ok, true);
});

Deno.test("a finished run edited behind the index: refresh keeps the row, verify reports it, rebuild fixes it", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  const dir = writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "a", model: "old" },
    done: doneJson(),
  });
  settleRuns(sb.saseHome);
  assertEquals((await listAgents(location, { all: true }))[0].model, "old");
  Deno.writeTextFileSync(
    join(dir, "agent_meta.json"),
    JSON.stringify({ name: "a", model: "newer" }),
  );
  assertEquals(
    (await listAgents(location, { all: true }))[0].model,
    "old",
    "answered from the index",
  );
  await withAgentIndex(location, (index) => {
    const report = index.verify();
    assertEquals([report.ok, report.staleRows], [false, 1]);
    index.rebuild(build);
    assertEquals(index.verify().ok, true);
  });
  assertEquals((await listAgents(location, { all: true }))[0].model, "newer");
});

Deno.test("a corrupt or foreign index file is replaced and rebuilt from the files", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "a" },
    done: doneJson(),
  });
  await Deno.writeTextFile(location.indexPath, "this is not a database ".repeat(400));
  assertEquals(names(await listAgents(location, { all: true })), ["a"]);
  assertEquals(indexStatus(location).healthy, true);
});

Deno.test("index status is lightweight and reports a missing index without creating it", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  const status = indexStatus(location);
  assertEquals([status.exists, status.healthy], [false, false]);
  assert(!(await Deno.stat(location.indexPath).then(() => true, () => false)), "not created");
  await listAgents(location);
  const after = indexStatus(location);
  assertEquals([after.exists, after.healthy, after.counts?.runs], [true, true, 0]);
});

Deno.test("listing filters: default live only, -a, status, project, hidden, dismissed, limit", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  const home = sb.saseHome;
  writeRun(home, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "done1" },
    done: doneJson(),
  });
  writeRun(home, {
    project: "p",
    timestamp: stampAt(1),
    meta: { name: "killed1" },
    done: doneJson("killed"),
  });
  writeRun(home, {
    project: "q",
    timestamp: stampAt(2),
    meta: { name: "wait1", status: "waiting" },
  });
  writeRun(home, {
    project: "q",
    timestamp: stampAt(3),
    meta: { name: "hidden1", status: "waiting", hidden: true },
  });
  writeRun(home, {
    project: "q",
    timestamp: stampAt(4),
    meta: { name: "gone1" },
    done: doneJson(),
  });
  await Deno.writeTextFile(
    join(home, "dismissed_agents.json"),
    JSON.stringify([["run", "q", stampAt(4)]]),
  );

  assertEquals(names(await listAgents(location)), ["wait1"]);
  assertEquals(names(await listAgents(location, { all: true })), ["wait1", "killed1", "done1"]);
  assertEquals(names(await listAgents(location, { all: true, dismissed: true, hidden: true })), [
    "gone1",
    "hidden1",
    "wait1",
    "killed1",
    "done1",
  ]);
  assertEquals(names(await listAgents(location, { statuses: ["killed"] })), ["killed1"]);
  assertEquals(names(await listAgents(location, { all: true, project: "p" })), [
    "killed1",
    "done1",
  ]);
  assertEquals(names(await listAgents(location, { all: true, limit: 1 })), ["wait1"]);
  assertEquals(names(await listAgents(location, { all: true, perProject: 1 })), [
    "wait1",
    "killed1",
  ]);
  const [wait] = await listAgents(location);
  assertEquals([wait.status, wait.bucket], ["WAITING", "Stopped"]);
});

Deno.test("a pending plan keeps a finished planner listed until the proposal is answered", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  const dir = writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "planner" },
    done: doneJson(),
  });
  await Deno.mkdir(join(dir, "plan_approval"));
  await Deno.writeTextFile(join(dir, "plan_approval", "plan_request.json"), "{}");
  await listAgents(location);
  await Deno.writeTextFile(join(dir, "plan_approval", "plan_request.json"), '{"plan_file": "x"}');
  const [row] = await listAgents(location);
  assertEquals([row.name, row.status, row.bucket], ["planner", "PLAN", "Stopped"]);
  await Deno.writeTextFile(
    join(dir, "plan_approval", "plan_response.json"),
    '{"action":"approve"}',
  );
  assertEquals(await listAgents(location), []);
  assertEquals((await listAgents(location, { all: true }))[0].status, "DONE");
});

Deno.test("a run read moments after a write is looked at again, even once finished", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  const dir = writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "a", model: "first" },
    done: doneJson(),
  });
  assertEquals((await listAgents(location, { all: true }))[0].model, "first");
  Deno.writeTextFileSync(join(dir, "agent_meta.json"), JSON.stringify({ name: "a", model: "2nd" }));
  assertEquals((await listAgents(location, { all: true }))[0].model, "2nd");
});

Deno.test("an index of another schema version is rebuilt", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "a" },
    done: doneJson(),
  });
  await listAgents(location);
  const db = new DatabaseSync(location.indexPath);
  db.exec("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
  db.close();
  assertEquals(names(await listAgents(location, { all: true })), ["a"]);
  assertEquals(indexStatus(location).healthy, true);
});

Deno.test("an index written before runs carried their ChangeSpec is rebuilt, so cl_name shows", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "a", cl_name: "p_feature_1" },
    done: doneJson(),
  });
  // Settled files (an hour old), so the index trusts its stored row from now on.
  const old = new Date(Date.now() - 3_600_000);
  const age = (path: string) => {
    for (const entry of Deno.readDirSync(path)) {
      const child = join(path, entry.name);
      if (entry.isDirectory) age(child);
      Deno.utimeSync(child, old, old);
    }
  };
  age(join(sb.saseHome, "projects"));
  await listAgents(location);
  // What a schema-3 index holds: the same row without the field, under version 3.
  const db = new DatabaseSync(location.indexPath);
  db.exec("UPDATE runs SET record = json_remove(record, '$.cl_name')");
  db.exec("UPDATE meta SET value = '3' WHERE key = 'schema_version'");
  db.close();
  const [row] = await listAgents(location, { all: true });
  assertEquals(row.clName, "p_feature_1");
});

Deno.test("the per-project cap keeps each project's newest finished runs, live runs aside, newest first overall", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  // Three projects whose runs interleave in time: run i belongs to project i % 3.
  // Every 7th run is still live (no done.json); the rest finished.
  const projects = ["alpha", "beta", "gamma"];
  for (let i = 0; i < 30; i++) {
    const live = i % 7 === 3;
    writeRun(sb.saseHome, {
      project: projects[i % 3],
      timestamp: stampAt(i),
      meta: { name: `r${i}`, ...(live ? { status: "waiting" } : {}) },
      done: live ? null : doneJson(),
    });
  }
  settleRuns(sb.saseHome);
  const finishedOf = (project: number) =>
    Array.from({ length: 30 }, (_, i) => i)
      .filter((i) => i % 3 === project && i % 7 !== 3)
      .reverse();
  // The rule written out: the live runs plus each project's `cap` newest
  // finished runs, all newest first.
  const expected = (cap: number, only?: number) => {
    const finished = [0, 1, 2].filter((p) => only === undefined || p === only)
      .flatMap((p) => finishedOf(p).slice(0, cap));
    const live = [24, 17, 10, 3].filter((i) => only === undefined || i % 3 === only);
    return [...finished, ...live].sort((a, b) => b - a).map((i) => `r${i}`);
  };
  assertEquals(names(await listAgents(location, { all: true, perProject: 2 })), expected(2));
  assertEquals(names(await listAgents(location, { all: true, perProject: 4 })), expected(4));
  assertEquals(names(await listAgents(location, { all: true, perProject: 0 })), expected(100));
  assertEquals(
    names(await listAgents(location, { all: true, perProject: 3, project: "beta" })),
    expected(3, 1),
  );
});

Deno.test("runs started in the same second are ordered by directory in code-unit order, capped or not", async () => {
  await using sb = await makeSandbox();
  const location = indexLocation(sb.env);
  // Names a locale collation orders differently: case first-letter, `-` and `_`.
  const projects = ["my_proj", "alpha", "Zeta", "my-proj"];
  const stamp = stampAt(5);
  for (const project of projects) {
    writeRun(sb.saseHome, { project, timestamp: stamp, meta: { name: project }, done: doneJson() });
  }
  // A live run of each project one second later, listed first.
  for (const project of projects) {
    writeRun(sb.saseHome, {
      project,
      timestamp: stampAt(6),
      meta: { name: `${project}-live`, status: "waiting" },
    });
  }
  settleRuns(sb.saseHome);
  // The directories share everything up to the project name, so code-unit
  // order of the names is the order: `Z` (0x5a) < `a` < `m`, `-` (0x2d) < `_` (0x5f).
  const byDir = ["Zeta", "alpha", "my-proj", "my_proj"];
  const expected = [...byDir.map((name) => `${name}-live`), ...byDir];
  assertEquals(names(await listAgents(location, { all: true, perProject: 1 })), expected);
  assertEquals(names(await listAgents(location, { all: true, perProject: 0 })), expected);
});
