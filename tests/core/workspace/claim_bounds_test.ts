/**
 * The claim allocator honours a caller's bounds, pinned from the handbook
 * (11.9.1 "Numeric Identity"): claims come from the pool starting at `#10`
 * "unless a caller passes explicit `min_workspace` / `max_workspace`
 * bounds". A number above the caller's upper bound is never handed out,
 * neither by a fresh claim nor by the activation of a deferred `#0` claim;
 * when every number in the bounds is held, the claim is refused and RUNNING
 * is left as it was. The ProjectSpec is written by hand in the handbook's
 * RUNNING format (26.1 and 26.3).
 */

import { join } from "node:path";
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { SaseError } from "../../../core/errors.ts";
import { addClaim, promoteClaim } from "../../../core/workspace/claims.ts";

const ROW = { pid: 4_100_000, workflow: "run", changespec: "new", timestamp: null, pinned: false };

/** A ProjectSpec `proj` whose RUNNING section holds `rows` (handbook form). */
async function projectWith(rows: string[]): Promise<{ file: string; running: () => number[] }> {
  const root = await Deno.makeTempDir({ prefix: "sase-claim-bounds-" });
  const dir = join(root, "proj");
  await Deno.mkdir(dir);
  const file = join(dir, "proj.sase");
  await Deno.writeTextFile(
    file,
    ["WORKSPACE_DIR: /nowhere/proj", "RUNNING:", ...rows.map((row) => `  ${row}`), ""].join("\n"),
  );
  const running = () =>
    parseProjectSpec(Deno.readTextFileSync(file), file).header.running.map((c) => c.workspace);
  return { file, running };
}

Deno.test("a caller's upper bound is never exceeded: all of #10-#11 held refuses the claim", async () => {
  const { file, running } = await projectWith([
    "#10 | 4100001 | run | a | 260101_120000",
    "#11 | 4100002 | run | b | 260101_120000",
  ]);
  try {
    const refused = await assertRejects(
      () => addClaim(file, null, ROW, { min: 10, max: 11 }),
      SaseError,
    ) as SaseError;
    assertEquals(refused.code, "workspace.exhausted");
    assertEquals(running(), [10, 11]);
    // One more number in the bounds: that number, the bound itself, is handed out.
    assertEquals(await addClaim(file, null, ROW, { min: 10, max: 12 }), 12);
    assertEquals(running(), [10, 11, 12]);
  } finally {
    await Deno.remove(join(file, "..", ".."), { recursive: true });
  }
});

Deno.test("a caller's upper bound holds for activating a deferred #0 claim too", async () => {
  const { file, running } = await projectWith([
    "#10 | 4100001 | run | a | 260101_120000",
    "#11 | 4100002 | run | b | 260101_120000",
    "#0 | 4100000 | run | new | 260101_120000",
  ]);
  try {
    const refused = await assertRejects(
      () => promoteClaim(file, 4_100_000, { min: 10, max: 11 }),
      SaseError,
    ) as SaseError;
    assertEquals(refused.code, "workspace.exhausted");
    // The deferred row keeps waiting on #0; nothing beyond #11 appeared.
    assertEquals(running(), [10, 11, 0]);
    assertEquals(await promoteClaim(file, 4_100_000, { min: 10, max: 12 }), 12);
    assertEquals(running(), [10, 11, 12]);
  } finally {
    await Deno.remove(join(file, "..", ".."), { recursive: true });
  }
});
