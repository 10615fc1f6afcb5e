/**
 * `hook_checks` (handbook 5.4.1, 8.2.10): keeps every ChangeSpec's HOOKS
 * drawers current for its current COMMITS entries (the newest regular
 * entry and its proposals).
 *
 * - A `RUNNING - ($: pid)` drawer whose run wrote its exit status becomes
 *   `PASSED (dur)` or `FAILED (dur)`; a failure gets the fix-hook hint
 *   `- (!: Hook Command Failed)` unless the command starts with `!`.
 * - One whose process is gone without an exit status becomes `DEAD`. One
 *   running longer than `zombie_timeout_seconds` is killed and becomes
 *   `ZOMBIE`.
 * - A hook with no drawer for a current entry is started in the project's
 *   workspace, unless the status is WIP, Submitted, Reverted or Archived. A
 *   `$` hook is skipped for proposal entries and needs no runner slot;
 *   others wait for one of `max_hook_runners`.
 *
 * Drawers are written under the ProjectSpec lock from a fresh read, changing
 * only the lines of the runs this tick decided about.
 *
 * @module
 */

import { editorHolding, projectRefOfFile } from "../../changespec/store.ts";
import { baseStatus } from "../../changespec/status.ts";
import { formatHooksBlock } from "../../changespec/format.ts";
import { formatEntryDuration } from "../../changespec/commit_entry.ts";
import type { ChangeSpec, HookEntry, HookStatusLine } from "../../changespec/types.ts";
import { projectWorkspaces } from "./project_workspaces.ts";
import { isProcessAlive } from "../../process_liveness.ts";
import { signalProcessGroup } from "../../agent/run/process.ts";
import { parseSaseTimestamp, saseTimestamp } from "../../time.ts";
import { withRunnerSlot } from "../runner_pool.ts";
import { hookRunExit, hookRunFiles, parseHookCommand, startHookRun } from "../hooks/hook_run.ts";
import { axeConfiner } from "../confine.ts";
import type { CommandConfiner } from "../../sandbox/command.ts";
import type { BuiltinChop, BuiltinChopContext } from "./registry.ts";

const NO_NEW_HOOKS = new Set(["WIP", "Submitted", "Reverted", "Archived"]);
/** The fix-hook hint of a failed hook. */
export const HOOK_FAILED_HINT = "Hook Command Failed";
const MAX_LISTED = 10;

/** The current entry ids: the newest regular entry and its proposals (`3`, `3a`). */
export function currentEntryIds(spec: ChangeSpec): string[] {
  const regular = spec.commits.filter((commit) => commit.proposalLetter === null);
  if (regular.length === 0) return [];
  const newest = Math.max(...regular.map((commit) => commit.number));
  return spec.commits.filter((commit) => commit.number === newest)
    .map((commit) => `${commit.number}${commit.proposalLetter ?? ""}`);
}

/** A decided change to one drawer line (matched by command, entry and timestamp). */
interface LineChange {
  command: string;
  line: HookStatusLine;
  /** Null for a new line. */
  replaces: { commitEntryNum: string; timestamp: string } | null;
}

function ageSeconds(timestamp: string, now: Date): number {
  const started = parseSaseTimestamp(timestamp);
  return started ? (now.getTime() - started.getTime()) / 1000 : 0;
}

async function decideRunning(
  context: BuiltinChopContext,
  spec: ChangeSpec,
  hook: HookEntry,
  line: HookStatusLine,
  now: Date,
): Promise<HookStatusLine | null> {
  const parsed = parseHookCommand(hook.command);
  const files = hookRunFiles(
    context.app.env,
    spec.projectBasename,
    spec.name,
    line.commitEntryNum,
    line.timestamp,
    parsed.command,
  );
  const ended = await hookRunExit(files);
  const base = { ...line, suffix: null, suffixType: null, summary: null };
  if (ended) {
    const started = parseSaseTimestamp(line.timestamp) ?? ended.endedAt;
    const duration = formatEntryDuration((ended.endedAt.getTime() - started.getTime()) / 1000);
    if (ended.code === 0) return { ...base, status: "PASSED", duration };
    return parsed.skipFixHook
      ? { ...base, status: "FAILED", duration }
      : { ...base, status: "FAILED", duration, suffix: HOOK_FAILED_HINT, suffixType: "error" };
  }
  const pid = line.suffixType === "running_process" ? Number(line.suffix) : NaN;
  if (Number.isInteger(pid) && !isProcessAlive(pid)) {
    // Its exit status may have landed right after the first look.
    if (await hookRunExit(files)) return await decideRunning(context, spec, hook, line, now);
    return {
      ...base,
      status: "DEAD",
      suffix: "Hook process ended without an exit status",
      suffixType: "error",
    };
  }
  if (ageSeconds(line.timestamp, now) > context.settings.zombieTimeoutSeconds) {
    if (Number.isInteger(pid)) signalProcessGroup(pid, "SIGKILL");
    return {
      ...base,
      status: "ZOMBIE",
      suffix: `Running longer than ${context.settings.zombieTimeoutSeconds}s`,
      suffixType: "error",
    };
  }
  return null;
}

function applyChanges(hooks: HookEntry[], changes: readonly LineChange[]): HookEntry[] {
  return hooks.map((hook) => {
    const mine = changes.filter((change) => change.command === hook.command);
    if (mine.length === 0) return hook;
    const lines = hook.statusLines.map((line) => {
      const change = mine.find((c) =>
        c.replaces?.commitEntryNum === line.commitEntryNum &&
        c.replaces.timestamp === line.timestamp
      );
      return change ? change.line : line;
    });
    for (const change of mine) if (change.replaces === null) lines.push(change.line);
    return { ...hook, statusLines: lines };
  });
}

const hookChecks: BuiltinChop = async (context) => {
  const { app, settings } = context;
  const { filtered } = await context.changeSpecs();
  const withHooks = filtered.filter((spec) => spec.hooks.length > 0);
  const workspaceOf = projectWorkspaces(app.env);
  let confiner: Promise<CommandConfiner> | undefined;
  const updates: string[] = [];
  let started = 0;
  let waiting = 0;
  let inspected = 0;
  for (const spec of withHooks) {
    const now = app.now();
    const changes: LineChange[] = [];
    const entries = currentEntryIds(spec);
    const canStart = !NO_NEW_HOOKS.has(baseStatus(spec.status));
    for (const hook of spec.hooks) {
      inspected++;
      for (const line of hook.statusLines.filter((l) => l.status === "RUNNING")) {
        const decided = await decideRunning(context, spec, hook, line, now);
        if (decided) {
          changes.push({ command: hook.command, line: decided, replaces: line });
          updates.push(
            `${spec.name}: '${hook.command}' (${line.commitEntryNum}) -> ${decided.status}${
              decided.duration ? ` (${decided.duration})` : ""
            }`,
          );
        }
      }
      if (!canStart) continue;
      const parsed = parseHookCommand(hook.command);
      for (const entryId of entries) {
        const proposal = /[a-z]$/.test(entryId);
        if (proposal && parsed.unlimited) continue;
        if (hook.statusLines.some((line) => line.commitEntryNum === entryId)) continue;
        const workspace = await workspaceOf(spec);
        if (workspace === null) {
          updates.push(`${spec.name}: cannot start '${hook.command}': no WORKSPACE_DIR`);
          break;
        }
        const timestamp = saseTimestamp(now);
        const files = hookRunFiles(
          app.env,
          spec.projectBasename,
          spec.name,
          entryId,
          timestamp,
          parsed.command,
        );
        const launch = async () =>
          startHookRun(
            app.env,
            workspace,
            parsed.command,
            files,
            await (confiner ??= axeConfiner(app)),
          );
        const pid = parsed.unlimited ? await launch() : await withRunnerSlot(
          app.env,
          "hook",
          settings.maxHookRunners,
          `${spec.name}:${parsed.command}`,
          launch,
        );
        if (pid === "full" || pid === null) {
          waiting++;
          continue;
        }
        started++;
        changes.push({
          command: hook.command,
          replaces: null,
          line: {
            commitEntryNum: entryId,
            timestamp,
            status: "RUNNING",
            duration: null,
            suffix: String(pid),
            suffixType: "running_process",
            summary: null,
          },
        });
        updates.push(`${spec.name}: started '${hook.command}' for (${entryId}) (PID ${pid})`);
      }
    }
    if (changes.length === 0) continue;
    await context.store.mutate(projectRefOfFile(spec.filePath), (editors) => {
      const editor = editorHolding(editors, spec.name);
      const fresh = editor.spec(spec.name).hooks;
      editor.replaceBlock(spec.name, "HOOKS", formatHooksBlock(applyChanges(fresh, changes)));
    });
  }
  await context.log(
    `hook_checks: changespecs=${filtered.length} hooks=${inspected} updates=${
      updates.length - started
    } started=${started} waiting_for_runner=${waiting}`,
  );
  if (updates.length === 0 && waiting === 0) {
    await context.log(
      `no-op: ${
        withHooks.length === 0 ? "no ChangeSpec with hooks" : "no hook to complete or start"
      }`,
    );
  }
  for (const update of updates.slice(0, MAX_LISTED)) await context.log(update);
  if (updates.length > MAX_LISTED) await context.log(`... and ${updates.length - MAX_LISTED} more`);
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { hook_checks: hookChecks };
