/**
 * `sase mobile gateway start`: run the gateway in the foreground.
 *
 * The built-in gateway runs in this process; `-c COMMAND` runs an external
 * gateway program instead (split into argv without a shell, given
 * `--bind host:port` and the other settings as flags). Either way the
 * command waits for `GET /api/v1/health`, creates a one-time pairing
 * challenge and prints exactly the five lines of handbook 15.1, then serves
 * until Ctrl-C or SIGTERM, when it ends every event stream and stops.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { SaseError } from "../../core/errors.ts";
import { definedEnv } from "../../core/env.ts";
import {
  checkBindPolicy,
  type GatewayFlags,
  type GatewaySettings,
  resolveGatewaySettings,
} from "../../core/gateway/settings.ts";
import { rfc3339 } from "../../core/gateway/wire.ts";
import { serveGateway } from "./gateway/serve.ts";

/** The options commander parses. */
export interface GatewayStartOptions {
  port?: number;
  saseHome?: string;
  command?: string;
  bind?: string;
  allowNonLoopback?: boolean;
  pushProvider?: GatewayFlags["push"];
  fcmProjectId?: string;
  fcmCredentialEnv?: string;
  fcmDryRun?: boolean;
}

/** The pairing details printed for the person at the host. */
interface Printed {
  url: string;
  code: string;
  pairingId: string;
  expiresAt: string;
}

function printPairing(printed: Printed): void {
  console.log(`Starting SASE mobile gateway at ${printed.url}`);
  console.log(`Pairing code: ${printed.code}`);
  console.log(`Pairing ID: ${printed.pairingId}`);
  console.log(`Expires at: ${printed.expiresAt}`);
  console.log("Keep this process running while mobile clients connect.");
}

/** Resolves on the first Ctrl-C or SIGTERM. */
function untilSignal(): { promise: Promise<string>; dispose(): void } {
  const { promise, resolve } = Promise.withResolvers<string>();
  const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
    const handler = () => resolve(signal);
    Deno.addSignalListener(signal, handler);
    return () => Deno.removeSignalListener(signal, handler);
  });
  return { promise, dispose: () => handlers.forEach((remove) => remove()) };
}

/** Poll `GET /api/v1/health` until it answers `ok`, for at most `seconds`. */
async function waitForHealth(
  url: string,
  seconds: number,
  exited?: Promise<unknown>,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let last = "no answer";
  let gone = false;
  exited?.then(() => gone = true);
  while (Date.now() < deadline) {
    if (gone) {
      throw new SaseError("gateway.exited", "the gateway exited before it became ready", {
        kind: "failed",
      });
    }
    try {
      const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(500) });
      const body = await response.json().catch(() => null);
      if (response.ok && body?.status === "ok") return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new SaseError(
    "gateway.not_ready",
    `mobile gateway did not become ready within ${seconds}s: ${last}`,
    {
      kind: "unavailable",
      hint: "raise mobile_gateway.startup_timeout_seconds, or check the port",
    },
  );
}

async function runBuiltIn(app: AppContext, settings: GatewaySettings): Promise<void> {
  let gateway;
  try {
    gateway = serveGateway(app, settings);
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new SaseError(
        "gateway.port_in_use",
        `${settings.bindAddress}:${settings.port} is already in use`,
        { kind: "unavailable", hint: "pass another port with -p, or stop the other gateway" },
      );
    }
    if (error instanceof Deno.errors.AddrNotAvailable) {
      throw new SaseError(
        "gateway.bind_failed",
        `cannot bind ${settings.bindAddress}: no such local address`,
        { kind: "unavailable" },
      );
    }
    throw error;
  }
  const signal = untilSignal();
  try {
    await waitForHealth(gateway.url, settings.startupTimeoutSeconds);
    const challenge = gateway.host.pairing.start(app.now());
    printPairing({
      url: gateway.url,
      code: challenge.code,
      pairingId: challenge.pairingId,
      expiresAt: rfc3339(challenge.expiresAt),
    });
    await Promise.race([signal.promise, gateway.finished]);
  } finally {
    signal.dispose();
    await gateway.close();
  }
}

/** The argv of an external gateway (the flags the original's Rust gateway takes). */
function externalArgv(settings: GatewaySettings): string[] {
  const argv = [...settings.command, "--bind", `${settings.bindAddress}:${settings.port}`];
  if (settings.stateRoot) argv.push("--sase-home", settings.stateRoot);
  const push = settings.push;
  if (push.provider !== "disabled") argv.push("--push-provider", push.provider);
  if (push.fcmProjectId) argv.push("--fcm-project-id", push.fcmProjectId);
  if (push.fcmServiceAccountJson) {
    argv.push("--fcm-service-account-json", push.fcmServiceAccountJson);
  }
  if (push.fcmCredentialEnv) argv.push("--fcm-credential-env", push.fcmCredentialEnv);
  if (push.fcmDryRun) argv.push("--fcm-dry-run");
  if (settings.allowNonLoopback) argv.push("--allow-non-loopback");
  return argv;
}

async function runExternal(app: AppContext, settings: GatewaySettings): Promise<void> {
  const [program, ...args] = externalArgv(settings);
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(program, {
      args,
      env: definedEnv(app.env),
      clearEnv: true,
      cwd: app.cwd,
    }).spawn();
  } catch (error) {
    throw new SaseError(
      "gateway.command",
      `cannot run gateway command ${program}: ${(error as Error).message}`,
      {
        kind: "unavailable",
      },
    );
  }
  const host = settings.bindAddress === "0.0.0.0" ? "127.0.0.1" : settings.bindAddress;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${settings.port}`;
  const signal = untilSignal();
  try {
    await waitForHealth(url, settings.startupTimeoutSeconds, child.status);
    const response = await fetch(`${url}/api/v1/session/pair/start`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ schema_version: 1 }),
    });
    const pairing = await response.json().catch(() => null);
    if (!response.ok || typeof pairing?.code !== "string") {
      throw new SaseError(
        "gateway.pairing",
        `the gateway refused to start pairing (HTTP ${response.status})`,
        {
          kind: "failed",
        },
      );
    }
    printPairing({
      url,
      code: pairing.code,
      pairingId: pairing.pairing_id,
      expiresAt: pairing.expires_at,
    });
    const winner = await Promise.race([signal.promise, child.status]);
    if (typeof winner !== "string") Deno.exitCode = winner.code;
  } finally {
    signal.dispose();
    try {
      child.kill("SIGTERM");
    } catch {
      // Already gone.
    }
    await child.status;
  }
}

/** Run `sase mobile gateway start`. */
export async function runGatewayStart(
  app: AppContext,
  options: GatewayStartOptions,
): Promise<void> {
  const config = (await app.config()).config.mobile_gateway;
  const settings = resolveGatewaySettings(config, {
    port: options.port,
    home: options.saseHome,
    command: options.command,
    bind: options.bind,
    allowNonLoopback: options.allowNonLoopback,
    push: options.pushProvider,
    fcmProjectId: options.fcmProjectId,
    fcmCredentialEnv: options.fcmCredentialEnv,
    fcmDryRun: options.fcmDryRun,
  });
  checkBindPolicy(settings);
  if (settings.port > 65535) {
    throw new SaseError("gateway.port", `port ${settings.port} is out of range (0-65535)`, {
      kind: "usage",
    });
  }
  if (settings.command.length > 0) await runExternal(app, settings);
  else await runBuiltIn(app, settings);
}
