import { join } from "node:path";
import { assertEquals, assertThrows } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { updateAgentMeta } from "../../../../core/agent/records/meta.ts";
import {
  currentAgentDir,
  parseAssignments,
  setOutputVariables,
} from "../../../../core/agent/records/var.ts";
import { SaseError } from "../../../../core/errors.ts";

Deno.test("assignments split on the first '='; keys must be identifiers", () => {
  assertEquals(parseAssignments(["a=1", "url=x=y", "empty=", "a=2"]), {
    a: "2",
    url: "x=y",
    empty: "",
  });
  assertThrows(() => parseAssignments(["noequals"]), SaseError, "KEY=VALUE");
  assertThrows(() => parseAssignments(["1a=x"]), SaseError, "not a valid");
  assertThrows(() => parseAssignments([]), SaseError, "no variables");
});

Deno.test("only an agent run may set variables", async () => {
  await using sb = await makeSandbox();
  assertThrows(
    () => currentAgentDir({}, "sase var set"),
    SaseError,
    "only works inside a SASE agent run",
  );
  assertThrows(
    () => currentAgentDir({ SASE_AGENT: "1", SASE_ARTIFACTS_DIR: join(sb.root, "gone") }, "x"),
    SaseError,
    "is not a directory",
  );
  assertEquals(currentAgentDir({ SASE_AGENT: "1", SASE_ARTIFACTS_DIR: sb.cwd }, "x"), sb.cwd);
});

Deno.test("variables merge with parallel writers and runner updates, losing nothing", async () => {
  await using sb = await makeSandbox();
  await updateAgentMeta(sb.cwd, { name: "a", output_variables: { keep: "1" } });
  await Promise.all([
    ...Array.from({ length: 10 }, (_, i) => setOutputVariables(sb.cwd, { [`k${i}`]: String(i) })),
    updateAgentMeta(sb.cwd, { status: "running" }),
  ]);
  const meta = JSON.parse(await Deno.readTextFile(join(sb.cwd, "agent_meta.json")));
  assertEquals(meta.status, "running");
  assertEquals(Object.keys(meta.output_variables).length, 11);
  assertEquals((await setOutputVariables(sb.cwd, { keep: "2" })).keep, "2");
});
