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

import { dirname, fromFileUrl, join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { type ErrorKind, SaseError } from "../../errors.ts";
import type { LlmProviderInfo } from "../../provider.ts";
import type { JailAvailability } from "../../sandbox/availability.ts";
import { BROKER_DIR, BROKER_ENV, serveBroker } from "../../sandbox/broker.ts";
import { type GitIdentity, gitIdentity } from "../../sandbox/broker_commit.ts";
import { type EntrySlot, reserveEntry } from "../../sandbox/entry.ts";
import {
  confine,
  type ConfinedCommand,
  enclose,
  type Enclosure,
  holdJail,
  type JailHold,
} from "../../sandbox/jail.ts";
import { decideMode, type ModeDecision } from "../../sandbox/mode.ts";
import { gitMetadata, type JailPolicy, jailPolicy } from "../../sandbox/policy.ts";
import type { SandboxSettings } from "../../sandbox/settings.ts";
import { saseCommand } from "../../self_command.ts";
import { describeViolations } from "../../sandbox/violations.ts";
import { runSandbox, writeRunSandbox } from "../records/sandbox_record.ts";
import { type AttemptOutcome, type AttemptSpec, runAttempt } from "./attempt.ts";
import { signalProcessGroup } from "./process.ts";
import { signalRunProcesses } from "../identity/run_processes.ts";
import type { AttemptRunner, AttemptsSettled, AttemptWarmUp } from "./run_deps.ts";

/** The Deno permissions of a launch Worker. */
export interface WorkerPermissions {
  run: string[];
  read: string[];
  write: string[];
}

/**
 * A Worker that may run `entry` and nothing else, and touch only the run
 * directory `dir`; a plugin provider's worker may also read its plugin's
 * directory (`module`, a `file:` URL), which it imports.
 */
export function workerPermissions(entry: string, dir: string, module?: string): WorkerPermissions {
  const read = [dir];
  if (module?.startsWith("file:")) read.push(dirname(fromFileUrl(module)));
  return { run: [entry], read, write: [dir] };
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
  | { type: "load"; providerName: string; module?: string }
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
 * Start a worker with `permissions` and have it load `providerName` (from
 * the plugin `module` when given). `workerUrl` is the worker entry module
 * (it loads the provider by name and calls `runAttempt`).
 */
export function startSandboxWorker(
  workerUrl: URL,
  providerName: string,
  permissions: WorkerPermissions,
  module?: string,
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
  worker.postMessage({ type: "load", providerName, module } satisfies LauncherMessage);
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

/** Attempts in the sandbox, plus ways to get the first one ready early and to wait for them. */
export interface SandboxedAttempts {
  runAttempt: AttemptRunner;
  warmUpAttempt: AttemptWarmUp;
  attemptsSettled: AttemptsSettled;
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

/** A jail set up for the run's workspace before its first attempt (see `workspaceReady`). */
interface EarlyJail {
  tempDir: string;
  enclosure: Enclosure;
}

interface WarmLauncher {
  providerName: string;
  dir: string;
  decision: Promise<ModeDecision>;
  ready: Promise<Launcher | undefined>;
  jail?: Promise<EarlyJail | undefined>;
}

/** What a warm launcher holds, taken by the attempt it serves. */
interface Warmed {
  launcher?: Launcher;
  jail?: EarlyJail;
}

async function startLauncher(
  workerUrl: URL,
  provider: LlmProviderInfo,
  dir: string,
): Promise<Launcher> {
  const slot = await reserveEntry();
  const permissions = workerPermissions(slot.path, dir, provider.module);
  return {
    slot,
    worker: startSandboxWorker(workerUrl, provider.name, permissions, provider.module),
  };
}

async function discard(launcher: Launcher | undefined): Promise<void> {
  if (!launcher) return;
  launcher.worker.terminate();
  await launcher.slot[Symbol.asyncDispose]();
}

async function removeTempDir(dir: string): Promise<void> {
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}

async function discardJail(jail: EarlyJail | undefined): Promise<void> {
  if (!jail) return;
  await jail.enclosure[Symbol.asyncDispose]();
  await removeTempDir(jail.tempDir);
}

async function discardWarmed(warmed: Warmed): Promise<void> {
  await discard(warmed.launcher);
  await discardJail(warmed.jail);
}

/** `outcome` with the jail's denials named in its error (a failed attempt only). */
function withViolations(outcome: AttemptOutcome, violations: readonly string[]): AttemptOutcome {
  if (outcome.ok || violations.length === 0) return outcome;
  const denied = describeViolations(violations);
  return { ...outcome, error: outcome.error ? `${outcome.error}\n${denied}` : denied };
}

/** Whether two policies confine alike (a policy is plain data, built in a fixed order). */
function samePolicy(a: JailPolicy, b: JailPolicy): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Run each attempt under the sandbox mode its provider gets. A launcher
 * started by `warmUpAttempt` serves the next attempt of the same provider
 * and run directory; any other attempt gets a fresh one. So does the jail
 * it set up once the run's workspace was claimed (`workspaceReady`), while
 * the run took its baseline and the provider prepared: when the attempt's
 * own policy (from its final environment) is the same, its command enters
 * that jail, else the jail is set up again.
 *
 * What the jail saw of a successful attempt changes nothing in its outcome,
 * only its `sandbox.json`; so that record is completed after the attempt
 * returns (the jail's monitor needs tens of milliseconds to be sure it has
 * every report), while the run finishes. `attemptsSettled(dir)` waits for
 * it, and the run's next attempt starts after it.
 */
export function sandboxedAttempts(deps: SandboxDeps): SandboxedAttempts {
  let warm: WarmLauncher | undefined;
  /** Per run directory, what its last attempt still finishes. */
  const unsettled = new Map<string, Promise<void>>();
  /**
   * Per run directory, its workspace's `.git` as its first attempt found it:
   * what the broker holds every attempt's commits to (an attempt that
   * swapped it must not make the swap the next one's baseline). A run's
   * attempts share its workspace; the entry goes when the run ends.
   */
  const gitBaselines = new Map<string, Promise<GitIdentity | null>>();
  const gitBaseline = (dir: string, workspace: string): Promise<GitIdentity | null> => {
    let baseline = gitBaselines.get(dir);
    if (!baseline) gitBaselines.set(dir, baseline = gitIdentity(workspace));
    return baseline;
  };
  const attemptsSettled = async (dir: string): Promise<void> => {
    const finishing = unsettled.get(dir);
    if (!finishing) return;
    try {
      await finishing;
    } finally {
      if (unsettled.get(dir) === finishing) unsettled.delete(dir);
    }
  };
  const takeWarm = async (providerName: string, dir: string): Promise<Warmed> => {
    const entry = warm;
    warm = undefined;
    if (!entry) return {};
    const warmed: Warmed = {
      launcher: await entry.ready.catch(() => undefined),
      jail: await entry.jail,
    };
    if (entry.providerName === providerName && entry.dir === dir) return warmed;
    await discardWarmed(warmed);
    return {};
  };
  const decide = async (provider: LlmProviderInfo): Promise<ModeDecision> =>
    decideMode(deps.settings, provider.name, await deps.availability());
  const policyFor = async (
    provider: LlmProviderInfo,
    decision: ModeDecision,
    run: { dir: string; cwd: string; env: Env; tempDir: string },
  ): Promise<JailPolicy> =>
    jailPolicy({
      settings: deps.settings,
      decision,
      provider,
      providers: deps.providers,
      env: run.env,
      workspace: run.cwd,
      runDir: run.dir,
      tempDir: run.tempDir,
      git: await gitMetadata([run.cwd]),
    });

  return {
    attemptsSettled,
    warmUpAttempt(provider, run) {
      if (warm) takeWarm("", "").catch(() => {});
      // The jail's session, held for the whole run: its attempts, follow-ups and broker share it.
      let hold: JailHold | undefined;
      const decision = decide(provider);
      const entry: WarmLauncher = {
        providerName: provider.name,
        dir: run.dir,
        decision,
        ready: decision.then(async (decided) => {
          if (decided.mode === "off") return undefined;
          // A session that fails to start is reported by the attempt that needs it.
          if (decided.mode === "jail") hold = holdJail(deps.env);
          return await startLauncher(deps.workerUrl, provider, run.dir);
        }),
      };
      entry.ready.catch(() => {});
      warm = entry;
      return {
        workspaceReady(cwd, env) {
          if (warm !== entry || entry.jail) return;
          // Best effort: whatever fails here, the attempt does again and reports.
          entry.jail = (async () => {
            const decided = await entry.decision;
            if (decided.mode !== "jail") return undefined;
            const tempDir = await Deno.makeTempDir({ prefix: "sase-agent-" });
            try {
              const policy = await policyFor(provider, decided, {
                dir: run.dir,
                cwd,
                env,
                tempDir,
              });
              const enclosure = await enclose(policy, deps.env, provider.name);
              return { tempDir, enclosure };
            } catch {
              await removeTempDir(tempDir);
              return undefined;
            }
          })().catch(() => undefined);
        },
        async [Symbol.asyncDispose]() {
          if (warm === entry) await takeWarm("", "");
          await entry.ready.catch(() => {});
          await attemptsSettled(run.dir).catch(() => {});
          gitBaselines.delete(run.dir);
          await hold?.[Symbol.asyncDispose]();
        },
      };
    },
    async runAttempt(spec) {
      const { provider, echo, onSpawn, onSession, signalGroup: _, ...attempt } = spec;
      const info = provider.info;
      // The run's previous attempt has finished its records.
      await attemptsSettled(spec.dir).catch(() => {});
      const git = gitBaseline(spec.dir, spec.cwd);
      const warmed = await takeWarm(info.name, spec.dir);
      let decision: ModeDecision;
      try {
        decision = await decide(info);
      } catch (error) {
        await discardWarmed(warmed);
        throw error;
      }
      if (decision.mode === "off") {
        await discardWarmed(warmed);
        await writeRunSandbox(
          spec.dir,
          runSandbox({ mode: "off", reason: decision.reason, provider: info.name }),
        );
        return await runAttempt(spec);
      }
      let early = warmed.jail;
      const launcher = warmed.launcher ??
        await startLauncher(deps.workerUrl, info, spec.dir);
      const tempDir = early?.tempDir ?? await Deno.makeTempDir({ prefix: "sase-agent-" });
      let policy: JailPolicy | undefined;
      let broker: AsyncDisposable | undefined;
      let confined: ConfinedCommand | undefined;
      // What the jail saw recorded, then everything the attempt held let go.
      const finish = async (): Promise<string[]> => {
        try {
          if (!policy || !confined) return [];
          const violations = await confined.violations().catch(() => []);
          await writeRunSandbox(spec.dir, runSandbox(policy, violations));
          return violations;
        } finally {
          await (confined ?? early?.enclosure)?.[Symbol.asyncDispose]();
          await broker?.[Symbol.asyncDispose]();
          await discard(launcher);
          await removeTempDir(tempDir);
        }
      };
      let outcome: AttemptOutcome;
      try {
        policy = await policyFor(info, decision, { ...spec, tempDir });
        if (early && (policy.mode !== "jail" || !samePolicy(early.enclosure.policy, policy))) {
          await early.enclosure[Symbol.asyncDispose]();
          early = undefined;
        }
        const brokerDir = join(spec.dir, BROKER_DIR);
        // The jailed agent's own `sase plan propose` and `sase commit` are carried out here
        // (see broker.ts).
        broker = policy.mode === "jail"
          ? await serveBroker({
            dir: brokerDir,
            policy,
            env: spec.env,
            sase: saseCommand(),
            workspace: spec.cwd,
            runDir: spec.dir,
            git: await git,
          })
          : undefined;
        const request = {
          argv: [spec.executable, ...spec.invocation.argv.slice(1)],
          cwd: spec.cwd,
          env: policy.mode === "jail" ? { ...spec.env, [BROKER_ENV]: brokerDir } : spec.env,
          runEnv: spec.runEnv,
        };
        confined = early
          ? await early.enclosure.enter(request, launcher.slot)
          : await confine({ ...request, policy }, launcher.slot);
        await writeRunSandbox(spec.dir, runSandbox(policy));
        // The worker starts the entry as it is: no arguments, no environment.
        outcome = await runAttemptInWorker(launcher.worker, info.name, {
          ...attempt,
          executable: launcher.slot.path,
          invocation: { ...attempt.invocation, argv: [launcher.slot.path], env: {} },
          env: {},
          runEnv: [],
        }, { echo, onSpawn, onSession });
      } catch (error) {
        await finish();
        throw error;
      }
      if (!outcome.ok) return withViolations(outcome, await finish());
      const finishing = finish().then(() => {});
      // Its failure is for whoever waits on it (`attemptsSettled`), not unhandled meanwhile.
      finishing.catch(() => {});
      unsettled.set(spec.dir, finishing);
      return outcome;
    },
  };
}
