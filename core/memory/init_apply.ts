/**
 * Applying a `sase memory init` plan: write the planned files (each
 * atomically), then deploy. The project deploy runs `precommit_command`,
 * stages the generated project files, commits them with the standard
 * message, pulls with rebase and pushes; `--no-commit` skips only that.
 * With `use_chezmoi: true` the home files live in the chezmoi source: they
 * are committed there when it is a git repository and `chezmoi apply
 * --force` deploys them, whatever `--no-commit` says.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { relative } from "../fs/path.ts";
import { runGit } from "../git.ts";
import { deployChezmoi } from "../chezmoi/deploy.ts";
import { runPrecommit } from "../commit/lifecycle.ts";
import type { MemoryInitPlan } from "./init_plan.ts";

/** The commit message of the project deploy. */
export const MEMORY_INIT_COMMIT_MESSAGE = "chore: run sase init memory";

/** What applying did. */
export interface MemoryInitApplied {
  written: string[];
  /** Steps of the deploys, in order (e.g. `committed 3 files`, `pushed`). */
  deploy: string[];
}

function failed(step: string, stderr: string): SaseError {
  return new SaseError("memory.deploy", `memory init deploy failed at ${step}: ${stderr.trim()}`, {
    hint: "fix the repository state, then rerun `sase memory init` (files are already written)",
    kind: "failed",
  });
}

async function git(root: string, args: string[], app: AppContext, step: string): Promise<string> {
  const result = await runGit(root, args, { env: app.env });
  if (!result.ok) throw failed(step, result.stderr || result.stdout);
  return result.stdout;
}

async function deployProject(
  app: AppContext,
  root: string,
  files: string[],
  deploy: string[],
): Promise<void> {
  const inside = await runGit(root, ["rev-parse", "--is-inside-work-tree"], { env: app.env });
  if (!inside.ok) {
    deploy.push("project is not a git repository: nothing committed");
    return;
  }
  const precommit = await runPrecommit(app, root);
  if (precommit) deploy.push(`ran precommit command: ${precommit}`);
  await git(root, ["add", "--", ...files.map((f) => relative(root, f))], app, "git add");
  const staged = await runGit(root, ["diff", "--cached", "--quiet"], { env: app.env });
  if (staged.ok) {
    deploy.push("no project changes to commit");
    return;
  }
  await git(root, ["commit", "-q", "-m", MEMORY_INIT_COMMIT_MESSAGE], app, "git commit");
  deploy.push(`committed: ${MEMORY_INIT_COMMIT_MESSAGE}`);
  const upstream = await runGit(root, ["rev-parse", "--abbrev-ref", "@{upstream}"], {
    env: app.env,
  });
  if (upstream.ok) {
    await git(root, ["pull", "-q", "--rebase"], app, "git pull --rebase");
    deploy.push("pulled with rebase");
    await git(root, ["push", "-q"], app, "git push");
    deploy.push(`pushed to ${upstream.stdout.trim()}`);
    return;
  }
  const origin = await runGit(root, ["remote", "get-url", "origin"], { env: app.env });
  if (!origin.ok) {
    deploy.push("no remote: commit not pushed");
    return;
  }
  await git(root, ["push", "-q", "-u", "origin", "HEAD"], app, "git push");
  deploy.push("pushed to origin");
}

/** Write the plan's files and deploy them (`commit: false` skips the project deploy only). */
export async function applyMemoryInit(
  app: AppContext,
  plan: MemoryInitPlan,
  options: { commit: boolean },
): Promise<MemoryInitApplied> {
  for (const write of plan.writes) await atomicWriteTextFile(write.path, write.content);
  const deploy: string[] = [];
  const projectFiles = plan.writes.filter((w) => w.scope === "project").map((w) => w.path);
  const homeFiles = plan.writes.filter((w) => w.scope === "home").map((w) => w.path);
  const project = plan.roots.find((r) => r.scope === "project");
  if (options.commit && project && projectFiles.length > 0) {
    await deployProject(app, project.root, projectFiles, deploy);
  }
  const home = plan.roots.find((r) => r.scope === "home");
  if (plan.useChezmoi && home && homeFiles.length > 0) {
    deploy.push(
      ...await deployChezmoi(app, home.root, homeFiles, {
        commit: true,
        push: false,
        apply: true,
        message: MEMORY_INIT_COMMIT_MESSAGE,
      }),
    );
  }
  return { written: plan.writes.map((w) => w.path), deploy };
}
