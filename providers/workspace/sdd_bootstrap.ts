/**
 * Generated SDD guides for bare-git projects (handbook 11.6): when the
 * primary checkout lacks them (or they are stale), write them and commit
 * exactly those paths, then push, so every numbered checkout cloned from
 * the primary starts with them.
 *
 * @module
 */

import { join, relative } from "../../core/fs/path.ts";
import { checkSddInit, runSddInit } from "../../core/sdd/init.ts";
import { ensureIdentity, git, gitMaybe } from "./git_run.ts";

/** Write and commit drifted SDD guides in `primaryDir`; returns the committed paths. */
export async function commitSddGuides(
  primaryDir: string,
  message: string,
  options: { push: boolean },
): Promise<string[]> {
  const sddRoot = join(primaryDir, "sdd");
  if (!(await checkSddInit(primaryDir, sddRoot)).drift) return [];
  const { written } = await runSddInit(primaryDir, sddRoot);
  const paths = written.map((path) => relative(primaryDir, path));
  if (paths.length === 0) return [];
  await ensureIdentity(primaryDir);
  await git(primaryDir, ["add", "--", ...paths], "staging the SDD guides");
  await git(
    primaryDir,
    ["commit", "-q", "-m", message, "--", ...paths],
    "committing the SDD guides",
  );
  if (options.push && await gitMaybe(primaryDir, ["remote", "get-url", "origin"])) {
    await git(primaryDir, ["push", "-q", "origin", "HEAD"], "pushing the SDD guides");
  }
  return paths;
}
