import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { makeDoctorContext } from "../../../core/doctor/registry.ts";
import { projectChecks } from "../../../core/doctor/checks/projects.ts";

Deno.test("projects.files lists project directories case-insensitively, then by code unit, in any locale", async () => {
  await using sb = await makeSandbox();
  // Names a locale collation orders otherwise: `_` and `-` around digits, case ties.
  const names = ["my_proj", "web", "my2", "Web", "Alpha", "my-proj", "beta"];
  for (const name of names) {
    await sb.write(join("home", ".sase", "projects", name, `${name}.sase`), "");
  }
  const context = makeDoctorContext({ env: sb.env, cwd: sb.cwd, saseHome: sb.saseHome });
  const outcome = await projectChecks[0].run(context);
  // The rule written out: lower-cased code units (`-` 0x2d < `2` 0x32 < `_` 0x5f),
  // names equal but for case in code-unit order (`W` 0x57 < `w` 0x77).
  assertEquals(outcome.data?.projects, [
    "Alpha",
    "beta",
    "my-proj",
    "my2",
    "my_proj",
    "Web",
    "web",
  ]);
  assertEquals(outcome.status, "OK");
  assertEquals(outcome.summary, "7 registered projects");
});
