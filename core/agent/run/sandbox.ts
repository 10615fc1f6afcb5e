/**
 * The launch sandbox (DESIGN.md "Sandbox"), two layers around each attempt.
 *
 * The provider's CLI runs confined by the jail service (`core/sandbox/`):
 * in `jail` mode inside the OS-level jail, in `permissions` mode with only
 * its environment filtered, in `off` mode as it is. Its mode, policy and
 * whatever the jail denied are recorded in the run's `sandbox.json`; a
 * failed attempt's error names the denials.
 *
 * sase's own launcher code (the provider's stream parser, the recorder) runs
 * in a Deno `Worker` whose only run permission is the attempt's entry (a
 * script that starts exactly the confined command, see
 * `core/sandbox/entry.ts`) and which may read and write only the run's
 * artifact directory. It never runs `deno` or `git`, and never sees the
 * agent's environment. Whatever else it tries is denied by Deno, and the
 * run fails with the denied permission named. Signalling a process group
 * needs unrestricted run permission, so the worker asks this (trusted)
 * side to do it.
 *
 * Worker start-up and the jail's session (its proxies) do not depend on the
 * workspace, so a run starts both for its first attempt (`warmUpAttempt`)
 * while its workspace is still being claimed; the run holds the session
 * until it ends, then stops it.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { type ErrorKind, SaseError } from "../../errors.ts";
import type { LlmProviderInfo } from "../../provider.ts";
import type { JailAvailability } from "../../sandbox/availability.ts";
import { BROKER_DIR, BROKER_ENV, serveBroker } from "../../sandbox/broker.ts";
import { type EntrySlot, reserveEntry } from "../../sandbox/entry.ts";
import { confine, holdJail, type JailHold } from "../../sandbox/jail.ts";
import { decideMode, type ModeDecision } from "../../sandbox/mode.ts";
import { gitMetadata, jailPolicy } from "../../sandbox/policy.ts";
import type { SandboxSettings } from "../../sandbox/settings.ts";
import { saseCommand } from "../../self_command.ts";
import { describeViolations } from "../../sandbox/violations.ts";
import { runSandbox, writeRunSandbox } from "../records/sandbox_record.ts";
import { type AttemptOutcome, type AttemptSpec, runAttempt } from "./attempt.ts";
import { signalProcessGroup } from "./process.ts";
import { signalRunProcesses } from "../identity/run_processes.ts";
import type { AttemptRunner, AttemptWarmUp } from "./run_deps.ts";

/** The Deno permissions of a launch Worker. */
export interface WorkerPermissions {
  run: string[];
  read: string[];
  write: string[];
}

/** A Worker that may run `entry` and nothing else, and touch only the run directory `dir`. */
export function workerPermissions(entry: string, dir: string): WorkerPermissions {
  return { run: [entry], read: [dir], write: [dir] };
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

/** A `SaseError` naming the permission the launch worker was denied, or undefined. */
export function deniedPermission(message: string): SaseError | undefined {
  const match = DENIED.exec(message);
  if (!match) return undefined;
  const [, kind, target] = match;
  const what = target ? `${kind} access to "${target}"` : `${kind} access`;
  return new SaseError(
    "sandbox.denied",
    `the launch worker was denied ${what} (--allow-${kind}${target ? `=${target}` : ""})`,
    {
      hint: "sase's launcher may only start the attempt's entry and use the run directory; " +
        "a provider that needs more cannot run in the sandbox",
      kind: "failed",
    },
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
  permissions: WorkerPermissions,
): Worker {
  const worker = new Worker(workerUrl, {
    type: "module",
    deno: {
      permissions: {
        run: permissions.run,
        read: permissions.read,
        write: permissions.write,
        net: false,
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
            // The jail's own session is not in that group: what is left of it carries the run's dir.
            signalRunProcesses(attempt.dir, message.signal);
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

/** What {@linkcode sandboxedAttempts} needs. */
export interface SandboxDeps {
  /** The worker entry module. */
  workerUrl: URL;
  /** The launching process's environment (where the jail finds its programs). */
  env: Env;
  settings: SandboxSettings;
  /** Every provider sase knows (their state is hidden from each other). */
  providers: readonly LlmProviderInfo[];
  /** Whether the jail works here (called once per attempt; cached by the caller). */
  availability(): Promise<JailAvailability>;
}

/** A worker started ahead of its attempt, with its entry reserved. */
interface Launcher {
  slot: EntrySlot;
  worker: Worker;
}

interface WarmLauncher {
  providerName: string;
  dir: string;
  ready: Promise<Launcher | undefined>;
}

async function startLauncher(
  workerUrl: URL,
  providerName: string,
  dir: string,
): Promise<Launcher> {
  const slot = await reserveEntry();
  return {
    slot,
    worker: startSandboxWorker(workerUrl, providerName, workerPermissions(slot.path, dir)),
  };
}

async function discard(launcher: Launcher | undefined): Promise<void> {
  if (!launcher) return;
  launcher.worker.terminate();
  await launcher.slot[Symbol.asyncDispose]();
}

/** `outcome` with the jail's denials named in its error (a failed attempt only). */
function withViolations(outcome: AttemptOutcome, violations: readonly string[]): AttemptOutcome {
  if (outcome.ok || violations.length === 0) return outcome;
  const denied = describeViolations(violations);
  return { ...outcome, error: outcome.error ? `${outcome.error}\n${denied}` : denied };
}

/**
 * Run each attempt under the sandbox mode its provider gets. A launcher
 * started by `warmUpAttempt` serves the next attempt of the same provider
 * and run directory; any other attempt gets a fresh one.
 */
export function sandboxedAttempts(deps: SandboxDeps): SandboxedAttempts {
  let warm: WarmLauncher | undefined;
  const takeWarm = async (providerName: string, dir: string): Promise<Launcher | undefined> => {
    const entry = warm;
    warm = undefined;
    if (!entry) return undefined;
    const launcher = await entry.ready.catch(() => undefined);
    if (entry.providerName === providerName && entry.dir === dir) return launcher;
    await discard(launcher);
    return undefined;
  };
  const decide = async (provider: LlmProviderInfo): Promise<ModeDecision> =>
    decideMode(deps.settings, provider.name, await deps.availability());

  return {
    warmUpAttempt(provider, run) {
      if (warm) warm.ready.then(discard, () => {});
      // The jail's session, held for the whole run: its attempts, follow-ups and broker share it.
      let hold: JailHold | undefined;
      const entry: WarmLauncher = {
        providerName: provider.name,
        dir: run.dir,
        ready: decide(provider).then(async (decision) => {
          if (decision.mode === "off") return undefined;
          // A session that fails to start is reported by the attempt that needs it.
          if (decision.mode === "jail") hold = holdJail(deps.env);
          return await startLauncher(deps.workerUrl, provider.name, run.dir);
        }),
      };
      warm = entry;
      return {
        async [Symbol.asyncDispose]() {
          if (warm === entry) {
            warm = undefined;
            await entry.ready.then(discard, () => {});
          }
          await entry.ready.catch(() => {});
          await hold?.[Symbol.asyncDispose]();
        },
      };
    },
    async runAttempt(spec) {
      const { provider, echo, onSpawn, onSession, signalGroup: _, ...attempt } = spec;
      const info = provider.info;
      const warmLauncher = await takeWarm(info.name, spec.dir);
      let decision: ModeDecision;
      try {
        decision = await decide(info);
      } catch (error) {
        await discard(warmLauncher);
        throw error;
      }
      if (decision.mode === "off") {
        await discard(warmLauncher);
        await writeRunSandbox(
          spec.dir,
          runSandbox({ mode: "off", reason: decision.reason, provider: info.name }),
        );
        return await runAttempt(spec);
      }
      const launcher = warmLauncher ?? await startLauncher(deps.workerUrl, info.name, spec.dir);
      const tempDir = await Deno.makeTempDir({ prefix: "sase-agent-" });
      try {
        const policy = jailPolicy({
          settings: deps.settings,
          decision,
          provider: info,
          providers: deps.providers,
          env: spec.env,
          workspace: spec.cwd,
          runDir: spec.dir,
          tempDir,
          git: await gitMetadata([spec.cwd]),
        });
        const brokerDir = join(spec.dir, BROKER_DIR);
        // The jailed agent's own `sase plan propose` and `sase commit` are carried out here
        // (see broker.ts).
        await using _broker = policy.mode === "jail"
          ? await serveBroker({
            dir: brokerDir,
            policy,
            env: spec.env,
            sase: saseCommand(),
            workspace: spec.cwd,
          })
          : undefined;
        await using confined = await confine({
          argv: [spec.executable, ...spec.invocation.argv.slice(1)],
          cwd: spec.cwd,
          env: policy.mode === "jail" ? { ...spec.env, [BROKER_ENV]: brokerDir } : spec.env,
          runEnv: spec.runEnv,
          policy,
        }, launcher.slot);
        await writeRunSandbox(spec.dir, runSandbox(policy));
        let outcome: AttemptOutcome | undefined;
        let violations: string[] = [];
        try {
          // The worker starts the entry as it is: no arguments, no environment.
          outcome = await runAttemptInWorker(launcher.worker, info.name, {
            ...attempt,
            executable: launcher.slot.path,
            invocation: { ...attempt.invocation, argv: [launcher.slot.path], env: {} },
            env: {},
            runEnv: [],
          }, { echo, onSpawn, onSession });
        } finally {
          violations = await confined.violations().catch(() => []);
          await writeRunSandbox(spec.dir, runSandbox(policy, violations));
        }
        return withViolations(outcome, violations);
      } finally {
        await discard(launcher);
        await Deno.remove(tempDir, { recursive: true }).catch(() => {});
      }
    },
  };
}
