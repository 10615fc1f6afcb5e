/**
 * The launch behind `sase bead work` (and the epic and legend follow-ups of
 * plan approval): the plan's multi-prompt goes through the one launch
 * service as detached agents, and a launch that fails part-way stops what it
 * started before the bead pre-claims are rolled back.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { saseHome } from "../config/paths.ts";
import type { LaunchedAgent } from "../agent/run/launch.ts";
import { launchPrompt } from "../agent/run/launch_prompt.ts";
import { beadActor } from "./actor.ts";
import { loadBeadSettings, resolveStoreDir } from "./settings.ts";
import { planWork, type WorkPlan } from "./work.ts";
import { liveNameOwners, stopLaunchedAgents } from "./work_agents.ts";
import { resolveWorkContext } from "./work_context.ts";
import { runWork, type RunWorkResult, type WorkLauncher } from "./work_run.ts";

/** What one bead work launch did. */
export interface BeadWorkLaunch {
  result: RunWorkResult;
  /** The detached agents, in launch order. */
  launched: LaunchedAgent[];
}

/** What to launch. */
export interface BeadWorkRequest {
  /** The bead store directory. */
  dir: string;
  /** The plan, epic or legend bead. */
  id: string;
  /** The checkout the agents work in. */
  checkoutRoot: string;
  /** `-P/--no-push`: commit the launch but do not push it. */
  noPush?: boolean;
}

/** Launch the work for `request.id`: pre-claim, launch every agent detached, commit, push. */
export async function launchBeadWork(
  app: AppContext,
  request: BeadWorkRequest,
): Promise<BeadWorkLaunch> {
  const { env } = app;
  const [context, settings, actor] = await Promise.all([
    resolveWorkContext({ env, cwd: app.cwd, checkoutRoot: request.checkoutRoot }),
    loadBeadSettings(request.checkoutRoot, env),
    beadActor(env, request.dir),
  ]);
  let launched: LaunchedAgent[] = [];
  const launcher: WorkLauncher = {
    async launch(plan) {
      const since = app.now().toISOString();
      try {
        // Generated prompts stay out of the user's prompt history.
        const outcome = await launchPrompt(app, {
          text: plan.multiPrompt,
          daemon: true,
          record: false,
          warn: (message) => app.warn(message),
        });
        launched = outcome.launched;
        return { agents: launched.map((agent) => agent.name) };
      } catch (error) {
        await stopLaunchedAgents(app, plan.segments.map((segment) => segment.name), since);
        throw error;
      }
    },
  };
  const result = await runWork(request.dir, request.id, {
    actor,
    env,
    launcher,
    context,
    push: settings.pushAfterCommit,
    noPush: request.noPush,
    logDir: join(saseHome(env), "logs"),
  });
  return { result, launched };
}

/** The work a launch for a bead would start, and where. */
export interface BeadWorkPreview {
  plan: WorkPlan;
  /** The bead store directory. */
  dir: string;
  /** The checkout the agents would work in. */
  checkoutRoot: string;
}

/**
 * Plan the work for bead `id` in the context's store without changing
 * anything. With `warnReuse`, each running agent a launch would stop to
 * reuse its name is a warning.
 */
export async function previewBeadWork(
  app: AppContext,
  id: string,
  options: { warnReuse?: boolean } = {},
): Promise<BeadWorkPreview> {
  const { env } = app;
  const { dir, checkoutRoot } = await resolveStoreDir(app.cwd, env);
  const { loadStore } = await import("./store.ts");
  const store = await loadStore(dir);
  const plan = planWork(
    new Map(store.issues.map((issue) => [issue.id, issue])),
    id,
    await resolveWorkContext({ env, cwd: app.cwd, checkoutRoot }),
  );
  if (options.warnReuse) {
    for (const name of await liveNameOwners(env, plan.reuseNames)) {
      app.warn(`a launch would stop the running agent ${name} to reuse its name`);
    }
  }
  return { plan, dir, checkoutRoot };
}
