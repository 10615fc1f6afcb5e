/**
 * `workflow_checks` (handbook 5.4.1): starts a fix-hook agent for each hook
 * that FAILED on a current COMMITS entry with the fix-hook hint, and
 * completes it when the agent ends.
 *
 * - Start: the bundled `#fix_hook` xprompt (with the `review` tag) is
 *   launched detached in the project's workspace, holding an agent slot;
 *   the drawer's hint `(!: Hook Command Failed)` becomes `(@: fix-hook
 *   PID)`.
 * - Completion: an agent that completed leaves `(fix-hook completed)` —
 *   the failure counts as handled, so mentors may run. One that failed or
 *   died leaves `(!: Fix-hook failed)` (or `died`), still unhandled.
 *
 * Hooks marked `!` never get a fix-hook agent.
 *
 * @module
 */

import { editorHolding, projectRefOfFile } from "../../changespec/store.ts";
import { baseStatus } from "../../changespec/status.ts";
import { formatHooksBlock } from "../../changespec/format.ts";
import type { ChangeSpec, HookStatusLine } from "../../changespec/types.ts";
import { changeSpecWorkspaceRefs, projectWorkspaces } from "./project_workspaces.ts";
import { launchPrompt } from "../../agent/run/launch_prompt.ts";
import { withRunnerSlot } from "../runner_pool.ts";
import { agentRunState, readAgentRuns, writeAgentRun } from "../agent_runs.ts";
import { hookRunFiles, parseHookCommand } from "../hooks/hook_run.ts";
import { currentEntryIds, HOOK_FAILED_HINT } from "./hook_checks.ts";
import type { BuiltinChop, BuiltinChopContext } from "./registry.ts";

const NO_FIXES = new Set(["WIP", "Submitted", "Reverted", "Archived"]);
/** The suffix of a failure a fix-hook agent handled. */
export const FIX_HOOK_DONE = "fix-hook completed";

function fixKey(spec: ChangeSpec, command: string, line: HookStatusLine): string {
  return [spec.filePath, spec.name, line.commitEntryNum, line.timestamp, command].join("|");
}

/** Replace one drawer's suffix under the ProjectSpec lock (matched by command, entry, timestamp). */
async function setSuffix(
  context: BuiltinChopContext,
  spec: ChangeSpec,
  command: string,
  line: HookStatusLine,
  suffix: Pick<HookStatusLine, "suffix" | "suffixType">,
): Promise<void> {
  await context.store.mutate(projectRefOfFile(spec.filePath), (editors) => {
    const editor = editorHolding(editors, spec.name);
    const hooks = editor.spec(spec.name).hooks.map((hook) =>
      hook.command !== command ? hook : {
        ...hook,
        statusLines: hook.statusLines.map((l) =>
          l.commitEntryNum === line.commitEntryNum && l.timestamp === line.timestamp
            ? { ...l, ...suffix, summary: null }
            : l
        ),
      }
    );
    editor.replaceBlock(spec.name, "HOOKS", formatHooksBlock(hooks));
  });
}

const workflowChecks: BuiltinChop = async (context) => {
  const { app, settings } = context;
  const { filtered } = await context.changeSpecs();
  const updates: string[] = [];
  let waiting = 0;
  const workspaceOf = projectWorkspaces(app.env);
  const workspaceRefOf = changeSpecWorkspaceRefs(app);
  for (const spec of filtered) {
    const entries = new Set(currentEntryIds(spec));
    for (const hook of spec.hooks) {
      const parsed = parseHookCommand(hook.command);
      if (parsed.skipFixHook) continue;
      for (const line of hook.statusLines) {
        if (line.status !== "FAILED" || !entries.has(line.commitEntryNum)) continue;
        const key = fixKey(spec, hook.command, line);
        if (line.suffixType === "running_agent") {
          const run = (await readAgentRuns(app.env, "fix_hooks"))[key];
          const state = run ? await agentRunState(run) : { kind: "gone" as const };
          if (state.kind === "running") continue;
          await writeAgentRun(app.env, "fix_hooks", key, null);
          const handled = state.kind === "done" && state.outcome === "completed";
          await setSuffix(
            context,
            spec,
            hook.command,
            line,
            handled ? { suffix: FIX_HOOK_DONE, suffixType: null } : {
              suffix: state.kind === "done" ? "Fix-hook failed" : "Fix-hook died",
              suffixType: "error",
            },
          );
          updates.push(
            `${spec.name}: fix-hook for '${hook.command}' (${line.commitEntryNum}) ${
              handled ? "completed" : "did not fix it"
            }`,
          );
          continue;
        }
        if (line.suffixType !== "error" || line.suffix !== HOOK_FAILED_HINT) continue;
        if (NO_FIXES.has(baseStatus(spec.status))) continue;
        const workspace = await workspaceOf(spec);
        if (workspace === null) continue;
        const log = hookRunFiles(
          app.env,
          spec.projectBasename,
          spec.name,
          line.commitEntryNum,
          line.timestamp,
          parsed.command,
        ).log;
        const q = JSON.stringify;
        // The agent works in a workspace of the spec's project (a bare launch would use `#git:home`).
        const ref = await workspaceRefOf(spec);
        const text = (ref ? `${ref} ` : "") +
          `#fix_hook(changespec=${q(spec.name)}, command=${q(parsed.command)}, log=${q(log)})`;
        let launched: { pid: number; dir: string } | undefined;
        let failure = "";
        const slot = await withRunnerSlot(
          app.env,
          "agent",
          settings.maxAgentRunners,
          `fix-hook ${spec.name}`,
          async () => {
            try {
              launched = (await launchPrompt(app.at(workspace), {
                text,
                daemon: true,
                record: false,
              })).launched[0];
            } catch (error) {
              failure = error instanceof Error ? error.message : String(error);
            }
            return launched?.pid ?? null;
          },
        );
        if (slot === "full") {
          waiting++;
          continue;
        }
        if (!launched) {
          updates.push(`${spec.name}: fix-hook for '${hook.command}' failed to launch: ${failure}`);
          continue;
        }
        await writeAgentRun(app.env, "fix_hooks", key, {
          key,
          pid: launched.pid,
          dir: launched.dir,
          started_at: app.now().toISOString(),
        });
        await setSuffix(context, spec, hook.command, line, {
          suffix: `fix-hook ${launched.pid}`,
          suffixType: "running_agent",
        });
        updates.push(
          `${spec.name}: started fix-hook for '${hook.command}' (${line.commitEntryNum}) (PID ${launched.pid})`,
        );
      }
    }
  }
  await context.log(
    `workflow_checks: changespecs=${filtered.length} updates=${updates.length} ` +
      `waiting_for_runner=${waiting}`,
  );
  if (updates.length === 0 && waiting === 0) {
    await context.log("no-op: no failed hook to fix and no fix-hook to complete");
  }
  for (const update of updates.slice(0, 10)) await context.log(update);
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { workflow_checks: workflowChecks };
