/**
 * One background run of a ChangeSpec hook (handbook 8.2.10): the command
 * (without its `!`/`$` prefixes) runs detached in its own process group in
 * the project's workspace, confined like a workflow step (the workspace and
 * the run's own directory writable; see `../confine.ts`), its output in a
 * log file and its exit status written, when it ends, next to it by a
 * small unconfined shell around it (the jail hides `SASE_HOME`, where
 * these files live, from the hook). The files are named after the
 * ChangeSpec, the COMMITS entry, the drawer's timestamp and the command, so
 * the drawer line `| (N) [ts] RUNNING - ($: pid)` alone finds them again.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { definedEnv, type Env } from "../../config/paths.ts";
import { sha256Hex } from "../../text/sha256.ts";
import type { CommandConfiner } from "../../sandbox/command.ts";
import { spawnDetached } from "../detached.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";
import { axeDir } from "../paths.ts";

/** A hook command's prefixes and the command they prefix. */
export interface HookCommand {
  /** `!`: a failure gets no fix-hook hint (and starts no fix-hook agent). */
  skipFixHook: boolean;
  /** `$`: not run for proposal entries and not counted by `max_hook_runners`. */
  unlimited: boolean;
  /** The shell command to run. */
  command: string;
}

/** Split the `!`/`$` prefixes (in any order, combined) off a HOOKS command. */
export function parseHookCommand(text: string): HookCommand {
  const match = /^([!$]*)(.*)$/.exec(text.trim())!;
  return {
    skipFixHook: match[1].includes("!"),
    unlimited: match[1].includes("$"),
    command: match[2].trim(),
  };
}

/** The files of one hook run. */
export interface HookRunFiles {
  log: string;
  exit: string;
  /** The run's own directory (its `sandbox.json`; writable by the hook). */
  runDir: string;
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, "_");
}

/** The files of the run of `command` for entry `entryId`, started at `timestamp`. */
export function hookRunFiles(
  env: Env,
  project: string,
  spec: string,
  entryId: string,
  timestamp: string,
  command: string,
): HookRunFiles {
  const dir = join(axeDir(env), "hooks", safe(project), safe(spec));
  const stem = `${safe(entryId)}-${timestamp}-${sha256Hex(command).slice(0, 10)}`;
  return {
    log: join(dir, `${stem}.log`),
    exit: join(dir, `${stem}.exit`),
    runDir: join(dir, `${stem}.run`),
  };
}

/**
 * Start `command` confined and detached in `cwd`; resolves to its pid (its
 * process group). The jail is released when the command ends.
 */
export async function startHookRun(
  env: Env,
  cwd: string,
  command: string,
  files: HookRunFiles,
  confine: CommandConfiner,
): Promise<number> {
  await Deno.mkdir(files.runDir, { recursive: true });
  const prepared = await confine({
    argv: ["bash", "-c", command],
    cwd,
    env: definedEnv(env),
    runEnv: [],
    runDir: files.runDir,
  });
  try {
    // The exit status appears atomically (rename), only once the command ended; its jail is
    // released then.
    return spawnDetached({
      script: '"$@" > "$SASE_HOOK_LOG" 2>&1; ' +
        'echo $? > "$SASE_HOOK_EXIT.tmp"; mv "$SASE_HOOK_EXIT.tmp" "$SASE_HOOK_EXIT"',
      name: "sase-hook",
      argv: prepared.argv,
      cwd,
      env: {
        PATH: env.PATH ?? "/usr/bin:/bin",
        ...prepared.env,
        SASE_HOOK_LOG: files.log,
        SASE_HOOK_EXIT: files.exit,
      },
    }, async () => await prepared[Symbol.asyncDispose]());
  } catch (error) {
    await prepared[Symbol.asyncDispose]();
    throw error;
  }
}

/** How a finished run ended, or null while it has no exit status. */
export async function hookRunExit(
  files: HookRunFiles,
): Promise<{ code: number; endedAt: Date } | null> {
  try {
    const text = await readTextBounded(files.exit, READ_LIMITS.record);
    const info = await Deno.stat(files.exit);
    const code = Number(text.trim());
    return { code: Number.isInteger(code) ? code : 1, endedAt: info.mtime ?? new Date() };
  } catch {
    return null;
  }
}
