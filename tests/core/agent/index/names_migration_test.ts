import { assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { readNameRegistry, reserveAgentName } from "../../../../core/agent/identity/naming.ts";
import { migrateAutoNames } from "../../../../core/agent/index/names_migration.ts";
import { doneJson, stampAt, writeRun } from "./_runs.ts";

Deno.test("migrate-auto reserves names found on disk once; --force reruns", async () => {
  await using sb = await makeSandbox();
  writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "a" },
    done: doneJson(),
  });
  const newest = writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(5),
    meta: { name: "a" },
  });
  writeRun(sb.saseHome, {
    project: "q",
    timestamp: stampAt(1),
    meta: { name: "b" },
    done: doneJson(),
  });
  await reserveAgentName(sb.env, "b", { timestamp: "x", project: "q", artifacts_dir: "kept" });

  const first = await migrateAutoNames(sb.env);
  assertEquals([first.migratedCount, first.skippedByMarker], [1, false]);
  assertEquals(first.migratedNames, { a: newest });
  assertEquals((await readNameRegistry(sb.env)).b.artifacts_dir, "kept", "owners are kept");

  writeRun(sb.saseHome, {
    project: "q",
    timestamp: stampAt(9),
    meta: { name: "c" },
    done: doneJson(),
  });
  assertEquals((await migrateAutoNames(sb.env)).skippedByMarker, true);
  const forced = await migrateAutoNames(sb.env, { force: true });
  assertEquals(Object.keys(forced.migratedNames), ["c"]);
});
