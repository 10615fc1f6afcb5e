/**
 * The broker: the `sase` commands a jailed agent is meant to run that change
 * state outside its workspace and run directory, run by the trusted runner
 * on the agent's behalf: `sase plan propose` (files a plan and a
 * notification under `SASE_HOME`), `sase questions notify` (posts the
 * notification of a question the agent wrote in its run directory), the
 * audited `sase memory read`, `sase memory write` and `sase skill use`
 * (their audit rows and proposals live under `SASE_HOME`) and `sase commit`
 * (writes `SASE_HOME` and pushes with the user's credentials).
 *
 * The channel is a directory in the run's artifact directory, which both
 * sides can write: the agent's `sase` (see `broker_client.ts`) drops
 * `<id>.request.json` there and waits for `<id>.response.json`. The runner
 * serves it while an attempt runs, one request at a time, and only for the
 * commands in {@linkcode BROKERED_COMMANDS}, started from inside the run's
 * writable paths. Every command but `sase commit` runs in a jail of its
 * own: the agent's, with `SASE_HOME` readable and writable, so whatever path the
 * agent names (or swaps a symlink under) still cannot reach its secrets.
 * `sase commit` must reach the network and the user's keys, so it runs
 * outside any jail, after the stricter checks of `broker_commit.ts`, with
 * every process of the run in the jail paused from before those checks
 * until it ends.
 *
 * Commands that start agents (`sase run`, `sase bead work`) are not
 * brokered: whatever a jail starts ends with it.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { saseHome } from "../config/paths.ts";
import { reserveEntry } from "./entry.ts";
import { confine } from "./jail.ts";
import type { JailPolicy } from "./policy.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { signalProcessGroup } from "../agent/run/process.ts";
import { pauseRunProcesses } from "../agent/identity/run_processes.ts";
import {
  BROKERED_COMMIT_ENV,
  canonicalCommitArgv,
  type CommitArgs,
  commitRefusal,
  type GitIdentity,
  parseCommitArgs,
  pinnedGitEnv,
} from "./broker_commit.ts";

/** The run directory's subdirectory the broker serves. */
export const BROKER_DIR = "broker";

/** The variable that tells a jailed `sase` where its broker listens. */
export const BROKER_ENV = "SASE_BROKER";

/** The commands the broker runs, by their leading words (`sase plan propose ...`). */
export const BROKERED_COMMANDS: readonly (readonly string[])[] = [
  ["plan", "propose"],
  ["commit"],
  ["questions", "notify"],
  ["memory", "read"],
  ["memory", "write"],
  ["skill", "use"],
];

/** What a jailed `sase` asks the broker. */
export interface BrokerRequest {
  argv: string[];
  cwd: string;
  /** `sase commit -M FILE`: the file's text, as the jailed side could read it. */
  message?: string;
}

/** What the broker answers. */
export interface BrokerResponse {
  code: number;
  stdout: string;
  stderr: string;
}

const REQUEST = /^([0-9a-f-]{36})\.request\.json$/;
const OUTPUT_LIMIT = 64 * 1024;
const MAX_ARGS = 64;
const MAX_ARG_LENGTH = 4096;
/** A brokered command that runs longer than this is stopped. */
const COMMAND_TIMEOUT_MS = 10 * 60_000;

/** True when `args` is a brokered command line. */
export function isBrokered(args: readonly string[]): boolean {
  return BROKERED_COMMANDS.some((words) => words.every((word, i) => args[i] === word));
}

function isCommit(argv: readonly string[]): boolean {
  return argv[0] === "commit";
}

/** The request file of `id` in the broker directory `dir`. */
export function requestPath(dir: string, id: string): string {
  return join(dir, `${id}.request.json`);
}

/** The response file of `id` in the broker directory `dir`. */
export function responsePath(dir: string, id: string): string {
  return join(dir, `${id}.response.json`);
}

function within(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(`${root}/`));
}

async function realPath(path: string): Promise<string | undefined> {
  return await Deno.realPath(path).catch(() => undefined);
}

/** Why `request` may not run, or undefined when it may. */
export async function refusal(
  request: unknown,
  roots: readonly string[],
): Promise<string | undefined> {
  const value = request as Partial<BrokerRequest> | null;
  const argv = value?.argv;
  if (
    !Array.isArray(argv) || argv.length > MAX_ARGS ||
    argv.some((arg) => typeof arg !== "string" || arg.length > MAX_ARG_LENGTH) ||
    typeof value?.cwd !== "string"
  ) {
    return "a malformed request";
  }
  if (!isBrokered(argv)) {
    return `only ${BROKERED_COMMANDS.map((words) => `\`sase ${words.join(" ")}\``).join(", ")} ` +
      "can run outside the jail";
  }
  if (value.message !== undefined && typeof value.message !== "string") {
    return "a malformed request";
  }
  const realRoots = (await Promise.all(roots.map(realPath)))
    .filter((root): root is string => root !== undefined);
  const cwd = await realPath(value.cwd);
  if (!cwd || !within(cwd, realRoots)) return `it runs from ${value.cwd}, outside the run's paths`;
  return undefined;
}

/** Options of {@linkcode serveBroker}. */
export interface BrokerOptions {
  /** The directory to serve (created; removed when the broker stops). */
  dir: string;
  /** The confined agent's policy: brokered commands run under it, with `SASE_HOME` opened. */
  policy: JailPolicy;
  /** The environment sase gives the agent (brokered commands get it, filtered by the policy). */
  env: Readonly<Record<string, string>>;
  /** The command line that runs `sase` (`saseCommand()`). */
  sase: readonly string[];
  /** The run's workspace: a brokered `sase commit` runs only from inside it. */
  workspace: string;
  /** The run's artifact directory: its processes are paused while a `sase commit` is brokered. */
  runDir: string;
  /**
   * The workspace's `.git` as the run found it (`gitIdentity` when its first
   * attempt started): what a brokered commit must still find. Taken once per
   * run, so that an attempt that swapped it cannot make its swap the next
   * attempt's baseline.
   */
  git: GitIdentity | null;
}

/** The agent's policy with `SASE_HOME` readable and writable: what a brokered command runs under. */
export function brokerPolicy(
  policy: JailPolicy,
  env: Readonly<Record<string, string>>,
): JailPolicy {
  const state = saseHome(env);
  return {
    ...policy,
    reason: `${policy.reason}; brokered for the agent`,
    write: [...policy.write, state],
    denyRead: policy.denyRead.filter((path) => path !== state),
    allowRead: [...policy.allowRead, state],
  };
}

async function capture(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    if (text.length < OUTPUT_LIMIT) text = (text + chunk).slice(0, OUTPUT_LIMIT);
  }
  return text;
}

/** Run `argv` with `env` to its end (or the timeout), its output bounded. */
async function execute(
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>>,
): Promise<BrokerResponse> {
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // Its own process group: the timeout stops whatever it started too.
    detached: true,
  }).spawn();
  const timer = setTimeout(() => signalProcessGroup(child.pid, "SIGKILL"), COMMAND_TIMEOUT_MS);
  try {
    const [stdout, stderr, status] = await Promise.all([
      capture(child.stdout),
      capture(child.stderr),
      child.status,
    ]);
    return { code: status.code, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** `sase plan propose`: in the agent's jail with `SASE_HOME` opened. */
async function runJailed(request: BrokerRequest, options: BrokerOptions): Promise<BrokerResponse> {
  await using slot = await reserveEntry();
  await using _confined = await confine({
    argv: [...options.sase, ...request.argv],
    cwd: request.cwd,
    env: options.env,
    policy: brokerPolicy(options.policy, options.env),
  }, slot);
  // The entry ignores its arguments and environment: it holds both.
  return await execute([slot.path], request.cwd, {});
}

/**
 * `sase commit`: outside the jail with the checked flags only, `-M`'s text
 * in a file of the broker's own, and git's risky settings pinned.
 */
async function runCommit(
  request: BrokerRequest,
  args: CommitArgs,
  options: BrokerOptions,
): Promise<BrokerResponse> {
  const private_ = await Deno.makeTempDir({ prefix: "sase-commit-" });
  try {
    let messageFile: string | undefined;
    if (request.message !== undefined) {
      messageFile = join(private_, "commit_message.md");
      await Deno.writeTextFile(messageFile, request.message, { mode: 0o600, createNew: true });
    }
    const env = pinnedGitEnv({ ...options.env, [BROKERED_COMMIT_ENV]: options.workspace });
    return await execute(
      [...options.sase, ...canonicalCommitArgv(args, messageFile)],
      await Deno.realPath(request.cwd),
      env,
    );
  } finally {
    await Deno.remove(private_, { recursive: true }).catch(() => {});
  }
}

function refused(why: string): BrokerResponse {
  return { code: 2, stdout: "", stderr: `error: the jail's broker refused: ${why}\n` };
}

/**
 * A `sase commit` with every process of the run in the jail paused: a
 * process the agent left running in the background could otherwise change
 * `.git` (or swap a path for a symbolic link) between the checks and git's
 * run. The checks run once they are stopped, and they go on when the
 * commit is over, whatever its end. (The agent's waiting `sase` is paused
 * too; it only waits for the response file, which is written after.)
 */
async function pausedCommit(
  request: BrokerRequest,
  args: CommitArgs,
  options: BrokerOptions,
): Promise<BrokerResponse> {
  await using _paused = await pauseRunProcesses(options.runDir);
  const scope = { workspace: options.workspace, writable: options.policy.write, git: options.git };
  const why = await commitRefusal(args, request.cwd, request.message, scope);
  return why ? refused(why) : await runCommit(request, args, options);
}

/** Why `request` may not run, or how to run it. */
async function prepare(
  request: unknown,
  options: BrokerOptions,
): Promise<string | (() => Promise<BrokerResponse>)> {
  const why = await refusal(request, options.policy.write);
  if (why) return why;
  const valid = request as BrokerRequest;
  if (!isCommit(valid.argv)) return () => runJailed(valid, options);
  const args = parseCommitArgs(valid.argv);
  if (typeof args === "string") return args;
  return () => pausedCommit(valid, args, options);
}

async function answer(dir: string, id: string, options: BrokerOptions): Promise<void> {
  const path = requestPath(dir, id);
  const text = await readTextBounded(path, READ_LIMITS.record).catch(() => undefined);
  if (text === undefined) return;
  await Deno.remove(path).catch(() => {});
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch {
    request = null;
  }
  const prepared = await prepare(request, options);
  const response = typeof prepared === "string"
    ? refused(prepared)
    : await prepared().catch((error) => ({
      code: 1,
      stdout: "",
      stderr: `error: the jail's broker could not run it: ${error}\n`,
    }));
  await atomicWriteJson(responsePath(dir, id), response);
}

/** Serve the broker directory until disposed. */
export async function serveBroker(options: BrokerOptions): Promise<AsyncDisposable> {
  const { dir } = options;
  await Deno.mkdir(dir, { recursive: true });
  const watcher = Deno.watchFs(dir, { recursive: false });
  let queue = Promise.resolve();
  const seen = new Set<string>();
  const take = (name: string) => {
    const id = REQUEST.exec(name)?.[1];
    if (!id || seen.has(id)) return;
    seen.add(id);
    queue = queue.then(() => answer(dir, id, options)).catch(() => {});
  };
  const scan = async () => {
    for await (const entry of Deno.readDir(dir)) take(entry.name);
  };
  const watching = (async () => {
    for await (const event of watcher) {
      for (const path of event.paths) take(path.slice(path.lastIndexOf("/") + 1));
    }
  })();
  // Requests written before the watch began.
  await scan().catch(() => {});
  return {
    async [Symbol.asyncDispose]() {
      watcher.close();
      await watching.catch(() => {});
      await queue;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}
