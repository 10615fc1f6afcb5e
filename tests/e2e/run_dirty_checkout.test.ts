/**
 * A run in a checkout the user has not committed: the commit finalizer
 * must never commit what the run did not change (issue 13, section 1).
 */

import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";
import { allDone, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

const USER_DIRT = " M README.md\n?? notes/mine.md\n";

Deno.test("a read-only run in a dirty checkout commits nothing; an editing run commits only its file", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "llm_provider:\n  provider: fakey\n");
  const repo = await makeGitRepo(join(sb.root, "proj"), sb.env, { "README.md": "# proj\n" });
  await Deno.writeTextFile(join(repo, "README.md"), "# proj\n\nThe user's unsaved thought.\n");
  await Deno.mkdir(join(repo, "notes"));
  await Deno.writeTextFile(join(repo, "notes", "mine.md"), "the user's own untracked file\n");
  const status = () => git(repo, sb.env, "status", "--porcelain", "--untracked-files=all");
  const subjects = async () => (await git(repo, sb.env, "log", "--format=%s")).trim().split("\n");

  const readOnly = await runSase(["run", `#cd:${repo} summarize; do not change files`], {
    env: sb.env,
    cwd: repo,
  });
  assertEquals(readOnly.code, 0, readOnly.stderr);
  assertEquals(await subjects(), ["initial commit"]);
  assertEquals(await status(), USER_DIRT);
  assertStringIncludes(
    readOnly.stderr,
    "the checkout was already dirty when the run started (2 files: README.md, notes/mine.md)",
  );
  const [first] = await runDirs(sb);
  const recorded = JSON.parse(await Deno.readTextFile(join(first, "commit_finalizer_result.json")));
  assertEquals([recorded.status, recorded.dirty_at_start], ["clean", [
    "README.md",
    "notes/mine.md",
  ]]);
  const baseline = JSON.parse(await Deno.readTextFile(join(first, "dirty_at_start.json")));
  assertEquals(
    baseline.repos[0].files.map((file: { path: string; status: string }) =>
      `${file.status} ${file.path}`
    ),
    [" M README.md", "?? notes/mine.md"],
  );

  const editing = await runSase(["run", `#cd:${repo} %m:fakey/edit make a small change`], {
    env: sb.env,
    cwd: repo,
  });
  assertEquals(editing.code, 0, editing.stderr);
  // The finalizer's follow-up reply is a turn of its own: separated, not glued on.
  assertEquals(editing.stdout, "I wrote fakey_edit.txt.\n\nCommitted my changes.\n");
  assertEquals(await subjects(), ["fakey: commit my changes", "initial commit"]);
  assertEquals(
    (await git(repo, sb.env, "show", "--name-only", "--format=", "HEAD")).trim(),
    "fakey_edit.txt",
  );
  assertEquals(await status(), USER_DIRT);
});

Deno.test("a spawn-on-retry child inherits its parent's baseline: the parent's edit is committed, the user's is not", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.config/sase/sase.yml",
    "llm_provider:\n  retry:\n    fakey:\n      spawn_new_agent: true\n      max_retries: 0\n" +
      "      wait_times: [0]\n      fallback_model: fakey/reply\n",
  );
  const repo = await makeGitRepo(join(sb.root, "proj"), sb.env, { "README.md": "# proj\n" });
  await Deno.writeTextFile(join(repo, "README.md"), "# proj\n\nThe user's unsaved thought.\n");
  // The parent writes a file, then fails with a retryable error before its finalizer runs.
  const script = await sb.write(
    "parent.json",
    JSON.stringify({
      steps: [
        { write: "parent.txt", content: "work of the parent\n" },
        { stderr: "API Error: 500 FAKEY-RETRYABLE" },
      ],
      result: { error: "API Error: 500 FAKEY-RETRYABLE" },
      exit_code: 1,
    }),
  );
  const result = await runSase(["run", `#cd:${repo} %n:flaky %m:fakey/${script} go`], {
    env: sb.env,
    cwd: repo,
  });
  assertEquals(result.code, 1, result.stderr);
  assertStringIncludes(result.stderr, "retry handed to agent flaky.r1");
  const dirs = await waitFor("the retry child's run", async () => {
    const found = await runDirs(sb);
    return found.length === 2 ? found : undefined;
  });
  const [parent, child] = await allDone(dirs);
  assertEquals([parent.outcome, child.outcome], ["failed", "completed"]);
  assertEquals(
    (await git(repo, sb.env, "show", "--name-only", "--format=", "HEAD")).trim(),
    "parent.txt",
  );
  assertEquals(
    await git(repo, sb.env, "status", "--porcelain", "--untracked-files=all"),
    " M README.md\n",
  );
  const recorded = JSON.parse(await Deno.readTextFile(join(dirs[1], "dirty_at_start.json")));
  assertEquals(recorded.repos[0].files.map((file: { path: string }) => file.path), ["README.md"]);
});
