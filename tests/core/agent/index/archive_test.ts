import { join } from "node:path";
import { assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import {
  bundlesDir,
  purgeBundles,
  readArchiveSummaries,
  rebuildArchiveIndex,
  verifyArchiveIndex,
} from "../../../../core/agent/index/archive.ts";
import { dismissedProjection } from "../../../../core/agent/index/dismissed.ts";

Deno.test("archive summary index: rebuild, verify drift, purge, projection", async () => {
  await using sb = await makeSandbox();
  const shard = join(bundlesDir(sb.env), "202601");
  await Deno.mkdir(shard, { recursive: true });
  const bundle = (suffix: string, extra: Record<string, unknown> = {}) =>
    Deno.writeTextFile(
      join(shard, `${suffix}.json`),
      JSON.stringify({
        raw_suffix: suffix.split("__c")[0],
        cl_name: "proj",
        agent_name: suffix,
        ...extra,
      }),
    );
  await bundle("20260101000001");
  await bundle("20260101000001__c2");
  await bundle("20260101000002", { revived_at: "2026-01-02T00:00:00Z" });
  await Deno.writeTextFile(join(shard, "20260101000003.json"), "{torn");

  assertEquals(verifyArchiveIndex(sb.env).ok, false, "no index yet: every bundle missing");
  assertEquals(rebuildArchiveIndex(sb.env), { indexedRows: 3, skippedCorrupt: 1 });
  const verified = verifyArchiveIndex(sb.env);
  assertEquals([verified.ok, verified.validBundles, verified.corruptBundles], [true, 3, 1]);
  const rows = readArchiveSummaries(sb.env);
  assertEquals(rows.map((row) => row.is_workflow_child), [false, true, false]);

  await bundle("20260101000004");
  assertEquals(verifyArchiveIndex(sb.env).missingRows, 1);
  await Deno.remove(join(shard, "20260101000004.json"));
  await bundle("20260101000001", { status: "FAILED", note: "rewritten with more bytes" });
  assertEquals(verifyArchiveIndex(sb.env).staleRows, 1);
  rebuildArchiveIndex(sb.env);

  await Deno.writeTextFile(
    join(sb.saseHome, "dismissed_agents.json"),
    JSON.stringify([["run", "other", "20250101000000"], ["bad"]]),
  );
  assertEquals(
    dismissedProjection(sb.env).sort(),
    [["other", "20250101000000"], ["proj", "20260101000001"]],
    "revived bundles are not dismissed",
  );
  assertEquals(purgeBundles(sb.env, new Set(["20260101000001"])).length, 2);
  assertEquals(readArchiveSummaries(sb.env).length, 1);
});
