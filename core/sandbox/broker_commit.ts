/**
 * A jailed agent's `sase commit`, as the broker (`broker.ts`) carries it
 * out: outside the jail, where the user's network and credentials can push
 * and `SASE_HOME` is writable. What keeps that safe is decided here, before
 * anything runs:
 *
 * - Only the flags an agent needs (`-m -M -f -n -B -p -s -t -r -j`), each
 *   re-emitted as `--long=value` so the command line parser sees exactly
 *   what was checked; no `-v` (the provider is the one sase detects), no
 *   `-c` (a revision handed to git), no value that starts with `-`.
 * - It runs from the run's workspace: the working directory resolves
 *   (symlinks followed) inside it, no `.git`/`.hg` lies between it and the
 *   workspace (git would take that nested checkout's config), and the
 *   workspace's `.git` is still the one the run's first attempt found
 *   (the same directory, no `commondir` redirecting git elsewhere), whose
 *   hooks and config the jail kept read-only. The broker checks with the
 *   run's processes paused, so nothing changes it before git runs.
 * - `-M`'s file resolves inside the run's writable paths, and its text is
 *   the one the jailed side read (so a symlink swapped in later reaches
 *   nothing the jail hides); each `-f` path stays inside the workspace.
 * - git runs with `core.fsmonitor` off and submodules ignored (see
 *   {@linkcode GIT_PINS}); the commit's `precommit_command` runs jailed
 *   (`core/commit/lifecycle.ts`), its checkpoint lives under `SASE_HOME`.
 *
 * @module
 */

import { dirname, isAbsolute, join, relative, resolve } from "../fs/path.ts";

/** The variable that tells `sase commit` it runs for a jailed agent (set by the broker only). */
export const BROKERED_COMMIT_ENV = "SASE_BROKERED_COMMIT";

/**
 * git settings a brokered commit forces through `GIT_CONFIG_PARAMETERS`
 * (which git hands on to the git it starts in a nested repository): a
 * `core.fsmonitor` set in a repository the agent made inside the workspace
 * would otherwise run as a program, and submodule checks start git in
 * directories whose configuration the agent could write.
 */
export const GIT_PINS: readonly string[] = ["core.fsmonitor=false", "diff.ignoreSubmodules=all"];

/** The most a brokered commit message may hold. */
export const MESSAGE_LIMIT = 256 * 1024;

interface FlagSpec {
  long: string;
  short: string;
  value: boolean;
}

const FLAGS: readonly FlagSpec[] = [
  { long: "message", short: "m", value: true },
  { long: "message-file", short: "M", value: true },
  { long: "file", short: "f", value: true },
  { long: "name", short: "n", value: true },
  { long: "bug-id", short: "B", value: true },
  { long: "parent", short: "p", value: true },
  { long: "status", short: "s", value: true },
  { long: "type", short: "t", value: true },
  { long: "resume", short: "r", value: false },
  { long: "json", short: "j", value: false },
];

/** A brokered `sase commit` command line, parsed. */
export interface CommitArgs {
  /** Each flag given, by long name, in order (`-f` repeats). */
  flags: [string, string | true][];
}

/** Parse `sase commit ...` (`args[0]` is `commit`): the flags, or why they cannot be brokered. */
export function parseCommitArgs(args: readonly string[]): CommitArgs | string {
  const flags: [string, string | true][] = [];
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const long = /^--([a-z-]+)(?:=([\s\S]*))?$/.exec(arg);
    const short = /^-([A-Za-z])$/.exec(arg);
    const spec = long
      ? FLAGS.find((flag) => flag.long === long[1])
      : short
      ? FLAGS.find((flag) => flag.short === short[1])
      : undefined;
    if (!spec) return `\`${arg}\` is not a flag a jailed agent's \`sase commit\` may pass`;
    if (!spec.value) {
      if (long?.[2] !== undefined) return `--${spec.long} takes no value`;
      flags.push([spec.long, true]);
      continue;
    }
    const value = long?.[2] ?? args[++i];
    if (value === undefined) return `--${spec.long} needs a value`;
    if (spec.long !== "message" && value.startsWith("-")) {
      return `--${spec.long} ${value}: a value may not start with '-'`;
    }
    flags.push([spec.long, value]);
  }
  return { flags };
}

/** The values of `flag` in `args`. */
export function flagValues(args: CommitArgs, flag: string): string[] {
  return args.flags.flatMap(([name, value]) => name === flag && value !== true ? [value] : []);
}

/** The command line the broker runs: every flag as `--long=value`, `-M` replaced by `messageFile`. */
export function canonicalCommitArgv(args: CommitArgs, messageFile: string | undefined): string[] {
  return [
    "commit",
    ...args.flags.map(([name, value]) => {
      if (value === true) return `--${name}`;
      return `--${name}=${name === "message-file" ? messageFile : value}`;
    }),
  ];
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

async function realPath(path: string): Promise<string | undefined> {
  return await Deno.realPath(path).catch(() => undefined);
}

/** The nearest existing ancestor of `path` (itself when it exists), resolved. */
async function existingReal(path: string): Promise<string | undefined> {
  for (let current = path;; current = dirname(current)) {
    const real = await realPath(current);
    if (real !== undefined || current === dirname(current)) return real;
  }
}

/** What the broker remembers of the workspace's `.git` from before the run's agent ran. */
export interface GitIdentity {
  dev: number | null;
  ino: number | null;
  directory: boolean;
  commondir: boolean;
}

/** The identity of `workspace`'s `.git` (null when it has none). */
export async function gitIdentity(workspace: string): Promise<GitIdentity | null> {
  const info = await Deno.lstat(join(workspace, ".git")).catch(() => undefined);
  if (!info) return null;
  const commondir = info.isDirectory &&
    await Deno.lstat(join(workspace, ".git", "commondir")).then(() => true, () => false);
  return { dev: info.dev, ino: info.ino, directory: info.isDirectory, commondir };
}

/** What {@linkcode commitRefusal} checks against. */
export interface CommitScope {
  /** The run's workspace (the jail's working directory). */
  workspace: string;
  /** The run's writable paths (where `-M` may be). */
  writable: readonly string[];
  /** The workspace's `.git` when the run's first attempt started. */
  git: GitIdentity | null;
}

/** Why the brokered commit from `cwd` with `args` may not run, or undefined when it may. */
export async function commitRefusal(
  args: CommitArgs,
  cwd: string,
  message: unknown,
  scope: CommitScope,
): Promise<string | undefined> {
  const workspace = await realPath(scope.workspace);
  const here = await realPath(cwd);
  if (!workspace || !here || !within(here, workspace)) {
    return `it runs from ${cwd}, outside the run's workspace ${scope.workspace}`;
  }
  for (let dir = here; dir !== workspace; dir = dirname(dir)) {
    for (const name of [".git", ".hg"]) {
      if (await Deno.lstat(join(dir, name)).then(() => true, () => false)) {
        return `${join(dir, name)} is a checkout the agent made inside the workspace`;
      }
    }
  }
  const now = await gitIdentity(workspace);
  if (JSON.stringify(now) !== JSON.stringify(scope.git)) {
    return `${join(workspace, ".git")} is not the one the run started with`;
  }
  const messageFiles = flagValues(args, "message-file");
  if (messageFiles.length > 1) return "-M/--message-file is given more than once";
  if (messageFiles.length === 1) {
    const path = resolve(here, messageFiles[0]);
    const real = await realPath(path);
    if (real === undefined) return `the message file ${path} does not exist`;
    const roots = (await Promise.all(scope.writable.map(realPath)))
      .filter((root): root is string => root !== undefined);
    if (!roots.some((root) => within(real, root))) {
      return `the message file ${path} is outside the run's writable paths`;
    }
    if (typeof message !== "string" || message.length > MESSAGE_LIMIT) {
      return "the request does not carry the message file's text";
    }
  }
  for (const file of flagValues(args, "file")) {
    if (file === "" || file.startsWith(":")) return `-f ${file}: not a path`;
    const path = resolve(here, file);
    const rel = relative(workspace, path);
    // The last name is git's to take as it is (a symbolic link is committed, not followed).
    const real = await existingReal(dirname(path));
    if (
      isAbsolute(rel) || rel.startsWith("..") || rel === ".git" || rel.startsWith(".git/") ||
      !real || !within(real, workspace)
    ) {
      return `-f ${file} is outside the run's workspace`;
    }
  }
  return undefined;
}

/** `env` with {@linkcode GIT_PINS} added to any `GIT_CONFIG_PARAMETERS` it has. */
export function pinnedGitEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  const pins = GIT_PINS.map((pin) => `'${pin}'`).join(" ");
  const given = env.GIT_CONFIG_PARAMETERS?.trim();
  return { ...env, GIT_CONFIG_PARAMETERS: given ? `${given} ${pins}` : pins };
}
