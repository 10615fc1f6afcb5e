import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { dismissRuns } from "../../../core/agent/identity/dismiss.ts";
import { dismissedAgentsPath, dismissedProjection } from "../../../core/agent/index/dismissed.ts";

Deno.test("dismissRuns adds run identities once and keeps other writers' entries verbatim", async () => {
  await using box = await makeSandbox();
  const path = dismissedAgentsPath(box.env);
  await Deno.writeTextFile(path, JSON.stringify([["crs", "feat_1", null], "odd entry"]));
  assertEquals(await dismissRuns(box.env, [{ project: "p", timestamp: "20260328120000" }]), 1);
  assertEquals(await dismissRuns(box.env, [{ project: "p", timestamp: "20260328120000" }]), 0);
  assertEquals(JSON.parse(await Deno.readTextFile(path)), [
    ["crs", "feat_1", null],
    "odd entry",
    ["run", "p", "20260328120000"],
  ]);
  assertEquals(dismissedProjection(box.env), [["p", "20260328120000"]]);
  assertEquals(await dismissRuns(box.env, []), 0);
});

Deno.test("dismissRuns refuses a file that is not a list, leaving it as it was", async () => {
  await using box = await makeSandbox();
  const path = dismissedAgentsPath(box.env);
  await Deno.writeTextFile(path, '{"x": 1}');
  await assertRejects(
    () => dismissRuns(box.env, [{ project: "p", timestamp: "1" }]),
    SaseError,
    `${path}: expected a JSON list of agent identities`,
  );
  assertEquals(await Deno.readTextFile(path), '{"x": 1}');
});
