/**
 * The sandbox runtime (`npm:@anthropic-ai/sandbox-runtime`) in a thread of
 * its own: loading it and starting its session (proxies, violation
 * monitor) is CPU work that would otherwise stall the launch it is meant to
 * overlap with, and its proxies serve the jailed commands from here. It is
 * trusted code with the process's permissions; `jail.ts` is its only
 * client.
 *
 * @module
 */

import process from "node:process";
import { SandboxManager, type SandboxRuntimeConfig } from "@anthropic-ai/sandbox-runtime";

/** The filesystem rules of one wrapped command. */
export interface WrapFilesystem {
  denyRead: string[];
  allowRead: string[];
  allowWrite: string[];
  denyWrite: string[];
}

/** What `jail.ts` asks. */
export type RuntimeRequest =
  | { id: number; op: "start"; config: SandboxRuntimeConfig }
  | { id: number; op: "stop" }
  | {
    id: number;
    op: "wrap";
    command: string;
    commandId: string;
    commandText: string;
    hosts: string[];
    filesystem: WrapFilesystem;
  }
  | { id: number; op: "release"; commandId: string; wrapped: boolean }
  | { id: number; op: "violations"; commandId: string };

/** What it answers. */
export type RuntimeReply =
  | { id: number; ok: true; value?: string | string[] }
  | { id: number; ok: false; message: string };

/**
 * The directory this thread's runtime takes for the host's working
 * directory, while a session runs.
 *
 * The runtime keeps "dangerous" names under `process.cwd()` from being
 * written (shell start-up files, `.gitconfig`, `.mcp.json`, `.vscode/`,
 * `.claude/commands/`, repositories' hooks and config), found by a ripgrep
 * scan a few levels deep at every wrap, and makes an empty mount point on
 * the host for each that is absent: it is written for a host whose working
 * directory is the project it confines. sase's is not: it is whatever
 * directory a foreground `sase run` was started in (often the user's
 * checkout, where a dozen empty files would appear while the agent runs, and
 * the scan walks whatever tree that is) or a detached run's artifact
 * directory. What sase protects inside the workspace goes with each command
 * (`policy.ts`: a checkout's `.git/hooks` and `.git/config`). This thread's
 * `process` is its own, so pointing its `cwd()` at an empty private
 * directory outside every writable path leaves the runtime nothing to scan
 * and no mount point to make, and changes nothing for the rest of the
 * process. Every path sase hands the runtime is absolute.
 */
let workDir: string | undefined;

function enterWorkDir(): void {
  workDir ??= Deno.makeTempDirSync({ prefix: "sase-jail-" });
  Deno.chmodSync(workDir, 0o700);
  const dir = workDir;
  process.cwd = () => dir;
}

function leaveWorkDir(): void {
  if (workDir) Deno.removeSync(workDir, { recursive: true });
  workDir = undefined;
}

async function start(config: SandboxRuntimeConfig): Promise<void> {
  enterWorkDir();
  const before = new Set([...process.listeners("SIGINT"), ...process.listeners("SIGTERM")]);
  try {
    await SandboxManager.initialize(config, undefined, true);
  } finally {
    // The runtime resets itself on SIGINT/SIGTERM, which would also stop
    // those signals from ending the process: the run decides what they do.
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      for (const listener of process.listeners(signal)) {
        if (!before.has(listener)) process.removeListener(signal, listener);
      }
    }
  }
}

/** This process's children running `socat`: the session's proxy relays (Linux). */
function relayPids(): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const [state, parent] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (comm === "socat" && Number(parent) === Deno.pid && state !== "Z") found.push(pid);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * Stops the relays when this process dies without stopping them (SIGKILL, a
 * crash): the runtime stops them only with its session. It exits by itself
 * once the relays are gone, so it never signals a reused pid.
 */
const WATCHDOG = `owner=$1; shift
while kill -0 "$owner" 2>/dev/null; do
  alive=
  for relay in "$@"; do kill -0 "$relay" 2>/dev/null && alive=1; done
  [ -n "$alive" ] || exit 0
  sleep 2 &
  wait $!
done
kill "$@" 2>/dev/null`;

let watchdog: Deno.ChildProcess | undefined;

function watchRelays(): void {
  const relays = relayPids();
  if (relays.length === 0) return;
  watchdog = new Deno.Command("/bin/sh", {
    args: ["-c", WATCHDOG, "sase-relay-watchdog", String(Deno.pid), ...relays.map(String)],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  // It must not keep this process alive; it watches it.
  watchdog.unref();
}

function stopWatchdog(): void {
  try {
    watchdog?.kill("SIGTERM");
  } catch {
    // Already gone.
  }
  watchdog = undefined;
}

/** How long the monitor must stay quiet before a command's violations count as complete. */
const QUIET_MS = 50;
/** At most this long is spent waiting for it. */
const SETTLE_LIMIT_MS = 1000;

/**
 * The violations of `commandId`, once the monitor has delivered what it saw:
 * its reports arrive over a socket, so the last ones may still be in flight
 * when the command has just ended (measured: up to tens of milliseconds
 * after the jail's last process is gone, on a busy machine).
 */
async function settledViolations(commandId: string): Promise<string[]> {
  const read = () =>
    SandboxManager.getSandboxViolationStore().getViolationsForCommand(commandId)
      .map((violation) => violation.line);
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let lines = read();
  while (Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, QUIET_MS));
    const next = read();
    if (next.length === lines.length) return next;
    lines = next;
  }
  return lines;
}

async function handle(request: RuntimeRequest): Promise<string | string[] | undefined> {
  switch (request.op) {
    case "start":
      await start(request.config);
      if (Deno.build.os === "linux") watchRelays();
      return;
    case "stop":
      stopWatchdog();
      await SandboxManager.reset();
      leaveWorkDir();
      return;
    case "wrap":
      // A command's hosts go under its own unguessable id (see `jail.ts`).
      SandboxManager.registerCommandNetworkLists(request.commandId, {
        allowedDomains: request.hosts,
      });
      return await SandboxManager.wrapWithSandbox(
        request.command,
        "/bin/sh",
        { filesystem: request.filesystem },
        undefined,
        { commandId: request.commandId, commandText: request.commandText },
      );
    case "release":
      SandboxManager.unregisterCommandNetworkLists(request.commandId);
      // A wrap that threw released its mounts itself.
      if (request.wrapped) SandboxManager.cleanupAfterCommand();
      return;
    case "violations":
      return await settledViolations(request.commandId);
  }
}

/**
 * This thread's side of its channel (the worker scope, typed here: a
 * `deno.worker` lib directive would change the globals of every module
 * type-checked with this one).
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RuntimeRequest>) => void) | null;
  postMessage(message: RuntimeReply): void;
};

scope.onmessage = async (event: MessageEvent<RuntimeRequest>) => {
  const { id } = event.data;
  try {
    scope.postMessage({ id, ok: true, value: await handle(event.data) } satisfies RuntimeReply);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ id, ok: false, message } satisfies RuntimeReply);
  }
};
