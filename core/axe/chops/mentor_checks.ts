/**
 * `mentor_checks` (handbook 12.3, 14.3.2): drives each Ready or Mailed
 * ChangeSpec's mentors for its newest regular COMMITS entry.
 *
 * 1. Profiles matching the regular commits since the last MENTORS entry are
 *    registered as `(N) profile[0/M] ...`.
 * 2. Once every hook not marked `!` is ready for (N) — PASSED, or FAILED
 *    and handled (no longer carrying the fix-hook hint) — each mentor is
 *    marked `STARTING` under the ProjectSpec lock (the race guard), then
 *    launched through the `sase run` launcher as a hidden `#mentor` agent
 *    with the `review` tag, holding an agent slot of the runner pool, and
 *    marked `RUNNING`.
 * 3. A finished agent's JSON answer is validated and saved to
 *    `~/.sase/mentors/` with snapshots of the files it comments on; the
 *    mentor ends `PASSED` (no comments), `COMMENTED` or `FAILED` (an error
 *    or invalid JSON). An agent gone without an answer is `DEAD`; mentors
 *    still running on an older entry are killed and marked `KILLED`.
 * 4. When every mentor of (N) is terminal — or no profile matched and the
 *    hooks are ready — one `mentors` notification is sent, once per
 *    (project file, ChangeSpec, entry), never on the tick that registered
 *    the entry.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { readTextBounded } from "../../fs/bounded_read.ts";
import { editorHolding, projectRefOfFile } from "../../changespec/store.ts";
import { baseStatus } from "../../changespec/status.ts";
import { formatMentorsBlock } from "../../changespec/format.ts";
import type { ChangeSpec, MentorEntry, MentorStatusLine } from "../../changespec/types.ts";
import type { MentorProfileConfig } from "../../config/types.ts";
import { notificationsPath } from "../../config/paths.ts";
import { createNotification } from "../../notify/create.ts";
import { changeSpecWorkspaceRefs, projectWorkspaces } from "./project_workspaces.ts";
import { signalProcessGroup } from "../../agent/run/process.ts";
import { launchPrompt } from "../../agent/run/launch_prompt.ts";
import { saseTimestamp } from "../../time.ts";
import { withRunnerSlot } from "../runner_pool.ts";
import { matchProfiles, reviewedCommits, scopedProfiles } from "../mentors/profiles.ts";
import {
  claimMentorsComplete,
  completeKey,
  mentorKey,
  mentorsDir,
  notifiedEntries,
} from "../mentors/state.ts";
import { agentRunState, readAgentRuns, writeAgentRun } from "../agent_runs.ts";
import { parseHookCommand } from "../hooks/hook_run.ts";
import type { BuiltinChop, BuiltinChopContext } from "./registry.ts";

const REVIEWABLE = new Set(["Ready", "Mailed"]);
/** Mentor statuses that end a mentor. */
export const TERMINAL_MENTOR_STATUSES = new Set([
  "PASSED",
  "COMMENTED",
  "FAILED",
  "DEAD",
  "KILLED",
]);
const SEVERITIES = new Set(["error", "warning", "suggestion"]);
const SNAPSHOT_LIMIT = 1024 * 1024;

/** One validated mentor comment. */
export interface MentorComment {
  focus_name: string;
  file_path: string;
  line_number: number;
  description: string;
  severity: "error" | "warning" | "suggestion";
}

/** The comments in a mentor's answer, or an error saying why it is not valid JSON output. */
export function parseMentorAnswer(text: string): MentorComment[] | { error: string } {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start === -1 || end <= start) return { error: "the answer holds no JSON object" };
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch (error) {
    return { error: `invalid JSON: ${error instanceof Error ? error.message : error}` };
  }
  const comments = (value as { comments?: unknown })?.comments;
  if (!Array.isArray(comments)) return { error: "the JSON object has no comments list" };
  for (const [index, comment] of comments.entries()) {
    const c = comment as Record<string, unknown>;
    const bad = typeof c?.focus_name !== "string"
      ? "focus_name"
      : typeof c.file_path !== "string"
      ? "file_path"
      : !Number.isInteger(c.line_number)
      ? "line_number"
      : typeof c.description !== "string"
      ? "description"
      : !SEVERITIES.has(String(c.severity))
      ? "severity"
      : null;
    if (bad) return { error: `comments[${index}].${bad} is missing or invalid` };
  }
  return comments as MentorComment[];
}

/** Whether every hook not marked `!` is ready for `entryId` (passed, or failed and handled). */
export function hooksReady(spec: ChangeSpec, entryId: string): boolean {
  return spec.hooks.every((hook) => {
    if (parseHookCommand(hook.command).skipFixHook) return true;
    const line = hook.statusLines.findLast((l) => l.commitEntryNum === entryId);
    // A failure is handled once it no longer carries the fix-hook hint and
    // no fix-hook agent works on it any more.
    return line !== undefined &&
      (line.status === "PASSED" ||
        (line.status === "FAILED" && line.suffixType !== "error" &&
          line.suffixType !== "running_agent"));
  });
}

function mentorDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  return `${Math.floor(total / 3600)}h${Math.floor((total % 3600) / 60)}m${total % 60}s`;
}

/** `profile[started/total] ...` for an entry's profiles and lines. */
function profilesText(
  profiles: readonly string[],
  lines: readonly MentorStatusLine[],
  byName: Map<string, MentorProfileConfig>,
): string {
  return profiles.map((name) => {
    const total = byName.get(name)?.mentors.length ?? 0;
    const started = lines.filter((line) => line.profileName === name).length;
    return `${name}[${started}/${total}]`;
  }).join(" ");
}

type LineUpdate = (lines: MentorStatusLine[]) => MentorStatusLine[];

/** Rewrite entry `entryId`'s MENTORS lines under the lock; resolves to what `update` decided. */
async function updateEntry(
  context: BuiltinChopContext,
  spec: ChangeSpec,
  entryId: string,
  byName: Map<string, MentorProfileConfig>,
  update: LineUpdate | { register: string[] },
): Promise<MentorStatusLine[]> {
  let result: MentorStatusLine[] = [];
  await context.store.mutate(projectRefOfFile(spec.filePath), (editors) => {
    const editor = editorHolding(editors, spec.name);
    const mentors: MentorEntry[] = [...editor.spec(spec.name).mentors];
    const index = mentors.findIndex((entry) => entry.entryId === entryId);
    if ("register" in update) {
      if (index !== -1) return;
      const entry = { entryId, profiles: update.register, profilesText: "", isDraft: false };
      mentors.push({
        ...entry,
        statusLines: [],
        profilesText: profilesText(entry.profiles, [], byName),
      });
    } else {
      if (index === -1) return;
      const entry = mentors[index];
      result = update([...entry.statusLines]);
      mentors[index] = {
        ...entry,
        statusLines: result,
        profilesText: profilesText(entry.profiles, result, byName),
      };
    }
    editor.replaceBlock(spec.name, "MENTORS", formatMentorsBlock(mentors));
  });
  return result;
}

function sameMentor(a: MentorStatusLine, profile: string, mentor: string): boolean {
  return a.profileName === profile && a.mentorName === mentor;
}

function replaceLine(
  profile: string,
  mentor: string,
  line: MentorStatusLine,
): LineUpdate {
  return (lines) => lines.map((l) => sameMentor(l, profile, mentor) ? line : l);
}

async function finishedLine(
  context: BuiltinChopContext,
  spec: ChangeSpec,
  entryId: string,
  line: MentorStatusLine,
  workspace: string | null,
): Promise<{ line: MentorStatusLine; comments: number } | null> {
  const { env } = context.app;
  const key = mentorKey(spec.filePath, spec.name, entryId, line.profileName, line.mentorName);
  const run = (await readAgentRuns(env, "mentors"))[key];
  const now = context.app.now();
  const stamp = saseTimestamp(now);
  const ended = (status: string, suffix: string | null = null) => ({
    ...line,
    status,
    timestamp: line.timestamp ?? stamp,
    duration: run && suffix === null
      ? mentorDuration((now.getTime() - Date.parse(run.started_at)) / 1000)
      : null,
    suffix,
    suffixType: suffix === null ? null : "error" as const,
  });
  if (!run) {
    // STARTING with no agent: the process that marked it died before launching.
    return { line: ended("DEAD", "no mentor agent was started"), comments: 0 };
  }
  const state = await agentRunState(run);
  if (state.kind === "running") return null;
  await writeAgentRun(env, "mentors", key, null);
  if (state.kind === "gone") {
    return { line: ended("DEAD", `mentor agent ${run.pid} is gone`), comments: 0 };
  }
  const parsed = state.outcome === "completed"
    ? parseMentorAnswer(state.reply)
    : { error: `the mentor agent ${state.outcome}` };
  const base = join(
    mentorsDir(env),
    `${spec.name}--${line.profileName}--${line.mentorName}--${stamp}`,
  );
  const comments = Array.isArray(parsed) ? parsed : [];
  await atomicWriteJson(`${base}.json`, {
    changespec: spec.name,
    project_file: spec.filePath,
    entry_id: entryId,
    profile: line.profileName,
    mentor: line.mentorName,
    status: Array.isArray(parsed) ? (comments.length ? "COMMENTED" : "PASSED") : "FAILED",
    error: Array.isArray(parsed) ? null : parsed.error,
    agent_dir: run.dir,
    created_at: now.toISOString(),
    comments,
  });
  const files: Record<string, string | null> = {};
  for (const path of new Set(comments.map((comment) => comment.file_path))) {
    const full = path.startsWith("/") || workspace === null ? path : join(workspace, path);
    files[path] = await readTextBounded(full, SNAPSHOT_LIMIT).catch(() => null);
  }
  if (comments.length) await atomicWriteJson(`${base}-files.json`, files);
  if (!Array.isArray(parsed)) return { line: ended("FAILED"), comments: 0 };
  return { line: ended(comments.length ? "COMMENTED" : "PASSED"), comments: comments.length };
}

async function startMentor(
  context: BuiltinChopContext,
  spec: ChangeSpec,
  entryId: string,
  profile: MentorProfileConfig,
  mentor: MentorProfileConfig["mentors"][number],
  workspace: string | null,
  workspaceRef: string | null,
  byName: Map<string, MentorProfileConfig>,
): Promise<string> {
  const { app, settings } = context;
  const names = [profile.profile_name, mentor.mentor_name] as const;
  // The race guard: only the process that adds STARTING goes on.
  let claimed = false;
  await updateEntry(context, spec, entryId, byName, (lines) => {
    if (lines.some((line) => sameMentor(line, ...names))) return lines;
    claimed = true;
    return [...lines, {
      profileName: names[0],
      mentorName: names[1],
      status: "STARTING",
      timestamp: null,
      duration: null,
      suffix: null,
      suffixType: null,
    }];
  });
  if (!claimed) return "already started elsewhere";
  const newest = spec.commits.filter((c) => c.proposalLetter === null).at(-1);
  const diff = newest?.diff?.replace(/^~\//, `${app.env.HOME ?? ""}/`) ?? "";
  const q = JSON.stringify;
  // The agent works in a workspace of the spec's project (a bare launch would use `#git:home`).
  const text = (workspaceRef ? `${workspaceRef} ` : "") +
    `#mentor(changespec=${q(spec.name)}, profile=${q(names[0])}, mentor=${q(names[1])}, ` +
    `role=${q(mentor.role)}, focus=${
      q(mentor.focus_areas.map((f) => `${f.focus_name}: ${f.description}`).join("; "))
    }, diff=${q(diff)})`;
  let launched: { pid: number; dir: string } | undefined;
  let failure = "";
  const slot = await withRunnerSlot(
    app.env,
    "agent",
    settings.maxAgentRunners,
    `mentor ${spec.name}:${names.join(":")}`,
    async () => {
      try {
        const outcome = await launchPrompt(app.at(workspace ?? app.cwd), {
          text,
          daemon: true,
          record: false,
        });
        launched = outcome.launched[0];
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      return launched?.pid ?? null;
    },
  );
  const stamp = saseTimestamp(app.now());
  if (slot === "full" || !launched) {
    // Not started after all: give the mentor back to a later tick (or record the failure).
    await updateEntry(
      context,
      spec,
      entryId,
      byName,
      (lines) =>
        slot === "full"
          ? lines.filter((line) => !sameMentor(line, ...names))
          : lines.map((line) =>
            sameMentor(line, ...names)
              ? {
                ...line,
                status: "FAILED",
                timestamp: stamp,
                suffix: failure.slice(0, 80).replace(/[()]/g, ""),
                suffixType: "error",
              }
              : line
          ),
    );
    return slot === "full" ? "waiting for an agent runner" : `failed to launch: ${failure}`;
  }
  const key = mentorKey(spec.filePath, spec.name, entryId, ...names);
  await writeAgentRun(app.env, "mentors", key, {
    key,
    pid: launched.pid,
    dir: launched.dir,
    started_at: app.now().toISOString(),
  });
  await updateEntry(
    context,
    spec,
    entryId,
    byName,
    replaceLine(names[0], names[1], {
      profileName: names[0],
      mentorName: names[1],
      status: "RUNNING",
      timestamp: stamp,
      duration: null,
      suffix: null,
      suffixType: null,
    }),
  );
  return `started (PID ${launched.pid})`;
}

async function notifyComplete(
  context: BuiltinChopContext,
  spec: ChangeSpec,
  entryId: string,
  summary: string,
): Promise<boolean> {
  const { env } = context.app;
  if (!await claimMentorsComplete(env, spec.filePath, spec.name, entryId, context.app.now())) {
    return false;
  }
  await createNotification(notificationsPath(env), {
    sender: "mentors",
    notes: [`Mentors complete for ${spec.name} (${entryId})`, summary],
    action: "JumpToChangeSpec",
    action_data: { changespec: spec.name, project_file: spec.filePath, entry_id: entryId },
  });
  return true;
}

const mentorChecks: BuiltinChop = async (context) => {
  const { app } = context;
  const profiles = await scopedProfiles(app);
  const byName = new Map(profiles.map((profile) => [profile.profile_name, profile]));
  const { filtered } = await context.changeSpecs();
  const log: string[] = [];
  const workspaceOf = projectWorkspaces(app.env);
  const workspaceRefOf = changeSpecWorkspaceRefs(app);
  // Entries whose notification went out are finished: most specs on most ticks.
  const notified = await notifiedEntries(app.env);
  for (const spec of filtered) {
    const regular = spec.commits.filter((commit) => commit.proposalLetter === null);
    if (regular.length === 0) continue;
    const entryId = String(Math.max(...regular.map((commit) => commit.number)));
    // A newer commit ends the mentors still running on older entries.
    for (const entry of spec.mentors.filter((e) => e.entryId !== entryId)) {
      const live = entry.statusLines.filter((l) =>
        l.status === "RUNNING" || l.status === "STARTING"
      );
      for (const line of live) {
        const key = mentorKey(
          spec.filePath,
          spec.name,
          entry.entryId,
          line.profileName,
          line.mentorName,
        );
        const run = (await readAgentRuns(app.env, "mentors"))[key];
        if (run) {
          signalProcessGroup(run.pid, "SIGTERM");
          await writeAgentRun(app.env, "mentors", key, null);
        }
        await updateEntry(
          context,
          spec,
          entry.entryId,
          byName,
          replaceLine(line.profileName, line.mentorName, {
            ...line,
            status: "KILLED",
            timestamp: line.timestamp ?? saseTimestamp(app.now()),
            suffix: `newer commit ${entryId}`,
            suffixType: "error",
          }),
        );
        log.push(
          `${spec.name}: ${line.profileName}:${line.mentorName} (${entry.entryId}) -> KILLED`,
        );
      }
    }
    if (!REVIEWABLE.has(baseStatus(spec.status))) continue;
    if (notified.has(completeKey(spec.filePath, spec.name, entryId))) continue;
    const ready = hooksReady(spec, entryId);
    const entry = spec.mentors.find((e) => e.entryId === entryId);
    if (!entry) {
      const matched = matchProfiles(profiles, spec, await reviewedCommits(spec, app.env))
        .filter((match) => match.matched)
        .map((match) => match.profile.profile_name);
      if (matched.length > 0) {
        await updateEntry(context, spec, entryId, byName, { register: matched });
        log.push(`${spec.name}: registered (${entryId}) ${matched.join(", ")}`);
      } else if (
        ready && await notifyComplete(context, spec, entryId, "no mentor profile matched")
      ) {
        log.push(`${spec.name}: (${entryId}) no profile matched; notified`);
      }
      continue;
    }
    const workspace = await workspaceOf(spec);
    for (const line of entry.statusLines) {
      if (line.status !== "RUNNING" && line.status !== "STARTING") continue;
      const finished = await finishedLine(context, spec, entryId, line, workspace);
      if (!finished) continue;
      await updateEntry(
        context,
        spec,
        entryId,
        byName,
        replaceLine(line.profileName, line.mentorName, finished.line),
      );
      log.push(
        `${spec.name}: ${line.profileName}:${line.mentorName} (${entryId}) -> ${finished.line.status} (${finished.comments} comment(s))`,
      );
    }
    if (ready) {
      for (const name of entry.profiles) {
        const profile = byName.get(name);
        for (const mentor of profile?.mentors ?? []) {
          if (entry.statusLines.some((l) => sameMentor(l, name, mentor.mentor_name))) continue;
          const said = await startMentor(
            context,
            spec,
            entryId,
            profile!,
            mentor,
            workspace,
            await workspaceRefOf(spec),
            byName,
          );
          log.push(`${spec.name}: ${name}:${mentor.mentor_name} (${entryId}) ${said}`);
        }
      }
    }
    const current = (await context.store.load(spec.filePath))?.specs
      .find((s) => s.name === spec.name)?.mentors.find((e) => e.entryId === entryId);
    const expected = (current?.profiles ?? []).reduce(
      (sum, name) => sum + (byName.get(name)?.mentors.length ?? 0),
      0,
    );
    const terminal = (current?.statusLines ?? []).filter((l) =>
      TERMINAL_MENTOR_STATUSES.has(l.status)
    );
    if (current && expected > 0 && terminal.length >= expected) {
      const counts = [...TERMINAL_MENTOR_STATUSES]
        .map((status) => [status, terminal.filter((l) => l.status === status).length] as const)
        .filter(([, n]) => n > 0).map(([status, n]) => `${n} ${status}`).join(", ");
      if (await notifyComplete(context, spec, entryId, counts)) {
        log.push(`${spec.name}: (${entryId}) mentors complete; notified`);
      }
    }
  }
  await context.log(
    `mentor_checks: changespecs=${filtered.length} profiles=${profiles.length} updates=${log.length}`,
  );
  if (log.length === 0) await context.log("no-op: no mentor to register, start or complete");
  for (const line of log.slice(0, 10)) await context.log(line);
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { mentor_checks: mentorChecks };
