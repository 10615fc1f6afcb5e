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
 * The sandbox runtime is one session per process (its proxies serve one
 * host allow-list). Each sase process confines the commands of one agent
 * run, so one session fits; a second, concurrent allow-list in the same
 * process is refused rather than mixed. The filesystem rules go with each
 * command, so they may differ freely.
 *
 * Denials the jail observes (writes outside the policy, connections the
 * proxy refused) are collected per command; reads cannot be observed on
 * Linux, where a denied path is simply not there.
 *
 * @module
 */

import { join } from "node:path";
import process from "node:process";
import type { SandboxRuntimeConfig } from "@anthropic-ai/sandbox-runtime";
import { SaseError } from "../errors.ts";
import { shellQuote } from "../self_command.ts";
import { which } from "../fs/which.ts";
import type { Env } from "../env.ts";
import { homeDir } from "../config/paths.ts";
import type { EntrySlot } from "./entry.ts";
import { confinedEnv, type JailPolicy } from "./policy.ts";
import { quietViolation, relevantViolations } from "./violations.ts";

type Runtime = typeof import("@anthropic-ai/sandbox-runtime");

let runtime: Promise<Runtime> | undefined;

/** The sandbox runtime, imported on first use (it is large: only jailed launches load it). */
function loadRuntime(): Promise<Runtime> {
  runtime ??= import("@anthropic-ai/sandbox-runtime");
  return runtime;
}

interface Session {
  /** The host allow-list it serves (sorted, joined). */
  key: string;
  ready: Promise<void>;
  /** Commands wrapped and not yet released. */
  active: number;
}

let session: Session | undefined;

/** Where sase's own Deno keeps its module cache (its writes there are not the agent's doing). */
function denoDir(env: Env): string {
  return env.DENO_DIR ?? join(env.XDG_CACHE_HOME ?? join(homeDir(env), ".cache"), "deno");
}

async function runtimeConfig(hosts: readonly string[], env: Env): Promise<SandboxRuntimeConfig> {
  const config: SandboxRuntimeConfig = {
    network: { allowedDomains: [...hosts], deniedDomains: [], strictAllowlist: true },
    // The real lists go with each command (see `confine`).
    filesystem: { denyRead: [], allowWrite: [], denyWrite: [] },
  };
  if (Deno.build.os === "linux") {
    // Absolute paths: the wrapped command never looks a program up on PATH.
    const [bwrap, socat] = await Promise.all([which("bwrap", env.PATH), which("socat", env.PATH)]);
    if (bwrap) config.bwrapPath = bwrap;
    if (socat) config.socatPath = socat;
  }
  return config;
}

/**
 * Start the runtime's session for `hosts` (import, proxies, violation
 * monitor), so the first command does not wait for it. Resolves once ready.
 */
export function prepareJail(hosts: readonly string[], env: Env): Promise<void> {
  const key = [...hosts].sort().join(" ");
  if (session?.key === key) return session.ready;
  if (session && session.active > 0) {
    return Promise.reject(
      new SaseError(
        "sandbox.busy",
        `this process already confines a command allowed to reach ${session.key || "no hosts"}; ` +
          `it cannot confine another with ${key || "no hosts"} at the same time`,
        {
          hint: "run agents of different providers in separate processes (`sase run -d`)",
          kind: "conflict",
        },
      ),
    );
  }
  const previous = session;
  const next: Session = { key, active: 0, ready: Promise.resolve() };
  next.ready = (async () => {
    const { SandboxManager } = await loadRuntime();
    if (previous) await previous.ready.catch(() => {}).then(() => SandboxManager.reset());
    const before = new Set([...process.listeners("SIGINT"), ...process.listeners("SIGTERM")]);
    try {
      await SandboxManager.initialize(await runtimeConfig(hosts, env), undefined, true);
    } catch (error) {
      throw new SaseError(
        "sandbox.jail_failed",
        `the jail could not start: ${error instanceof Error ? error.message : String(error)}`,
        {
          hint: "run `sase doctor -C sandbox` to see what the jail needs here",
          kind: "unavailable",
        },
      );
    } finally {
      // The runtime resets itself on SIGINT/SIGTERM, which would also stop
      // those signals from ending the process: the run decides what they do.
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        for (const listener of process.listeners(signal)) {
          if (!before.has(listener)) process.removeListener(signal, listener);
        }
      }
    }
  })();
  next.ready.catch(() => {
    if (session === next) session = undefined;
  });
  session = next;
  return next.ready;
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
  violations(): string[];
}

/**
 * Write `request`'s command, confined, into `slot`; dispose the result once
 * the command has ended (the slot stays the caller's).
 */
export async function confine(request: ConfineRequest, slot: EntrySlot): Promise<ConfinedCommand> {
  const { policy } = request;
  const env = confinedEnv(request.env, policy, request.runEnv);
  if (policy.mode !== "jail") {
    await slot.write({ cwd: request.cwd, env, argv: request.argv });
    return { violations: () => [], [Symbol.asyncDispose]: () => Promise.resolve() };
  }
  await prepareJail(policy.hosts, request.env);
  const current = session!;
  const { SandboxManager } = await loadRuntime();
  await Promise.all(
    policy.stateDirs.map((dir) => Deno.mkdir(dir, { recursive: true }).catch(() => {})),
  );
  // An unguessable id: it keys the command's violations and is all the proxy sees of it.
  const commandId = crypto.randomUUID();
  const inner = `export TMPDIR=${shellQuote(policy.tempDir)}; exec ${
    request.argv.map(shellQuote).join(" ")
  }`;
  current.active += 1;
  // A wrap that threw released its mounts itself; one that succeeded must be cleaned up after.
  let wrappedOk = false;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    current.active -= 1;
    if (wrappedOk) SandboxManager.cleanupAfterCommand();
  };
  try {
    const wrapped = await SandboxManager.wrapWithSandbox(
      inner,
      "/bin/sh",
      {
        filesystem: {
          denyRead: policy.denyRead,
          allowRead: policy.allowRead,
          allowWrite: policy.write,
          denyWrite: policy.denyWrite,
        },
      },
      undefined,
      { commandId, commandText: request.argv.join(" ") },
    );
    wrappedOk = true;
    await slot.write({ cwd: request.cwd, env, argv: ["/bin/sh", "-c", `exec ${wrapped}`] });
  } catch (error) {
    release();
    if (error instanceof SaseError) throw error;
    throw new SaseError(
      "sandbox.jail_failed",
      `the jail could not wrap ${request.argv[0]}: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { hint: "run `sase doctor -C sandbox` to see what the jail needs here", kind: "failed" },
    );
  }
  const quiet = [denoDir(request.env)];
  return {
    violations() {
      const lines = SandboxManager.getSandboxViolationStore().getViolationsForCommand(commandId)
        .map((violation) => violation.line);
      return relevantViolations(lines, policy).filter((line) => !quietViolation(line, quiet));
    },
    [Symbol.asyncDispose]() {
      release();
      return Promise.resolve();
    },
  };
}
