import { assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { reserveAgentName } from "../../../../core/agent/identity/naming.ts";

Deno.test("the name registry hands out the same sequence, lowest free token first", async () => {
  await using sb = await makeSandbox();
  const reservation = { timestamp: "t", project: "p", artifacts_dir: "d" };
  await reserveAgentName(sb.env, "1", reservation);
  const names: string[] = [];
  for (let i = 0; i < 12; i++) names.push(await reserveAgentName(sb.env, undefined, reservation));
  // `1` was taken explicitly, so the auto-names skip it.
  assertEquals(names, ["0", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c"]);
});
