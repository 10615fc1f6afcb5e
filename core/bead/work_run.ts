/**
 * Executing a `sase bead work` plan: mark and pre-claim under the store lock,
 * hand the multi-prompt to a launcher, roll the bead mutations back if the
 * launch fails, then commit the launch record and push it.
 *
 * The launcher is an interface so the agent runtime plugs in here; this
 * module owns the bead side of the transaction.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { definedEnv, type Env } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { runGit } from "../git.ts";
import { TRACKED_BEAD_PATHS } from "./git.ts";
import { mutateStore } from "./store.ts";
import { planWork, type WorkContext, type WorkPlan } from "./work.ts";

/** Launches the agents of a plan; must terminate anything it spawned before throwing. */
export interface WorkLauncher {
  launch(plan: WorkPlan): Promise<{ agents: string[] }>;
}

/** How to follow a successful launch commit. */
export type PushMode = boolean | "async";

/** Options of {@linkcode runWork}. */
export interface RunWorkOptions {
  actor: string;
  /** The environment git runs with (identity, credentials helpers, `HOME`). */
  env: Env;
  launcher: WorkLauncher;
  context?: WorkContext;
  push: PushMode;
  /** `-P/--no-push`. */
  noPush?: boolean;
  /** Where an async push writes its log. */
  logDir: string;
}

/** What a run did. */
export interface RunWorkResult {
  plan: WorkPlan;
  agents: string[];
  committed: boolean;
  push: "skipped" | "no_remote" | "pushed" | "failed" | "background";
  pushLog?: string;
  warning?: string;
}

/** Run the work for `id` in the store at `dir`. */
export async function runWork(
  dir: string,
  id: string,
  options: RunWorkOptions,
): Promise<RunWorkResult> {
  const plan = await mutateStore(dir, { actor: options.actor }, (ctx) => {
    const plan = planWork(ctx.issues, id, options.context);
    return { events: plan.launchEvents, result: plan };
  });
  let agents: string[];
  try {
    agents = (await options.launcher.launch(plan)).agents;
  } catch (error) {
    await mutateStore(dir, { actor: options.actor }, () => ({
      events: plan.rollbackEvents,
      result: undefined,
    })).catch(() => {});
    throw new SaseError(
      "bead.work_launch",
      `launching agents for ${id} failed: ${(error as Error).message}; pre-claims were rolled back`,
      { cause: error, hint: `retry with \`sase bead work ${id}\``, kind: "failed" },
    );
  }
  const result: RunWorkResult = { plan, agents, committed: false, push: "skipped" };
  const git = (args: string[]) => runGit(dir, args, { env: options.env });
  const inside = await git(["rev-parse", "--is-inside-work-tree"]);
  if (!inside.ok) return result;
  const paths = TRACKED_BEAD_PATHS.filter((path) => {
    try {
      Deno.statSync(join(dir, path));
      return true;
    } catch {
      return false;
    }
  });
  await git(["add", "--", ...paths]);
  const staged = await git(["diff", "--cached", "--quiet", "--", ...paths]);
  if (staged.ok) return result;
  const commit = await git(["commit", "-q", "-m", plan.commitMessage, "--", ...paths]);
  if (!commit.ok) {
    throw new SaseError(
      "bead.work_commit",
      `agents were already launched (${
        agents.join(", ")
      }) but committing the bead state failed: ${commit.stderr.trim()}`,
      { hint: "commit sdd/beads yourself, or repair with `sase bead doctor`", kind: "failed" },
    );
  }
  result.committed = true;
  if (options.noPush || options.push === false) return result;
  const remotes = await git(["remote"]);
  if (!remotes.ok || remotes.stdout.trim() === "") {
    result.push = "no_remote";
    return result;
  }
  if (options.push === "async") {
    await Deno.mkdir(options.logDir, { recursive: true });
    const log = join(options.logDir, `bead_work_push_${id}_${Date.now()}.log`);
    // The shell owns the redirection so the push keeps logging after we exit.
    const child = new Deno.Command("sh", {
      args: ["-c", 'exec git push >"$1" 2>&1', "sh", log],
      cwd: dir,
      env: definedEnv(options.env),
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    child.unref();
    result.push = "background";
    result.pushLog = log;
    return result;
  }
  const push = await new Deno.Command("git", {
    args: ["push"],
    cwd: dir,
    env: definedEnv(options.env),
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (push.success) result.push = "pushed";
  else {
    result.push = "failed";
    result.warning =
      `git push failed; the launch commit is kept locally. Retry with: git -C ${dir} push`;
  }
  return result;
}
