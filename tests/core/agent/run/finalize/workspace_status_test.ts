/**
 * Reading a checkout's status never writes its index: agents' baselines and
 * the commit finalizer read while bead work, other agents and the user commit
 * in the same checkout, and a status that refreshed the index would hold
 * `index.lock` under their `git commit` ("Unable to create index.lock").
 */

import { join } from "node:path";
import { assertEquals, assertNotEquals } from "../../../../_helpers/assert.ts";
import { git, makeGitRepo } from "../../../../_helpers/git.ts";
import { makeSandbox } from "../../../../_helpers/sandbox.ts";
import { statusEntries } from "../../../../../core/agent/run/finalize/workspace_status.ts";
import { gitStatusPaths, unstagedPaths } from "../../../../../core/bead/git.ts";

Deno.test("status reads leave a stale index as it is (no index.lock taken)", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.root, "ws"), sb.env, { "a.txt": "a\n", "b.txt": "b\n" });
  const index = join(repo, ".git", "index");
  // New mtimes make the index's stat data stale: a plain `git status` would refresh and rewrite it.
  const later = new Date(Date.now() + 60_000);
  for (const name of ["a.txt", "b.txt"]) await Deno.utime(join(repo, name), later, later);
  const before = await Deno.readFile(index);
  assertEquals(await statusEntries(repo, sb.env), []);
  assertEquals(await gitStatusPaths(repo), []);
  assertEquals(await unstagedPaths(repo), []);
  assertEquals(await Deno.readFile(index), before, "the index was rewritten by a read");
  // The premise: a plain status does rewrite it, which is what made a read race a commit.
  await git(repo, sb.env, "status", "--porcelain");
  assertNotEquals(await Deno.readFile(index), before);
});
