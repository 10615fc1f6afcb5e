/**
 * Claude tool-call hooks for the length of a run (handbook 21.5.5): sase
 * adds a PreToolUse and a PostToolUse entry (`matcher: "*"`) running `sase
 * __claude-tool-hook` to the workspace's `.claude/settings.local.json`, and
 * takes them out again afterwards.
 *
 * The file belongs to the user, so:
 * - every command sase adds carries `_sase_managed: "tool-call-collector"`
 *   and `_sase_run: <run id>`; cleanup removes only those, never user or
 *   project hooks (nor hooks of other events such as `Notification`);
 * - writes are temp file + rename; a malformed file is left alone, the run
 *   records a `claude_hooks_skipped` diagnostic, and the stream-derived rows
 *   stand in for hook rows;
 * - the file (and `.claude/`) is removed at the end only when sase made it,
 *   i.e. it held nothing but sase hooks, and nothing else is left in it.
 *
 * Several runs may share a workspace. Read-modify-write happens under a lock
 * kept in sase's cache directory (not in `.claude/`, which must be left
 * clean), each run removes only its own entries, and each run holds a lease
 * so a later run can also drop the entries of runs that crashed.
 *
 * @module
 */

import { join, resolve } from "../../core/fs/path.ts";
import { atomicWriteJson } from "../../core/fs/atomic_write.ts";
import { withFileLock } from "../../core/fs/lock.ts";
import { appendToolCallDiagnostic } from "../../core/agent/records/tool_call_log.ts";
import type { PreparedRun, RunContext } from "../../core/provider.ts";
import { saseShellCommand } from "../../core/self_command.ts";
import { acquireLease, leaseHeld, saseCacheDir } from "./run_cache.ts";
import { READ_LIMITS, readTextBounded } from "../../core/fs/bounded_read.ts";

/** The field marking a hook command as sase's. */
export const SASE_HOOK_SENTINEL = "_sase_managed";
/** The sentinel's value on tool-call collector hooks. */
export const SASE_HOOK_SENTINEL_VALUE = "tool-call-collector";
/** The field naming the run that added a hook command. */
export const SASE_HOOK_RUN = "_sase_run";
/** The Claude events sase hooks. */
export const SASE_HOOK_EVENTS = ["PreToolUse", "PostToolUse"] as const;
/** Seconds Claude waits for the collector. */
const HOOK_TIMEOUT_SECONDS = 10;
/** Variables naming a sase-managed workspace; without them a launch in `HOME` is home mode. */
const WORKSPACE_ENV = [
  "SASE_GIT_WORKSPACE_DIR",
  "SASE_CD_WORKSPACE_DIR",
  "SASE_ACTIVE_PROJECT_DIR",
];

/** Claude settings as a JSON object. */
export type ClaudeSettings = Record<string, unknown>;

/** `<cwd>/.claude/settings.local.json`. */
export function claudeSettingsPath(cwd: string): string {
  return join(cwd, ".claude", "settings.local.json");
}

/** The shell command Claude runs for each hook: this sase, `__claude-tool-hook`. */
export function claudeHookCommand(): string {
  return `${saseShellCommand()} __claude-tool-hook`;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

function isSaseCommand(value: unknown): boolean {
  return asObject(value)?.[SASE_HOOK_SENTINEL] === SASE_HOOK_SENTINEL_VALUE;
}

/** The run id on a sase hook command (`""` for entries without one). */
function runOf(value: unknown): string {
  const run = asObject(value)?.[SASE_HOOK_RUN];
  return typeof run === "string" ? run : "";
}

/** The run ids of every sase hook in `settings`. */
export function saseHookRuns(settings: ClaudeSettings): Set<string> {
  const runs = new Set<string>();
  const hooks = asObject(settings.hooks);
  for (const event of SASE_HOOK_EVENTS) {
    const bucket = hooks?.[event];
    if (!Array.isArray(bucket)) continue;
    for (const matcher of bucket) {
      const inner = asObject(matcher)?.hooks;
      if (!Array.isArray(inner)) continue;
      for (const command of inner) if (isSaseCommand(command)) runs.add(runOf(command));
    }
  }
  return runs;
}

/**
 * `settings` plus one sase matcher entry per hooked event for `run`, or
 * `undefined` when the file's `hooks` are shaped so that adding ours would
 * mean rewriting the user's (not an object, an event that is not a list).
 */
export function addSaseHooks(
  settings: ClaudeSettings,
  command: string,
  run: string,
): ClaudeSettings | undefined {
  const next = structuredClone(settings);
  if (next.hooks === undefined) next.hooks = {};
  const hooks = asObject(next.hooks);
  if (!hooks) return undefined;
  for (const event of SASE_HOOK_EVENTS) {
    if (hooks[event] === undefined) hooks[event] = [];
    const bucket = hooks[event];
    if (!Array.isArray(bucket)) return undefined;
    bucket.push({
      matcher: "*",
      hooks: [{
        type: "command",
        command,
        timeout: HOOK_TIMEOUT_SECONDS,
        [SASE_HOOK_SENTINEL]: SASE_HOOK_SENTINEL_VALUE,
        [SASE_HOOK_RUN]: run,
      }],
    });
  }
  return next;
}

/**
 * `settings` without the sase hook commands whose run `remove` selects. A
 * matcher entry, event list or `hooks` object emptied by the removal goes
 * too; everything else, including containers that were already empty, is
 * kept as it was.
 */
export function removeSaseHooks(
  settings: ClaudeSettings,
  remove: (run: string) => boolean,
): ClaudeSettings {
  const next = structuredClone(settings);
  const hooks = asObject(next.hooks);
  if (!hooks) return next;
  const doomed = (command: unknown) => isSaseCommand(command) && remove(runOf(command));
  let emptied = false;
  for (const event of SASE_HOOK_EVENTS) {
    const bucket = hooks[event];
    if (!Array.isArray(bucket)) continue;
    let touched = false;
    const kept = bucket.flatMap((matcher) => {
      const entry = asObject(matcher);
      const inner = entry?.hooks;
      if (!entry || !Array.isArray(inner) || !inner.some(doomed)) return [matcher];
      touched = true;
      const rest = inner.filter((command) => !doomed(command));
      return rest.length > 0 ? [{ ...entry, hooks: rest }] : [];
    });
    if (!touched) continue;
    if (kept.length > 0) hooks[event] = kept;
    else {
      delete hooks[event];
      emptied = true;
    }
  }
  if (emptied && Object.keys(hooks).length === 0) delete next.hooks;
  return next;
}

/** True when `settings` holds sase hooks and nothing else: a file sase created. */
export function onlySaseHooks(settings: ClaudeSettings): boolean {
  return saseHookRuns(settings).size > 0 &&
    Object.keys(removeSaseHooks(settings, () => true)).length === 0;
}

type SettingsRead =
  | { kind: "missing" }
  | { kind: "malformed"; error: string }
  | { kind: "ok"; value: ClaudeSettings };

async function readSettings(path: string): Promise<SettingsRead> {
  let text: string;
  try {
    text = await readTextBounded(path, READ_LIMITS.config);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { kind: "missing" };
    throw error;
  }
  try {
    const value = asObject(JSON.parse(text));
    return value ? { kind: "ok", value } : { kind: "malformed", error: "not a JSON object" };
  } catch (error) {
    return { kind: "malformed", error: error instanceof Error ? error.message : String(error) };
  }
}

async function dirEntries(dir: string): Promise<string[] | undefined> {
  try {
    return (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Runs with hooks in `settings` that are over: `own`, and any whose lease nobody holds. */
async function finishedRuns(settings: ClaudeSettings, leases: string, own: string) {
  const done = new Set<string>([own]);
  for (const run of saseHookRuns(settings)) {
    if (run === "" || !(await leaseHeld(leases, run))) done.add(run);
  }
  return done;
}

function isHomeMode(context: RunContext): boolean {
  if (WORKSPACE_ENV.some((name) => context.env[name])) return false;
  const home = context.env.HOME;
  return home !== undefined && resolve(home) === resolve(context.cwd);
}

const NOTHING: PreparedRun = { cleanup: () => Promise.resolve() };

/** Where one run's hook state lives. */
interface HookSite {
  settings: string;
  dir: string;
  leases: string;
  /** The lock serialising every run's edits of `settings`. */
  lock: string;
}

/** The first 16 hex digits of the SHA-256 of `text` (Web Crypto: no `node:crypto` to load). */
async function shortSha256(text: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  return Array.from(bytes.subarray(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function siteFor(context: RunContext): Promise<HookSite> {
  const settings = claudeSettingsPath(resolve(context.cwd));
  const leases = join(saseCacheDir(context.env), "claude_hooks");
  const digest = await shortSha256(settings);
  return { settings, dir: join(settings, ".."), leases, lock: join(leases, `settings-${digest}`) };
}

/** Remove `run`'s hooks (and crashed runs'), deleting the file and dir when sase owns them. */
async function uninstall(
  site: HookSite,
  run: string,
  owns: { file: boolean; dir: boolean },
  artifactsDir: string,
): Promise<void> {
  await withFileLock(site.lock, async () => {
    const current = await readSettings(site.settings);
    if (current.kind === "missing") return;
    if (current.kind === "malformed") {
      await appendToolCallDiagnostic(artifactsDir, "claude_hooks_restore_skipped", {
        mode: "settings_file_malformed_on_restore",
        settings_path: site.settings,
        error: current.error,
      });
      return;
    }
    const done = await finishedRuns(current.value, site.leases, run);
    const next = removeSaseHooks(current.value, (id) => done.has(id));
    if (Object.keys(next).length === 0 && owns.file) {
      await Deno.remove(site.settings);
      // Non-recursive: fails, as it should, if anything else is in `.claude/`.
      if (owns.dir) await Deno.remove(site.dir).catch(() => {});
      return;
    }
    if (JSON.stringify(next) !== JSON.stringify(current.value)) {
      await atomicWriteJson(site.settings, next);
    }
  });
}

/**
 * Install the run's tool hooks in `<cwd>/.claude/settings.local.json`.
 * Never fails the run: when the hooks cannot be installed (home mode, a
 * malformed, unreadable or unwritable file) it records why in the run's
 * `tool_calls_writer_errors.jsonl` and returns a preparation that does
 * nothing. `cleanup` never throws either.
 */
export async function installClaudeHooks(context: RunContext): Promise<PreparedRun> {
  const diagnose = (mode: string, extra: Record<string, unknown> = {}) =>
    appendToolCallDiagnostic(context.artifactsDir, "claude_hooks_skipped", { mode, ...extra });
  if (isHomeMode(context)) {
    await diagnose("home_mode_or_no_workspace", { workspace_dir: context.cwd });
    return NOTHING;
  }
  const run = crypto.randomUUID();
  let release = () => Promise.resolve();
  try {
    const site = await siteFor(context);
    const lease = await acquireLease(site.leases, run);
    release = () => lease.release();
    const owns = await withFileLock(site.lock, async () => {
      const current = await readSettings(site.settings);
      if (current.kind === "malformed") {
        await diagnose("settings_file_malformed", {
          settings_path: site.settings,
          error: current.error,
        });
        return undefined;
      }
      const existing = current.kind === "ok" ? current.value : {};
      const merged = addSaseHooks(existing, claudeHookCommand(), run);
      if (!merged) {
        await diagnose("settings_hooks_unmergeable", { settings_path: site.settings });
        return undefined;
      }
      const ownsFile = current.kind === "missing" || onlySaseHooks(existing);
      const entries = await dirEntries(site.dir);
      const ownsDir = entries === undefined ||
        (ownsFile && entries.every((name) => name === "settings.local.json"));
      await atomicWriteJson(site.settings, merged);
      return { file: ownsFile, dir: ownsDir };
    });
    if (!owns) {
      await release();
      return NOTHING;
    }
    let cleaned = false;
    return {
      async cleanup() {
        if (cleaned) return;
        cleaned = true;
        try {
          await uninstall(site, run, owns, context.artifactsDir);
        } catch (error) {
          await appendToolCallDiagnostic(context.artifactsDir, "claude_hooks_restore_failed", {
            settings_path: site.settings,
            error: error instanceof Error ? error.message : String(error),
          });
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await release();
    await diagnose("settings_file_inaccessible", {
      settings_path: claudeSettingsPath(resolve(context.cwd)),
      error: error instanceof Error ? error.message : String(error),
    });
    return NOTHING;
  }
}
