import { assertEquals } from "../../_helpers/assert.ts";
import { isPidAlive } from "../../../core/workspace/liveness.ts";

Deno.test("pid liveness: this process is alive, a killed and reaped child is not", async () => {
  assertEquals(await isPidAlive(Deno.pid), true);
  assertEquals(await isPidAlive(0), false);
  const child = new Deno.Command("sleep", { args: ["30"] }).spawn();
  assertEquals(await isPidAlive(child.pid), true);
  child.kill("SIGKILL");
  await child.status;
  assertEquals(await isPidAlive(child.pid), false);
});
