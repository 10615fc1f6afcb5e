/**
 * Background checks (handbook 5.4.1 and 5.4.4): a chop starts a provider's
 * query (a change's reviewer comments) as a detached process, and
 * `pending_checks_poll` picks up its result on a later tick, so a slow
 * review server never holds a lumberjack's tick. A check is one file under
 * `~/.sase/axe/checks/`, `<changespec>-<type>-<YYmmdd_HHMMSS>.txt`: the
 * command's stdout, then, once it ended, the line
 * `===CHECK_COMPLETE=== EXIT_CODE: <n>`; its stderr goes to the same name
 * with `.err`. A file without that line is pending, and one still pending
 * after {@linkcode ORPHAN_SECONDS} belongs to a check that died.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { definedEnv, type Env } from "../config/paths.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { axeDir } from "./paths.ts";
import { spawnDetached } from "./detached.ts";

/** The kinds of background check. */
export type CheckType = "reviewer_comments";

/** The line that ends a finished check's output. */
export const CHECK_COMPLETE_MARKER = "===CHECK_COMPLETE=== ";

/** A check pending longer than this (seconds) is an orphan: its process is gone. */
export const ORPHAN_SECONDS = 180;

/** One check file. */
export interface PendingCheck {
  /** The ChangeSpec name as it appears in the file name. */
  safeName: string;
  type: CheckType;
  timestamp: string;
  path: string;
}

/** A check's result, once it ended. */
export interface CheckResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const FILE = /^(.+)-(reviewer_comments)-(\d{6}_\d{6})\.txt$/;

/** Where the checks are. */
export function checksDir(env: Env): string {
  return join(axeDir(env), "checks");
}

/** A ChangeSpec name as check file names carry it. */
export function safeCheckName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}

/** Every check file, in name order. */
export async function listChecks(env: Env): Promise<PendingCheck[]> {
  const found: PendingCheck[] = [];
  const dir = checksDir(env);
  try {
    for await (const entry of Deno.readDir(dir)) {
      const match = entry.isFile ? FILE.exec(entry.name) : null;
      if (!match) continue;
      found.push({
        safeName: match[1],
        type: match[2] as CheckType,
        timestamp: match[3],
        path: join(dir, entry.name),
      });
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** Start `argv` in `cwd` as the check `type` of ChangeSpec `name`; resolves to its file. */
export async function startCheck(
  env: Env,
  name: string,
  type: CheckType,
  timestamp: string,
  argv: readonly string[],
  cwd: string,
): Promise<string> {
  await Deno.mkdir(checksDir(env), { recursive: true });
  const path = join(checksDir(env), `${safeCheckName(name)}-${type}-${timestamp}.txt`);
  // The file exists from the start: the check is pending until its marker line.
  await Deno.writeTextFile(path, "", { createNew: true });
  spawnDetached({
    script: '"$@" >> "$SASE_CHECK_OUTPUT" 2> "$SASE_CHECK_OUTPUT.err"; code=$?; ' +
      `printf '\\n${CHECK_COMPLETE_MARKER}EXIT_CODE: %s\\n' "$code" >> "$SASE_CHECK_OUTPUT"`,
    name: "sase-check",
    argv,
    cwd,
    env: { ...definedEnv(env), SASE_CHECK_OUTPUT: path },
  });
  return path;
}

/** The result of `check`, or null while it runs. */
export async function checkResult(check: PendingCheck): Promise<CheckResult | null> {
  const content = await readTextBounded(check.path, READ_LIMITS.document).catch(() => null);
  if (content === null) return null;
  const at = content.lastIndexOf(CHECK_COMPLETE_MARKER);
  if (at < 0) return null;
  const code = /^EXIT_CODE: (\d+)/.exec(content.slice(at + CHECK_COMPLETE_MARKER.length));
  const stderr = await readTextBounded(`${check.path}.err`, READ_LIMITS.record).catch(() => "");
  return {
    exitCode: code ? Number(code[1]) : 1,
    // The wrapper's newline before the marker is not the command's.
    stdout: content.slice(0, at).replace(/\n$/, ""),
    stderr,
  };
}

/** Remove a check's files. */
export async function removeCheck(check: PendingCheck): Promise<void> {
  await Deno.remove(check.path).catch(() => {});
  await Deno.remove(`${check.path}.err`).catch(() => {});
}

/** Whether `check` has been pending longer than {@linkcode ORPHAN_SECONDS} at `now`. */
export async function isOrphan(check: PendingCheck, now: Date): Promise<boolean> {
  const info = await Deno.stat(check.path).catch(() => null);
  const modified = info?.mtime?.getTime();
  return modified !== undefined && (now.getTime() - modified) / 1000 > ORPHAN_SECONDS;
}
