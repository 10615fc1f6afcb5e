/**
 * The RUNNING claim edits, each one locked read-modify-write of the
 * ProjectSpec (handbook 26.3). The ProjectSpec is written by hand in the
 * handbook's RUNNING line format: `#<ws> | <pid> | <workflow> | <name>[ |
 * <ts>][ | PINNED]`.
 */

import { join } from "node:path";
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import {
  addClaim,
  promoteClaim,
  removeClaim,
  removeDeadClaims,
  rewriteClaim,
} from "../../../core/workspace/claims.ts";

const ROW = { pid: 4_200_009, workflow: "run", changespec: "new", timestamp: null, pinned: false };

async function projectWith(root: string, rows: string[]): Promise<string> {
  const dir = join(root, "proj");
  await Deno.mkdir(dir, { recursive: true });
  const file = join(dir, "proj.sase");
  await Deno.writeTextFile(
    file,
    ["WORKSPACE_DIR: /nowhere/proj", "RUNNING:", ...rows.map((row) => `  ${row}`), ""].join("\n"),
  );
  return file;
}

const runningLines = (file: string) =>
  Deno.readTextFileSync(file).split("\n").filter((line) => line.startsWith("  #"));

Deno.test("every claim edit of a missing ProjectSpec is project.not_found naming the file", async () => {
  await using sb = await makeSandbox();
  const file = join(sb.root, "gone", "gone.sase");
  const edits: (() => Promise<unknown>)[] = [
    () => addClaim(file, null, ROW),
    () => removeClaim(file, 10, 1),
    () => rewriteClaim(file, 10, 1, ROW),
    () => promoteClaim(file, 1),
    () => removeDeadClaims(file, () => Promise.resolve(false)),
  ];
  for (const edit of edits) {
    const error = await assertRejects(edit, SaseError, `no ProjectSpec at ${file}`);
    assertEquals((error as SaseError).code, "project.not_found");
  }
});

Deno.test("a full range is workspace.exhausted, named the same for a new claim and a promotion", async () => {
  await using sb = await makeSandbox();
  const file = await projectWith(sb.root, [
    "#10 | 4200001 | run | a | 260101_120000",
    "#0 | 4200002 | run | new | 260101_120000",
  ]);
  const message = `all workspaces #10-#10 of project 'proj' are claimed in ${file}`;
  for (
    const edit of [
      () => addClaim(file, null, ROW, { max: 10 }),
      () => promoteClaim(file, 4200002, { max: 10 }),
    ]
  ) {
    const error = await assertRejects(edit, SaseError, message);
    assertEquals((error as SaseError).code, "workspace.exhausted");
  }
  // Promotion moves only that pid's #0 claim, to the first free number.
  assertEquals(await promoteClaim(file, 4200002), 11);
  assertEquals(runningLines(file), [
    "  #10 | 4200001 | run | a | 260101_120000",
    "  #11 | 4200002 | run | new | 260101_120000",
  ]);
});

Deno.test("remove and rewrite change only the claim on that number held by that pid", async () => {
  await using sb = await makeSandbox();
  const file = await projectWith(sb.root, [
    "#10 | 4200001 | run | a | 260101_120000 | PINNED",
    "#11 | 4200002 | run | b | 260101_120000",
  ]);
  // The number held by another pid, or a pid on another number: nothing changes.
  assertEquals(await removeClaim(file, 10, 4200002), false);
  assertEquals(await removeClaim(file, 12, 4200001), false);
  const missing = await assertRejects(
    () => rewriteClaim(file, 11, 4200001, ROW),
    SaseError,
    `no claim on workspace #11 by pid 4200001 in ${file}`,
  );
  assertEquals((missing as SaseError).code, "workspace.not_claimed");
  assertEquals(runningLines(file).length, 2);
  // A rewrite hands the claim over in place and keeps its pin.
  await rewriteClaim(file, 10, 4200001, { ...ROW, changespec: "child" });
  assertEquals(runningLines(file), [
    "  #10 | 4200009 | run | child | PINNED",
    "  #11 | 4200002 | run | b | 260101_120000",
  ]);
  assertEquals(await removeClaim(file, 11, 4200002), true);
  assertEquals(runningLines(file), ["  #10 | 4200009 | run | child | PINNED"]);
});
