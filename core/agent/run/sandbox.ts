/**
 * The launch sandbox (DESIGN.md "Sandbox"): each attempt runs inside a Deno
 * `Worker` whose permissions allow running only the provider's CLI as found
 * on `PATH`, git and sase itself, and reading and writing only the run's
 * artifact directory and `SASE_HOME`. The workspace is the provider CLI's
 * business (a child process, started there): the launcher code itself never
 * reads or writes it, so the worker is not granted it. `sandbox:` in the
 * config widens those lists. Anything else the launch tries is denied by
 * Deno, and the run fails with the denied permission named.
 *
 * Because the permissions do not depend on the workspace, a run can start
 * its first attempt's worker (`warmUpAttempt`) before its workspace is claimed:
 * worker start-up overlaps the checkout sync.
 *
 * Signalling a process group needs unrestricted run permission, so the
 * worker asks this (trusted) side to do it.
 *
 * @module
 */

import { isAbsolute, resolve } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import type { SandboxConfig } from "../../config/types.ts";
import { type ErrorKind, SaseError } from "../../errors.ts";
import { which } from "../../fs/which.ts";
import type { LlmProviderInfo } from "../../provider.ts";
import type { AttemptOutcome, AttemptSpec } from "./attempt.ts";
import { resolveExecutable, signalProcessGroup } from "./process.ts";
import type { AttemptRunner, AttemptWarmUp } from "./run_deps.ts";

/** What decides a launch's permissions. */
export interface SandboxInput {
  provider: LlmProviderInfo;
  /** Where relative `sandbox:` paths are resolved (the workspace). */
  cwd: string;
  /** The run's artifact directory. */
  dir: string;
  env: Env;
  config?: SandboxConfig;
}

/** The permission lists a sandboxed attempt gets. */
export interface SandboxPermissions {
  run: string[];
  read: string[];
  write: string[];
  net: boolean | string[];
}

async function resolveAll(names: readonly string[], env: Env, cwd: string): Promise<string[]> {
  const found = await Promise.all(names.map(async (name) => {
    if (isAbsolute(name)) return name;
    if (name.includes("/")) return resolve(cwd, name);
    return await which(name, env.PATH);
  }));
  return found.filter((path): path is string => path !== null);
}

/**
 * The permissions of one launch. The provider's CLI is allowed as found by
 * name on `PATH` (and its fallback directories); a path-variable override
 * pointing elsewhere is not trusted until `sandbox.run` lists it.
 */
export async function sandboxPermissions(input: SandboxInput): Promise<SandboxPermissions> {
  const config = input.config ?? {};
  const provider = await resolveExecutable(
    input.provider.binary,
    input.env,
    input.provider.fallbackDirEnvs,
  );
  const run = [
    Deno.execPath(),
    ...(provider ? [provider] : []),
    ...await resolveAll(["git", ...(config.run ?? [])], input.env, input.cwd),
  ];
  const paths = (extra: readonly string[] = []) => [
    input.dir,
    saseHome(input.env),
    ...extra.map((path) => resolve(input.cwd, path)),
  ];
  return {
    run: [...new Set(run)],
    read: [...new Set(paths(config.read))],
    write: [...new Set(paths(config.write))],
    net: config.net ?? false,
  };
}

/** An attempt as the worker receives it: everything but the callbacks. */
export type SandboxedAttempt = Omit<
  AttemptSpec,
  "provider" | "echo" | "onSpawn" | "onSession" | "signalGroup"
>;

/** Messages the worker sends. */
export type WorkerMessage =
  | { type: "echo"; text: string }
  | { type: "spawn"; id: number; pid: number }
  | { type: "session"; id: number; sessionId: string }
  | { type: "signal"; id: number; pid: number; signal: Deno.Signal }
  | { type: "done"; outcome: AttemptOutcome }
  | { type: "failed"; code: string; message: string; hint?: string; kind: ErrorKind };

/** Messages the launcher sends. */
export type LauncherMessage =
  | { type: "load"; providerName: string }
  | { type: "start"; providerName: string; attempt: SandboxedAttempt; echo: boolean }
  | { type: "ack"; id: number };

const DENIED = /Requires (\w+) access(?: to "([^"]+)")?/;

/** A `SaseError` naming the permission a denied launch needed, or undefined. */
export function deniedPermission(message: string): SaseError | undefined {
  const match = DENIED.exec(message);
  if (!match) return undefined;
  const [, kind, target] = match;
  const what = target ? `${kind} access to "${target}"` : `${kind} access`;
  const key = kind === "run" ? "sandbox.run" : kind === "net" ? "sandbox.net" : `sandbox.${kind}`;
  return new SaseError(
    "sandbox.denied",
    `the launch sandbox denied ${what} (--allow-${kind}${target ? `=${target}` : ""})`,
    { hint: `allow it under ${key} in sase.yml if this launch should have it`, kind: "failed" },
  );
}

/** Callbacks of a sandboxed attempt (the parts of `AttemptSpec` that stay outside). */
export type AttemptCallbacks = Pick<AttemptSpec, "echo" | "onSpawn" | "onSession">;

/**
 * Start a worker with `permissions` and have it load `providerName`.
 * `workerUrl` is the worker entry module (it loads the provider by name and
 * calls `runAttempt`).
 */
export function startSandboxWorker(
  workerUrl: URL,
  providerName: string,
  permissions: SandboxPermissions,
): Worker {
  const worker = new Worker(workerUrl, {
    type: "module",
    deno: {
      permissions: {
        run: permissions.run,
        read: permissions.read,
        write: permissions.write,
        net: permissions.net,
        env: false,
        sys: false,
        ffi: false,
        import: false,
      },
    },
  });
  worker.postMessage({ type: "load", providerName } satisfies LauncherMessage);
  return worker;
}

/** Run one attempt in `worker` (from {@linkcode startSandboxWorker}); ends the worker. */
export function runAttemptInWorker(
  worker: Worker,
  providerName: string,
  attempt: SandboxedAttempt,
  callbacks: AttemptCallbacks,
): Promise<AttemptOutcome> {
  let childPid: number | undefined;
  const post = (message: LauncherMessage) => worker.postMessage(message);
  return new Promise<AttemptOutcome>((resolvePromise, reject) => {
    const finish = (settle: () => void) => {
      worker.terminate();
      // A worker that died mid-run must not leave the provider running.
      if (childPid !== undefined) signalProcessGroup(childPid, "SIGKILL");
      settle();
    };
    worker.onmessage = async (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      try {
        switch (message.type) {
          case "echo":
            callbacks.echo?.(message.text);
            return;
          case "spawn":
            childPid = message.pid;
            await callbacks.onSpawn?.(message.pid);
            return post({ type: "ack", id: message.id });
          case "session":
            await callbacks.onSession?.(message.sessionId);
            return post({ type: "ack", id: message.id });
          case "signal":
            signalProcessGroup(message.pid, message.signal);
            return post({ type: "ack", id: message.id });
          case "done":
            childPid = undefined;
            return finish(() => resolvePromise(message.outcome));
          case "failed": {
            const error = deniedPermission(message.message) ??
              new SaseError(message.code, message.message, {
                hint: message.hint,
                kind: message.kind,
              });
            return finish(() => reject(error));
          }
        }
      } catch (error) {
        finish(() => reject(error));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish(() =>
        reject(
          deniedPermission(event.message) ??
            new SaseError("sandbox.worker", `the launch worker crashed: ${event.message}`, {
              kind: "internal",
            }),
        )
      );
    };
    post({ type: "start", providerName, attempt, echo: callbacks.echo !== undefined });
  });
}

/** Attempts in the sandbox, plus a way to start the first one's worker early. */
export interface SandboxedAttempts {
  runAttempt: AttemptRunner;
  warmUpAttempt: AttemptWarmUp;
}

interface WarmWorker {
  providerName: string;
  ready: Promise<{ permissions: SandboxPermissions; worker: Worker }>;
}

/**
 * Run each attempt in the sandbox (`sandbox.enabled: false` is the caller's
 * business: it runs attempts in-process instead). A worker started by
 * `warmUpAttempt` serves the next attempt whose provider and permissions match;
 * any other attempt gets a fresh worker.
 */
export function sandboxedAttempts(
  workerUrl: URL,
  env: Env,
  config: SandboxConfig | undefined,
): SandboxedAttempts {
  let warm: WarmWorker | undefined;
  const discard = (entry: WarmWorker) => {
    entry.ready.then(({ worker }) => worker.terminate(), () => {});
  };
  const takeWarm = async (
    providerName: string,
    permissions: SandboxPermissions,
  ): Promise<Worker | undefined> => {
    const entry = warm;
    warm = undefined;
    if (!entry) return undefined;
    const ready = await entry.ready.catch(() => undefined);
    if (
      ready && entry.providerName === providerName &&
      JSON.stringify(ready.permissions) === JSON.stringify(permissions)
    ) {
      return ready.worker;
    }
    discard(entry);
    return undefined;
  };
  return {
    warmUpAttempt(provider, run) {
      if (warm) discard(warm);
      const entry: WarmWorker = {
        providerName: provider.name,
        ready: sandboxPermissions({ provider, ...run, env, config }).then((permissions) => ({
          permissions,
          worker: startSandboxWorker(workerUrl, provider.name, permissions),
        })),
      };
      warm = entry;
      return {
        [Symbol.dispose]() {
          if (warm !== entry) return;
          warm = undefined;
          discard(entry);
        },
      };
    },
    async runAttempt(spec) {
      const { provider, echo, onSpawn, onSession, signalGroup: _, ...attempt } = spec;
      const permissions = await sandboxPermissions({
        provider: provider.info,
        cwd: spec.cwd,
        dir: spec.dir,
        env,
        config,
      });
      const worker = await takeWarm(provider.info.name, permissions) ??
        startSandboxWorker(workerUrl, provider.info.name, permissions);
      return await runAttemptInWorker(
        worker,
        provider.info.name,
        attempt,
        { echo, onSpawn, onSession },
      );
    },
  };
}
