/**
 * `cl_submitted_checks` through the VCS provider: with `sase axe -v
 * github`, a Mailed ChangeSpec whose pull request `gh pr view` reports
 * MERGED becomes Submitted; an OPEN one stays Mailed (a `gh` stand-in on
 * PATH answers and records its arguments).
 */

import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeRepoWithOrigin } from "../_helpers/git.ts";
import { axeSandbox } from "./_axe.ts";

Deno.test("a merged PR moves its Mailed ChangeSpec to Submitted; an open one stays", async () => {
  await using axe = await axeSandbox("");
  const { sb } = axe;
  const { work } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n" });
  const log = join(sb.root, "gh.log");
  await axe.script(
    "bin/gh",
    `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
case "$3" in
  */pull/1) echo MERGED ;;
  */pull/2) echo OPEN ;;
  *) echo "no such PR" >&2; exit 1 ;;
esac
`,
  );
  const projectFile = await sb.write(
    "home/.sase/projects/proj/proj.sase",
    `WORKSPACE_DIR: ${work}\n\n\n` +
      "NAME: merged_one\nDESCRIPTION:\n  One.\nPR: https://github.com/o/r/pull/1\nSTATUS: Mailed\n\n\n" +
      "NAME: open_one\nDESCRIPTION:\n  Two.\nPR: https://github.com/o/r/pull/2\nSTATUS: Mailed\n\n\n" +
      "NAME: draft_one\nDESCRIPTION:\n  Three.\nPR: https://github.com/o/r/pull/3\nSTATUS: Draft\n",
  );
  const path = { PATH: `${sb.root}/bin:${sb.env.PATH}` };
  const result = await axe.sase(
    ["axe", "-v", "github", "chop", "run", "cl_submitted_checks", "-j"],
    path,
  );
  assertEquals(result.code, 0, result.stderr);
  const run = JSON.parse(result.stdout);
  const output = await Deno.readTextFile(
    axe.lj("checks", "chops", "cl_submitted_checks", "runs", `${run.run_id}.log`),
  );
  assertStringIncludes(
    output,
    "cl_submitted_checks: mailed=2 submitted=1 still_open=1 unsupported_provider=0 errors=0",
  );
  assertStringIncludes(output, "submitted merged_one");
  assertEquals((await Deno.readTextFile(log)).trim().split("\n").sort(), [
    "pr view https://github.com/o/r/pull/1 --json state -q .state",
    "pr view https://github.com/o/r/pull/2 --json state -q .state",
  ]);
  const active = await Deno.readTextFile(projectFile);
  assertEquals(active.includes("NAME: merged_one"), false);
  assertStringIncludes(
    active,
    "NAME: open_one\nDESCRIPTION:\n  Two.\nPR: https://github.com/o/r/pull/2\nSTATUS: Mailed\n",
  );
  const archive = await Deno.readTextFile(
    join(sb.saseHome, "projects", "proj", "proj-archive.sase"),
  );
  assertStringIncludes(archive, "NAME: merged_one");
  assertStringIncludes(archive, "STATUS: Submitted");
  // Without GitHub (bare git has no change states) nothing is asked.
  const bare = await axe.sase(
    ["axe", "-v", "bare_git", "chop", "run", "cl_submitted_checks", "-j"],
    path,
  );
  assertEquals(bare.code, 0, bare.stderr);
  const bareRun = JSON.parse(bare.stdout);
  assertStringIncludes(
    await Deno.readTextFile(
      axe.lj("checks", "chops", "cl_submitted_checks", "runs", `${bareRun.run_id}.log`),
    ),
    "mailed=1 submitted=0 still_open=0 unsupported_provider=1 errors=0",
  );
});
