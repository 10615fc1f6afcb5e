/**
 * The jail service: confining a process under a {@linkcode JailPolicy}. In
 * `jail` mode the OS-level jail of `npm:@anthropic-ai/sandbox-runtime`
 * (bubblewrap with user, pid and network namespaces and a seccomp filter on
 * Linux, sandbox-exec on macOS; a proxy enforcing the host allow-list) wraps
 * the command; in `permissions` mode the command runs as is. Either way it
 * starts from a fixed entry (`entry.ts`) with the policy's filtered
 * environment. The provider CLI of every agent run is confined here; hooks,
 * chops and workflow steps are meant to be too.
 *
 * The sandbox runtime keeps one session per process (its proxies, its
 * violation monitor), run in a thread of its own (`runtime_worker.ts`) so
 * starting it overlaps the launch instead of stalling it. The session
 * allows no host itself: each command's hosts are registered under the
 * command's own unguessable id, which only that command's proxy settings
 * carry, so commands with different allow-lists share a process, and the
 * session can start before anyone knows which provider will run. The
 * filesystem rules go with each command. Whoever needs the session holds
 * it ({@linkcode holdJail}); it stops when the last hold is released, and
 * nothing of it outlives the process.
 *
 * Denials the jail observes (writes outside the policy, connections the
 * proxy refused) are collected per command; reads cannot be observed on
 * Linux, where a denied path is simply not there.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { SandboxRuntimeConfig } from "@anthropic-ai/sandbox-runtime";
import { SaseError } from "../errors.ts";
import { shellQuote } from "../self_command.ts";
import { which } from "../fs/which.ts";
import type { Env } from "../env.ts";
import { homeDir } from "../config/paths.ts";
import { jailAvailability } from "./availability.ts";
import type { EntrySlot } from "./entry.ts";
import { confinedEnv, type JailPolicy } from "./policy.ts";
import type { RuntimeReply, RuntimeRequest } from "./runtime_worker.ts";
import { type SandboxSettings, sandboxSettings } from "./settings.ts";
import { relevantViolations } from "./violations.ts";

/** Distributes `Omit` over a union, so each request keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** The runtime thread and the calls waiting for its answers. */
interface Runtime {
  worker: Worker;
  pending: Map<number, (reply: RuntimeReply) => void>;
  nextId: number;
}

let runtime: Runtime | undefined;

function startRuntime(): Runtime {
  const worker = new Worker(new URL("./runtime_worker.ts", import.meta.url), { type: "module" });
  const started: Runtime = { worker, pending: new Map(), nextId: 0 };
  worker.onmessage = (event: MessageEvent<RuntimeReply>) => {
    started.pending.get(event.data.id)?.(event.data);
    started.pending.delete(event.data.id);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    for (const settle of started.pending.values()) {
      settle({ id: -1, ok: false, message: `the sandbox runtime crashed: ${event.message}` });
    }
    started.pending.clear();
  };
  return started;
}

/**
 * The runtime's thread, started when it is not running. Loading the
 * runtime there takes tens of milliseconds of CPU, so it starts as soon as
 * a session is likely; a stop in progress ends the thread it has, and the
 * next call starts a fresh one.
 */
function runtimeThread(): Runtime {
  runtime ??= startRuntime();
  return runtime;
}

/** Ask the runtime thread; rejects with its error message. */
function call(request: WithoutId<RuntimeRequest>): Promise<string | string[] | undefined> {
  const current = runtimeThread();
  const id = current.nextId++;
  return new Promise((resolve, reject) => {
    current.pending.set(
      id,
      (reply) => reply.ok ? resolve(reply.value) : reject(new Error(reply.message)),
    );
    current.worker.postMessage({ ...request, id } as RuntimeRequest);
  });
}

/** Where sase's own Deno keeps its module cache (its writes there are not the agent's doing). */
function denoDir(env: Env): string {
  return env.DENO_DIR ?? join(env.XDG_CACHE_HOME ?? join(homeDir(env), ".cache"), "deno");
}

/**
 * Denied writes nobody needs told about, kept out of the runtime's store
 * (which holds only the last 100 of them): sase's own Deno writing its
 * module cache (fakey and `sase` run on Deno inside the jail), and kernel
 * interfaces runtimes poke at on their own.
 */
function quietWrites(env: Env): string[] {
  return [`${denoDir(env)}/`, " /sys/", " /proc/"];
}

async function runtimeConfig(env: Env): Promise<SandboxRuntimeConfig> {
  const config: SandboxRuntimeConfig = {
    // No host for the session: each command brings its own (see `confine`).
    network: { allowedDomains: [], deniedDomains: [] },
    // The real lists go with each command, too.
    filesystem: { denyRead: [], allowWrite: [], denyWrite: [] },
    ignoreViolations: { "*": quietWrites(env) },
  };
  if (Deno.build.os === "linux") {
    // Absolute paths: the wrapped command never looks a program up on PATH.
    const [bwrap, socat] = await Promise.all([which("bwrap", env.PATH), which("socat", env.PATH)]);
    if (bwrap) config.bwrapPath = bwrap;
    if (socat) config.socatPath = socat;
  }
  return config;
}

let session: Promise<void> | undefined;
/** Holders of the session; when the last lets go, the session stops. */
let holders = 0;
/** A stop in progress: a new holder waits for it before starting afresh. */
let stopping: Promise<void> | undefined;

async function startSession(env: Env): Promise<void> {
  try {
    await call({ op: "start", config: await runtimeConfig(env) });
  } catch (error) {
    throw new SaseError(
      "sandbox.jail_failed",
      `the jail could not start: ${error instanceof Error ? error.message : String(error)}`,
      { hint: "run `sase doctor -C sandbox` to see what the jail needs here", kind: "unavailable" },
    );
  }
}

async function stopSession(): Promise<void> {
  const current = session;
  session = undefined;
  await current?.catch(() => {});
  // Its proxies and their relay processes: none may outlive the process.
  await call({ op: "stop" }).catch(() => {});
  runtime?.worker.terminate();
  runtime = undefined;
}

/**
 * A hold on the jail's session: the first hold starts it, so a run can have
 * it ready before its first command; it stops when the last hold is
 * released (await the release). A session that failed to start is tried
 * again by the next hold.
 */
export interface JailHold extends AsyncDisposable {
  /** Resolves once the session is ready; rejects with why it could not start. */
  ready: Promise<void>;
}

/** Take a hold on the jail's session, starting it when it is not running. */
export function holdJail(env: Env): JailHold {
  holders += 1;
  // The thread loads the runtime while the session's configuration is put together.
  if (!stopping) runtimeThread();
  const ready = (async () => {
    await stopping;
    if (!session) {
      const starting = startSession(env);
      session = starting;
      starting.catch(() => {
        if (session === starting) session = undefined;
      });
    }
    await session;
  })();
  ready.catch(() => {});
  let released = false;
  return {
    ready,
    async [Symbol.asyncDispose]() {
      if (released) return;
      released = true;
      holders -= 1;
      if (holders > 0) return;
      const stop = stopSession();
      stopping = stop;
      await stop;
      if (stopping === stop) stopping = undefined;
    },
  };
}

/** The sandbox settings of the user's own configuration (a repo's may only add the jail). */
async function userSettings(env: Env): Promise<SandboxSettings> {
  const { loadConfig } = await import("../config/load.ts");
  return sandboxSettings((await loadConfig({ env, includeLocal: false })).layers);
}

/** Whether `settings` may run anything in the jail. */
function mayJail(settings: SandboxSettings): boolean {
  const scopes = [settings, ...Object.values(settings.providers)];
  const modes = scopes.flatMap((scope) => [scope.mode, scope.localMode]);
  return settings.mode === undefined || modes.some((setting) => setting?.mode === "jail");
}

/** A background hold on the jail's session (see {@linkcode prewarmJail}). */
export interface JailPrewarm extends AsyncDisposable {
  /** Resolves once it is decided whether the session starts (true when it does). */
  decided: Promise<boolean>;
}

/**
 * A hold taken in the background, for a process that will probably confine
 * something soon (a standby runner waiting for its run, a foreground
 * `sase run`), when the jail works here and `settings` (default: the
 * user's own configuration) do not rule it out: the session starts in its
 * own thread meanwhile. Nothing starts before that is decided, so a process
 * that runs without the jail pays only for the checks. Failures are left
 * for `confine` to report.
 */
export function prewarmJail(
  env: Env,
  settings: Promise<SandboxSettings> = userSettings(env),
): JailPrewarm {
  const hold = (async () => {
    const [availability, wanted] = await Promise.all([jailAvailability(env), settings]);
    return availability.available && mayJail(wanted) ? holdJail(env) : undefined;
  })().catch(() => undefined);
  return {
    decided: hold.then((taken) => taken !== undefined),
    async [Symbol.asyncDispose]() {
      await (await hold)?.[Symbol.asyncDispose]();
    },
  };
}

/** What {@linkcode confine} starts. */
export interface ConfineRequest {
  /** Program (absolute) and arguments. */
  argv: readonly string[];
  cwd: string;
  /** The environment sase would give it; the policy filters it. */
  env: Readonly<Record<string, string>>;
  /** Variables sase set for this process (they pass the filter by name). */
  runEnv?: readonly string[];
  /** A `jail` or `permissions` policy. */
  policy: JailPolicy;
}

/** A confined command, written to its entry and ready to start. */
export interface ConfinedCommand extends AsyncDisposable {
  /** Denials the jail observed so far, one line each (`deny <what> <path or host>`). */
  violations(): Promise<string[]>;
}

/**
 * The variable that carries a jailed command into its jail. The jail is
 * set up for a policy alone (see {@linkcode enclose}), so the command it
 * runs is the same for every command line: a shell that takes the real one
 * from this variable, out of the environment before it runs.
 */
const COMMAND_VARIABLE = "SASE_JAIL_COMMAND";

/** What every jail runs (see {@linkcode COMMAND_VARIABLE}). */
const JAILED_SHELL =
  `sase_command=$${COMMAND_VARIABLE}; unset ${COMMAND_VARIABLE}; eval "$sase_command"`;

/**
 * A jail set up for a policy, before the command it will run is known:
 * the session held, the provider's state directories made, the sandbox
 * runtime's wrap done. Dispose it if no command {@linkcode Enclosure.enter}s.
 */
export interface Enclosure extends AsyncDisposable {
  readonly policy: JailPolicy;
  /**
   * Write `request`'s command into `slot`, to start in this jail (once);
   * the command returned then owns the jail.
   */
  enter(request: Omit<ConfineRequest, "policy">, slot: EntrySlot): Promise<ConfinedCommand>;
}

/**
 * Set up the jail of a `jail` policy. `env` is the launching process's
 * environment (where the session finds its programs); `program` names what
 * will run, for errors.
 */
export async function enclose(
  policy: JailPolicy,
  env: Env,
  program = `${policy.provider}'s command`,
): Promise<Enclosure> {
  const hold = holdJail(env);
  try {
    await hold.ready;
  } catch (error) {
    await hold[Symbol.asyncDispose]();
    throw error;
  }
  await Promise.all(
    policy.stateDirs.map((dir) => Deno.mkdir(dir, { recursive: true }).catch(() => {})),
  );
  // An unguessable id: it keys the command's hosts and violations, and is all the proxy sees of it.
  const commandId = crypto.randomUUID();
  let wrapped = false;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await call({ op: "release", commandId, wrapped }).catch(() => {});
    await hold[Symbol.asyncDispose]();
  };
  let command: string;
  try {
    command = await call({
      op: "wrap",
      command: JAILED_SHELL,
      commandId,
      commandText: `${policy.provider} (sase)`,
      hosts: [...policy.hosts],
      filesystem: {
        denyRead: policy.denyRead,
        allowRead: policy.allowRead,
        allowWrite: policy.write,
        denyWrite: policy.denyWrite,
      },
    }) as string;
    wrapped = true;
  } catch (error) {
    await release();
    throw new SaseError(
      "sandbox.jail_failed",
      `the jail could not wrap ${program}: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { hint: "run `sase doctor -C sandbox` to see what the jail needs here", kind: "failed" },
    );
  }
  let entered = false;
  return {
    policy,
    async enter(request, slot) {
      if (entered) throw new Error("a jail runs one command");
      entered = true;
      const jailed = `export TMPDIR=${shellQuote(policy.tempDir)}; exec ${
        request.argv.map(shellQuote).join(" ")
      }`;
      const env = {
        ...confinedEnv(request.env, policy, request.runEnv),
        [COMMAND_VARIABLE]: jailed,
      };
      await slot.write({ cwd: request.cwd, env, argv: ["/bin/sh", "-c", `exec ${command}`] });
      return {
        async violations() {
          const lines = await call({ op: "violations", commandId }) as string[];
          return relevantViolations(lines, policy);
        },
        [Symbol.asyncDispose]: release,
      };
    },
    [Symbol.asyncDispose]: release,
  };
}

/**
 * Write `request`'s command, confined, into `slot`; dispose the result once
 * the command has ended (the slot stays the caller's).
 */
export async function confine(request: ConfineRequest, slot: EntrySlot): Promise<ConfinedCommand> {
  const { policy } = request;
  if (policy.mode !== "jail") {
    const env = confinedEnv(request.env, policy, request.runEnv);
    await slot.write({ cwd: request.cwd, env, argv: request.argv });
    return {
      violations: () => Promise.resolve([]),
      [Symbol.asyncDispose]: () => Promise.resolve(),
    };
  }
  const jail = await enclose(policy, request.env, request.argv[0]);
  try {
    return await jail.enter(request, slot);
  } catch (error) {
    await jail[Symbol.asyncDispose]();
    throw error;
  }
}
