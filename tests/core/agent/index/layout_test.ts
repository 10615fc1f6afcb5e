import { join } from "node:path";
import { assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { newestRunDirs } from "../../../../core/agent/index/layout.ts";

Deno.test("newestRunDirs: sharded runs newest first, at most the limit; other names are not runs", async () => {
  await using sb = await makeSandbox();
  const projects = join(sb.root, "projects");
  // The handbook's layout: <project>/artifacts/ace-run/<YYYYMM>/<DD>/<YYYYMMDDHHMMSS>/.
  const root = join(projects, "p", "artifacts", "ace-run");
  const runs = [
    ["202512", "31", "20251231235959"],
    ["202601", "02", "20260102080000"],
    ["202601", "02", "20260102090000"],
    ["202601", "15", "20260115000000"],
  ].map((parts) => join(root, ...parts));
  for (const dir of runs) await Deno.mkdir(dir, { recursive: true });
  // Not runs: a legacy flat run, a bad month, a bad day, a short stamp, a file.
  await Deno.mkdir(join(root, "20260201000000"), { recursive: true });
  await Deno.mkdir(join(root, "2026-1", "01", "20260101000000"), { recursive: true });
  await Deno.mkdir(join(root, "202601", "1", "20260101000000"), { recursive: true });
  await Deno.mkdir(join(root, "202601", "02", "2026010209"), { recursive: true });
  await Deno.writeTextFile(join(root, "202601", "02", "20260102100000"), "");

  assertEquals(newestRunDirs(projects, "p", 10), [runs[3], runs[2], runs[1], runs[0]]);
  assertEquals(newestRunDirs(projects, "p", 2), [runs[3], runs[2]]);
  assertEquals(newestRunDirs(projects, "missing", 10), []);
});
