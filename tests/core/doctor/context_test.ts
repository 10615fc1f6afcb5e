import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { makeDoctorContext } from "../../../core/doctor/registry.ts";

Deno.test("a doctor run finds programs on its environment's PATH, once for every check asking", async () => {
  await using sb = await makeSandbox();
  const bin = join(sb.root, "bin");
  const tool = await sb.write(join("bin", "tool"), "#!/bin/sh\n");
  await Deno.chmod(tool, 0o755);
  await sb.write(join("bin", "plain"), "not executable\n");
  const context = makeDoctorContext({
    env: { ...sb.env, PATH: bin },
    cwd: sb.cwd,
    saseHome: sb.saseHome,
  });
  assertEquals(await context.which("tool"), tool);
  assertEquals(await context.which("plain"), null);
  assertEquals(await context.which("missing"), null);
  // The answer of the run's first lookup is the run's answer.
  await Deno.remove(tool);
  assertEquals(await context.which("tool"), tool);
  assertEquals(
    await makeDoctorContext({ env: { ...sb.env, PATH: bin }, cwd: sb.cwd, saseHome: sb.saseHome })
      .which("tool"),
    null,
  );
});
