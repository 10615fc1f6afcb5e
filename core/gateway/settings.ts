/**
 * The settings of `sase mobile gateway start`: flags over the
 * `mobile_gateway:` configuration over the defaults, and the bind policy.
 *
 * @module
 */

import type { MobileGatewayConfig } from "../config/types.ts";
import { SaseError } from "../errors.ts";
import { splitCommandLine } from "../text/argv.ts";

/** The push providers. */
export const PUSH_PROVIDERS = ["disabled", "test", "fcm"] as const;

/** A push provider name. */
export type PushProviderName = typeof PUSH_PROVIDERS[number];

/** The flags of `sase mobile gateway start` (undefined: not given). */
export interface GatewayFlags {
  port?: number;
  home?: string;
  command?: string;
  bind?: string;
  allowNonLoopback?: boolean;
  push?: PushProviderName;
  fcmProjectId?: string;
  fcmCredentialEnv?: string;
  fcmDryRun?: boolean;
}

/** How push hints are delivered. */
export interface PushSettings {
  provider: PushProviderName;
  fcmProjectId: string;
  fcmServiceAccountJson: string;
  fcmCredentialEnv: string;
  fcmDryRun: boolean;
  timeoutSeconds: number;
  retryLimit: number;
}

/** Everything the gateway starts with. */
export interface GatewaySettings {
  bindAddress: string;
  port: number;
  /** The SASE home root whose `mobile_gateway/` holds the gateway's files (null: SASE_HOME). */
  stateRoot: string | null;
  allowNonLoopback: boolean;
  /** An external gateway command (empty: the built-in gateway in this process). */
  command: string[];
  push: PushSettings;
  startupTimeoutSeconds: number;
}

/** The default port (handbook 15.1). */
export const DEFAULT_PORT = 7629;

/** Merge flags, configuration and defaults. */
export function resolveGatewaySettings(
  config: MobileGatewayConfig | undefined,
  flags: GatewayFlags,
): GatewaySettings {
  const c = config ?? {};
  const nonEmpty = (value: string | undefined) => value && value.trim() ? value.trim() : undefined;
  const commandText = nonEmpty(flags.command) ?? nonEmpty(c.command);
  return {
    bindAddress: nonEmpty(flags.bind) ?? nonEmpty(c.bind_address) ?? "127.0.0.1",
    port: flags.port ?? c.port ?? DEFAULT_PORT,
    stateRoot: nonEmpty(flags.home) ?? nonEmpty(c.state_dir) ?? null,
    allowNonLoopback: flags.allowNonLoopback === true || c.allow_non_loopback === true,
    command: commandText
      ? splitCommandLine(commandText, flags.command ? "-c" : "mobile_gateway.command")
      : [],
    push: {
      provider: flags.push ?? c.push_provider ?? "disabled",
      fcmProjectId: nonEmpty(flags.fcmProjectId) ?? nonEmpty(c.fcm_project_id) ?? "",
      fcmServiceAccountJson: nonEmpty(c.fcm_service_account_json) ?? "",
      fcmCredentialEnv: nonEmpty(flags.fcmCredentialEnv) ?? nonEmpty(c.fcm_credential_env) ?? "",
      fcmDryRun: flags.fcmDryRun === true || c.fcm_dry_run === true,
      timeoutSeconds: c.push_timeout_seconds && c.push_timeout_seconds > 0
        ? c.push_timeout_seconds
        : 5,
      retryLimit: c.push_retry_limit ?? 1,
    },
    startupTimeoutSeconds: c.startup_timeout_seconds && c.startup_timeout_seconds > 0
      ? c.startup_timeout_seconds
      : 10,
  };
}

/** Whether `host` is a loopback address (`localhost`, `127.0.0.0/8`, `::1`). */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (value === "localhost" || value === "::1") return true;
  const parts = value.split(".");
  return parts.length === 4 && parts[0] === "127" &&
    parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/**
 * Refuse a non-loopback bind (a LAN or tailnet address, `0.0.0.0`, `::`)
 * without `-L` (handbook 16.6).
 */
export function checkBindPolicy(settings: GatewaySettings): void {
  if (settings.allowNonLoopback || isLoopbackHost(settings.bindAddress)) return;
  throw new SaseError(
    "gateway.bind_refused",
    "Gateway refuses to bind: non-loopback addresses require `-L`; prefer loopback plus Tailscale Serve.",
    {
      kind: "usage",
      hint: `${settings.bindAddress} is not a loopback address; pass -L/--allow-non-loopback ` +
        "only for an explicit LAN or tailnet address on a trusted private network",
    },
  );
}
