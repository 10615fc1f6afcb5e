/**
 * What every route shares: the request context type, body parsing (zod),
 * query flags and limits, and the audit wrapper of mutations.
 *
 * @module
 */

import type { Context } from "hono";
import type { z } from "zod";
import type { StoredDevice } from "../../../core/gateway/devices.ts";
import type { GatewayHost } from "../../../core/gateway/host.ts";
import { apiErrorOf, GatewayError } from "../../../core/gateway/errors.ts";
import { firstIssue } from "./bodies.ts";

/** The Hono environment of the gateway: the authenticated device, the connection. */
export type Env = {
  Variables: { device: StoredDevice };
  Bindings: Deno.ServeHandlerInfo | undefined;
};

/** A request context. */
export type Ctx = Context<Env>;

/** Whether the peer is on this machine. */
export function isLoopbackPeer(c: Ctx): boolean {
  const address = c.env?.remoteAddr as Deno.NetAddr | undefined;
  const hostname = address?.hostname ?? "";
  return hostname === "::1" || hostname.startsWith("127.") || hostname === "::ffff:127.0.0.1";
}

/** The request body, validated by `schema`. */
export async function parseBody<T extends z.ZodType>(c: Ctx, schema: T): Promise<z.infer<T>> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    throw new GatewayError("invalid_request", "the request body must be a JSON object", {
      kind: "invalid-input",
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new GatewayError("invalid_request", `invalid request body: ${firstIssue(parsed.error)}`, {
      kind: "invalid-input",
    });
  }
  return parsed.data;
}

/** A boolean query flag (`true`/`1`, `false`/`0`/absent). */
export function flag(c: Ctx, name: string): boolean {
  const value = c.req.query(name);
  if (value === undefined || value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw new GatewayError("invalid_request", `query '${name}' must be true or false`, {
    kind: "invalid-input",
  });
}

/** The `limit` query (at most `max`), or null. */
export function limit(c: Ctx, max = 1000): number | null {
  const value = c.req.query("limit");
  if (value === undefined || value === "") return null;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new GatewayError("invalid_request", `query 'limit' must be a whole number 0-${max}`, {
      kind: "invalid-input",
    });
  }
  return Number(value);
}

/** A text query, trimmed; null when absent or blank. */
export function textQuery(c: Ctx, name: string): string | null {
  const value = c.req.query(name)?.trim();
  return value ? value : null;
}

/** Run a mutation and audit its outcome (never its body). */
export async function audited<T>(
  host: GatewayHost,
  c: Ctx,
  target: string | null,
  run: () => Promise<T>,
): Promise<T> {
  const endpoint = `${c.req.method} ${c.req.routePath}`;
  const deviceId = c.get("device")?.device_id ?? null;
  try {
    const result = await run();
    const outcome = (result as { changed?: boolean })?.changed === false ? "unchanged" : "ok";
    await host.audit({ deviceId, endpoint, target, outcome });
    return result;
  } catch (error) {
    await host.audit({ deviceId, endpoint, target, outcome: apiErrorOf(error).body.code });
    throw error;
  }
}
