/**
 * The gateway's HTTP API (`/api/v1`, contract `mobile_api_v1.json`) on
 * Hono: parse each request (zod for bodies), authenticate it, call one
 * core service, answer its wire record. Errors of every route are
 * `ApiErrorWire` records with the statuses of `core/gateway/errors.ts`.
 * Only `GET /health`, `POST /session/pair/start` (and only from a loopback
 * peer) and `POST /session/pair/finish` need no bearer token.
 *
 * @module
 */

import { Hono } from "hono";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import { SASE_VERSION } from "../../../core/version.ts";
import type { GatewayHost } from "../../../core/gateway/host.ts";
import { deviceWire, type StoredDevice } from "../../../core/gateway/devices.ts";
import { addDevice } from "../../../core/gateway/devices.ts";
import { apiErrorOf, GatewayError } from "../../../core/gateway/errors.ts";
import { runHitlAction, runPlanAction } from "../../../core/gateway/actions.ts";
import type { HitlAction, PlanAction } from "../../../core/gateway/actions.ts";
import { rfc3339 } from "../../../core/gateway/wire.ts";
import type {
  HealthResponseWire,
  PairFinishResponseWire,
  PairStartResponseWire,
  SessionResponseWire,
} from "../../../core/gateway/wire.ts";
import type { EventStreams } from "./sse.ts";
import type { PushHub } from "../../../core/gateway/push.ts";
import {
  EmptyActionBody,
  FeedbackBody,
  firstIssue,
  PairFinishBody,
  PairStartBody,
  PlanApproveBody,
  PlanRejectBody,
  PlanRunBody,
  PushSubscriptionBody,
} from "./bodies.ts";
import {
  readSubscriptions,
  registerSubscription,
  revokeSubscription,
} from "../../../core/gateway/push_subscriptions.ts";

/** The largest request body (1 MiB); image launches have their own limit. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the app needs besides the core services. */
export interface GatewayAppOptions {
  host: GatewayHost;
  streams: EventStreams;
  /** The address the server listens on, as `host:port`. */
  bindAddress: string;
  bindIsLoopback: boolean;
  hostLabel: string;
  /** Push hints and subscriptions. */
  push: PushHub;
}

type Env = { Variables: { device: StoredDevice }; Bindings: Deno.ServeHandlerInfo | undefined };
type Ctx = Context<Env>;

/** The capabilities `GET /session` announces. */
export const CAPABILITIES = [
  "notifications",
  "notification_actions",
  "attachments",
  "events",
  "push_subscriptions",
] as const;

function isLoopbackPeer(c: Ctx): boolean {
  const address = c.env?.remoteAddr as Deno.NetAddr | undefined;
  const hostname = address?.hostname ?? "";
  return hostname === "::1" || hostname.startsWith("127.") || hostname === "::ffff:127.0.0.1";
}

async function parseBody<T extends z.ZodType>(c: Ctx, schema: T): Promise<z.infer<T>> {
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

function flag(c: Ctx, name: string): boolean {
  const value = c.req.query(name);
  if (value === undefined || value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw new GatewayError("invalid_request", `query '${name}' must be true or false`, {
    kind: "invalid-input",
  });
}

function limit(c: Ctx, max = 1000): number | null {
  const value = c.req.query("limit");
  if (value === undefined || value === "") return null;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new GatewayError("invalid_request", `query 'limit' must be a whole number 0-${max}`, {
      kind: "invalid-input",
    });
  }
  return Number(value);
}

/** Build the Hono app of one gateway. */
export function gatewayApp(options: GatewayAppOptions): Hono<Env> {
  const { host, streams } = options;
  const app = new Hono<Env>();
  const now = () => host.app.now();

  app.onError((error, c) => {
    const { status, body } = apiErrorOf(error);
    if (status >= 500) host.app.warn(`gateway: ${c.req.method} ${c.req.routePath}: ${error}`);
    return c.json(body, status as 400);
  });
  app.notFound((c) =>
    c.json(
      apiErrorOf(new GatewayError("not_found", "no such route", { kind: "not-found" })).body,
      404,
    )
  );
  app.use(
    "/api/v1/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          apiErrorOf(
            new GatewayError("invalid_request", `request body over ${MAX_BODY_BYTES} bytes`, {
              kind: "invalid-input",
              status: 413,
            }),
          ).body,
          413,
        ),
    }),
  );

  /** Run a mutation and audit its outcome (never its body). */
  async function audited<T>(c: Ctx, target: string | null, run: () => Promise<T>): Promise<T> {
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

  app.get("/api/v1/health", (c) =>
    c.json<HealthResponseWire>({
      schema_version: 1,
      status: "ok",
      service: "sase_gateway",
      version: SASE_VERSION,
      build: { package_version: SASE_VERSION, git_sha: null },
      bind: { address: options.bindAddress, is_loopback: options.bindIsLoopback },
      push: options.push.status(),
    }));

  app.post("/api/v1/session/pair/start", async (c) => {
    if (!isLoopbackPeer(c)) {
      throw new GatewayError(
        "permission_denied",
        "pairing can only be started on the host itself",
        { kind: "invalid-input", hint: "run `sase mobile gateway start` on the host" },
      );
    }
    const body = await parseBody(c, PairStartBody);
    const challenge = host.pairing.start(now());
    return c.json<PairStartResponseWire>({
      schema_version: 1,
      pairing_id: challenge.pairingId,
      code: challenge.code,
      expires_at: rfc3339(challenge.expiresAt),
      host_label: body.host_label ?? options.hostLabel,
      host_fingerprint: null,
    });
  });

  app.post("/api/v1/session/pair/finish", async (c) => {
    const body = await parseBody(c, PairFinishBody);
    const endpoint = "POST /api/v1/session/pair/finish";
    try {
      host.pairing.consume(body.pairing_id, body.code, now());
    } catch (error) {
      await host.audit({
        deviceId: null,
        endpoint,
        target: body.pairing_id,
        outcome: apiErrorOf(error).body.code,
      });
      throw error;
    }
    const { device, token } = await addDevice(host.stateDir, {
      displayName: body.device.display_name,
      platform: body.device.platform,
      appVersion: body.device.app_version ?? null,
    }, now());
    await host.audit({
      deviceId: device.device_id,
      endpoint,
      target: body.pairing_id,
      outcome: "ok",
    });
    host.publish({ session: { device_id: device.device_id } });
    return c.json<PairFinishResponseWire>({
      schema_version: 1,
      device: deviceWire(device),
      token_type: "bearer",
      token,
    });
  });

  // Everything below needs a paired, unrevoked device.
  app.use("/api/v1/*", async (c, next) => {
    const device = await host.devices.authenticate(c.req.header("authorization"), now());
    c.set("device", device);
    await next();
  });

  app.get("/api/v1/session", (c) =>
    c.json<SessionResponseWire>({
      schema_version: 1,
      device: deviceWire(c.get("device")),
      capabilities: [...CAPABILITIES],
    }));

  app.get("/api/v1/session/push-subscriptions", async (c) => {
    const deviceId = c.get("device").device_id;
    const subscriptions = (await readSubscriptions(host.stateDir)).filter((item) =>
      item.device_id === deviceId && item.disabled_at === null
    );
    return c.json({ schema_version: 1, subscriptions });
  });

  app.post("/api/v1/session/push-subscriptions", async (c) => {
    const body = await parseBody(c, PushSubscriptionBody);
    const result = await audited(
      c,
      null,
      () =>
        registerSubscription(host.stateDir, c.get("device").device_id, {
          provider: body.provider,
          provider_token: body.provider_token,
          app_instance_id: body.app_instance_id ?? null,
          device_display_name: body.device_display_name ?? null,
          platform: body.platform ?? null,
          app_version: body.app_version ?? null,
          hint_categories: [...new Set(body.hint_categories)],
        }, now()),
    );
    return c.json({ schema_version: 1, ...result });
  });

  app.delete("/api/v1/session/push-subscriptions/:id", async (c) => {
    const id = c.req.param("id");
    const result = await audited(
      c,
      id,
      () => revokeSubscription(host.stateDir, c.get("device").device_id, id, now()),
    );
    return c.json({ schema_version: 1, ...result });
  });

  app.get(
    "/api/v1/events",
    (c) => streams.open(host.events, c.req.header("last-event-id") ?? null),
  );

  app.get("/api/v1/notifications", async (c) =>
    c.json(
      await host.inbox.list({
        unreadOnly: flag(c, "unread") || flag(c, "unread_only"),
        includeDismissed: flag(c, "include_dismissed"),
        includeSilent: flag(c, "include_silent"),
        limit: limit(c),
      }),
    ));

  app.get(
    "/api/v1/notifications/:id",
    async (c) =>
      c.json(await host.inbox.detail(c.req.param("id"), c.get("device").device_id, host.vault)),
  );

  for (const [route, change] of [["mark-read", "read"], ["dismiss", "dismiss"]] as const) {
    app.post(`/api/v1/notifications/:id/${route}`, async (c) => {
      const id = c.req.param("id");
      const result = await audited(c, id, () => host.inbox.mutate(id, change));
      if (result.changed) {
        host.notificationsChanged(
          change === "read" ? "mark_read" : "dismiss",
          result.notification_id,
        );
      }
      return c.json(result);
    });
  }

  app.get("/api/v1/attachments/:token", async (c) => {
    const file = await host.vault.download(c.req.param("token"), c.get("device").device_id);
    const name = file.displayName.replace(/[^\w.\- ]/g, "_");
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": file.contentType,
      "content-length": String(file.bytes.length),
      "content-disposition": `attachment; filename="${name}"`,
    });
  });

  async function planAction(c: Ctx, action: string): Promise<PlanAction> {
    switch (action) {
      case "approve": {
        const body = await parseBody(c, PlanApproveBody);
        return { action: "approve", commitPlan: body.commit_plan, runCoder: body.run_coder };
      }
      case "run":
        return {
          action: "run",
          coderPrompt: (await parseBody(c, PlanRunBody)).coder_prompt ?? null,
        };
      case "reject":
        return {
          action: "reject",
          feedback: (await parseBody(c, PlanRejectBody)).feedback ?? null,
        };
      case "feedback":
        return { action: "feedback", feedback: (await parseBody(c, FeedbackBody)).feedback };
      case "epic":
      case "legend":
        await parseBody(c, EmptyActionBody);
        return { action };
      default:
        throw unsupported(action);
    }
  }

  async function hitlAction(c: Ctx, action: string): Promise<HitlAction> {
    switch (action) {
      case "accept":
      case "reject":
        await parseBody(c, EmptyActionBody);
        return { action };
      case "feedback":
        return { action: "feedback", feedback: (await parseBody(c, FeedbackBody)).feedback };
      default:
        throw unsupported(action);
    }
  }

  app.post("/api/v1/actions/plan/:prefix/:action", async (c) => {
    const prefix = c.req.param("prefix");
    const outcome = await audited(
      c,
      prefix,
      async () => runPlanAction(host.app, prefix, await planAction(c, c.req.param("action"))),
    );
    host.notificationsChanged("plan_action", outcome.result.notification_id);
    for (const name of outcome.launched) host.agentsChanged("launched", name);
    return c.json(outcome.result);
  });

  app.post("/api/v1/actions/hitl/:prefix/:action", async (c) => {
    const prefix = c.req.param("prefix");
    const outcome = await audited(
      c,
      prefix,
      async () => runHitlAction(host.app, prefix, await hitlAction(c, c.req.param("action"))),
    );
    host.notificationsChanged("hitl_action", outcome.result.notification_id);
    host.agentsChanged("hitl_action", null);
    return c.json(outcome.result);
  });

  return app;
}

function unsupported(action: string): GatewayError {
  return new GatewayError("unsupported_action", `unknown action '${action}'`, {
    kind: "invalid-input",
    target: action,
  });
}
