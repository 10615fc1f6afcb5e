/**
 * Deploying files written into the chezmoi home source: commit them in the
 * source's git repository (when it is one), push, and `chezmoi apply
 * --force`, each step optional. Shared by `sase memory init` and
 * `sase skill init`.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { relative } from "../fs/path.ts";
import { runCommand, runGit } from "../git.ts";

/** Which steps to run. */
export interface ChezmoiDeployOptions {
  commit: boolean;
  push: boolean;
  apply: boolean;
  message: string;
}

function failed(step: string, stderr: string): SaseError {
  return new SaseError("chezmoi.deploy", `chezmoi deploy failed at ${step}: ${stderr.trim()}`, {
    hint: "fix the chezmoi source repository, then rerun (the files are already written)",
    kind: "failed",
  });
}

/** Deploy `files` (inside `sourceRoot`); resolves to the steps taken, for the report. */
export async function deployChezmoi(
  app: AppContext,
  sourceRoot: string,
  files: readonly string[],
  options: ChezmoiDeployOptions,
): Promise<string[]> {
  const steps: string[] = [];
  const git = async (cwd: string, args: string[], step: string) => {
    const result = await runGit(cwd, args, { env: app.env });
    if (!result.ok) throw failed(step, result.stderr || result.stdout);
    return result.stdout;
  };
  const repo = await runGit(sourceRoot, ["rev-parse", "--show-toplevel"], { env: app.env });
  if (options.commit && repo.ok && files.length > 0) {
    const top = repo.stdout.trim();
    await git(top, ["add", "--", ...files.map((f) => relative(top, f))], "git add");
    const staged = await runGit(top, ["diff", "--cached", "--quiet"], { env: app.env });
    if (!staged.ok) {
      await git(top, ["commit", "-q", "-m", options.message], "git commit");
      steps.push(`committed in the chezmoi source: ${options.message}`);
      const upstream = await runGit(top, ["rev-parse", "--abbrev-ref", "@{upstream}"], {
        env: app.env,
      });
      if (options.push && upstream.ok) {
        await git(top, ["push", "-q"], "git push");
        steps.push(`pushed the chezmoi source to ${upstream.stdout.trim()}`);
      }
    }
  }
  if (options.apply) {
    const applied = await runCommand(sourceRoot, ["chezmoi", "apply", "--force"], { env: app.env });
    if (applied.missing) {
      throw new SaseError("chezmoi.missing", "use_chezmoi is true but `chezmoi` is not on PATH", {
        hint: "install chezmoi, or set use_chezmoi: false",
        kind: "unavailable",
      });
    }
    if (!applied.ok) throw failed("chezmoi apply --force", applied.stderr);
    steps.push("ran chezmoi apply --force");
  }
  return steps;
}
