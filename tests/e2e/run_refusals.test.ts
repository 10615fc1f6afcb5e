/**
 * Launches that must be refused before anything starts, with a usage error
 * naming what is wrong (issue 13).
 */

import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { runDirs } from "../_helpers/runs.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

Deno.test("an empty #cd: (an unset shell variable) is a usage error naming the reference", async () => {
  await using sb = await makeSandbox();
  const dir = "";
  for (
    const [prompt, named] of [
      [`#cd:${dir} %m:fakey/reply summarize`, "'#cd:'"],
      [`%m:fakey/reply summarize #cd:${dir}`, "'#cd:'"],
      ["#cd() %m:fakey/reply summarize", "'#cd()'"],
      ["%n:one %m:fakey/reply first\n---\n#git: %m:fakey/reply second", "'#git:'"],
    ]
  ) {
    const result = await runSase(["run", prompt], { env: sb.env, cwd: sb.cwd });
    assertEquals(result.code, 2, `${prompt}: ${result.stderr}`);
    assertStringIncludes(result.stderr, `error: empty workspace reference ${named}`);
    assertStringIncludes(result.stderr, "hint: was it built from an unset shell variable");
  }
  assertEquals(await runDirs(sb), []);
  // A reference inside code is prompt text, not a workspace.
  const quoted = await runSase(["run", "%m:fakey/reply explain `#cd:` to me"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(quoted.code, 0, quoted.stderr);
});
