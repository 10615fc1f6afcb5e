/**
 * The real side effects of a workflow run, as the executor's
 * {@linkcode RunServices}: bash/python steps through `step_process.ts`
 * (their process groups recorded in `step_pgids.json`, so `sase agent kill`
 * finds them even after the runner died), agent steps
 * through the launch service (`agent_step.ts`, children recorded in
 * `child_artifacts_dirs`), human checkpoints as request/response files plus
 * an `HITL` notification, artifacts and the state file in the run
 * directory.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { Env } from "../config/paths.ts";
import { notificationsPath } from "../config/paths.ts";
import { atomicWriteJson, atomicWriteTextFile } from "../fs/atomic_write.ts";
import { createNotification } from "../notify/create.ts";
import { dismiss } from "../notify/store.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "../agent/records/artifacts.ts";
import { updateAgentMeta } from "../agent/records/meta.ts";
import { WAITING_INPUT } from "../agent/index/status.ts";
import { type AgentStepContext, runAgentStep } from "./agent_step.ts";
import type { ProgressEvent, RunServices } from "./engine.ts";
import { awaitHitlResponse, HITL_REQUEST_FILE, requestFor, writeHitlRequest } from "./hitl.ts";
import type { Workflow, WorkflowStep } from "./model.ts";
import { saveWorkflowState } from "./state.ts";
import { runStepProcess } from "./step_process.ts";
import type { CommandConfiner } from "../sandbox/command.ts";

/** Everything the services of one run need. */
export interface ServiceOptions {
  workflow: Workflow;
  /** The run's artifact directory, agent name and timestamp. */
  dir: string;
  name: string;
  timestamp: string;
  /** Where steps run. */
  cwd: string;
  /** The environment of step processes (workflow `environment:` included). */
  stepEnv: Record<string, string>;
  /** Confines bash/python steps (the run's sandbox); without it they run unconfined. */
  confine?: CommandConfiner;
  /** The variables the workflow's `environment:` set (they pass the sandbox's filter). */
  stepRunEnv?: readonly string[];
  env: Env;
  timeoutMs: number;
  /** Between looks for a human decision. */
  hitlPollMs: number;
  agents: AgentStepContext;
  /** Where the state goes (default `workflow_state.json`; embedded workflow parts have their own). */
  stateFile?: string;
  /** Child runs an earlier runner of this run launched (a resume keeps them listed). */
  children?: readonly string[];
  progress?: (event: ProgressEvent) => void;
}

/** The label of an agent execution's child name: `step`, `block.step`, `step.<iteration>`. */
function childLabel(workflow: Workflow, step: WorkflowStep, iteration: number | null): string {
  const block = workflow.steps.find((candidate) => candidate.parallel?.includes(step));
  const label = block ? `${block.name}.${step.name}` : step.name;
  return iteration === null ? label : `${label}.${iteration}`;
}

/** The services of the run `options` describes. */
export function workflowServices(options: ServiceOptions): RunServices {
  const pgids = new Set<number>();
  const children = [...options.children ?? []];
  const notes = notificationsPath(options.env);
  return {
    async runScript(request) {
      let started: number | undefined;
      return await runStepProcess({
        kind: request.kind,
        source: request.source,
        cwd: options.cwd,
        env: options.stepEnv,
        sandbox: options.confine && {
          confine: options.confine,
          runDir: options.dir,
          runEnv: options.stepRunEnv ?? [],
        },
        timeoutMs: options.timeoutMs,
        signal: request.signal,
        // Recorded as each starts (ended ones drop out of the next write), so a kill
        // finds the running groups even after the runner died.
        onProcess: async (pid) => {
          if (pid === null) {
            if (started !== undefined) pgids.delete(started);
            return;
          }
          pgids.add(started = pid);
          await atomicWriteJson(join(options.dir, ARTIFACT_FILES.stepProcesses), [...pgids], {
            mode: PRIVATE_FILE_MODE,
            sync: false,
          });
        },
      });
    },
    async runAgent(request) {
      return await runAgentStep(options.agents, {
        ...request,
        onLaunched: async (run) => {
          children.push(run.artifacts_dir);
          await updateAgentMeta(options.dir, { child_artifacts_dirs: [...children] });
          await request.onLaunched(run);
        },
      }, childLabel(options.workflow, request.step, request.iteration));
    },
    async requestHitl(pending, step) {
      const notification = await createNotification(notes, {
        sender: "hitl",
        notes: [
          `Workflow ${options.workflow.name} (${options.name}) is waiting at step ` +
          `'${step.name}' (${step.kind}): accept, edit or reject its output`,
          `sase agent hitl ${options.name} accept|edit|reject`,
        ],
        files: [join(options.dir, HITL_REQUEST_FILE)],
        action: "HITL",
        action_data: {
          artifacts_dir: options.dir,
          workflow_name: options.workflow.name,
          agent_name: options.name,
          raw_suffix: options.timestamp,
          step_name: step.name,
          step_type: step.kind,
        },
      });
      pending.notification_id = notification.id;
      await writeHitlRequest(
        options.dir,
        requestFor(pending, {
          workflow: options.workflow.name,
          agent: options.name,
          hasOutput: step.output !== undefined,
          outputTypes: step.output?.fields,
        }),
      );
      await updateAgentMeta(options.dir, { status: WAITING_INPUT });
      options.progress?.({
        type: "hitl",
        run: options.name,
        step: step.name,
        output: pending.output,
      });
    },
    async awaitHitl(pending, signal) {
      const decision = await awaitHitlResponse(options.dir, signal, options.hitlPollMs);
      if (pending.notification_id) await dismiss(notes, pending.notification_id).catch(() => {});
      await updateAgentMeta(options.dir, { status: "running", pid: Deno.pid });
      return decision;
    },
    async writeArtifact(step, stdout) {
      const path = join(options.dir, `${step}.stdout`);
      await atomicWriteTextFile(path, stdout, { mode: PRIVATE_FILE_MODE });
      return path;
    },
    async saveState(state) {
      await saveWorkflowState(options.dir, state, options.stateFile);
    },
    progress: options.progress,
  };
}
