/**
 * The gateway's HTTP API (`/api/v1`, contract `mobile_api_v1.json`) on
 * Hono: parse each request (zod for bodies), authenticate it, call one
 * core service, answer its wire record. Errors of every route are
 * `ApiErrorWire` records with the statuses of `core/gateway/errors.ts`.
 * Only `GET /health`, `POST /session/pair/start` (and only from a loopback
 * peer) and `POST /session/pair/finish` need no bearer token — besides the
 * phone web app's static files and its CSP report endpoint (`phone_app.ts`).
 *
 * @module
 */

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { SASE_VERSION } from "../../../core/version.ts";
import type { GatewayHost } from "../../../core/gateway/host.ts";
import { addDevice, deviceWire } from "../../../core/gateway/devices.ts";
import { apiErrorOf, GatewayError } from "../../../core/gateway/errors.ts";
import { rfc3339 } from "../../../core/gateway/wire.ts";
import type {
  HealthResponseWire,
  PairFinishResponseWire,
  PairStartResponseWire,
  SessionResponseWire,
} from "../../../core/gateway/wire.ts";
import type { EventStreams } from "./sse.ts";
import { audited, type Env, flag, isLoopbackPeer, limit, parseBody } from "./request.ts";
import { registerAgentRoutes } from "./routes_agents.ts";
import { registerActionRoutes } from "./routes_actions.ts";
import { registerHelperRoutes } from "./routes_helpers.ts";
import { registerPhoneApp } from "./phone_app.ts";
import type { PushHub } from "../../../core/gateway/push.ts";
import { PairFinishBody, PairStartBody, PushSubscriptionBody } from "./bodies.ts";
import {
  readSubscriptions,
  registerSubscription,
  revokeSubscription,
} from "../../../core/gateway/push_subscriptions.ts";

/** The largest request body (1 MiB); image launches have their own limit. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The largest image launch body: a 10 MiB image in base64 and the other fields. */
export const MAX_IMAGE_BODY_BYTES = 14 * 1024 * 1024;

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

/** The capabilities `GET /session` announces. */
export const CAPABILITIES = [
  "notifications",
  "notification_actions",
  "attachments",
  "events",
  "push_subscriptions",
] as const;

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
  const limitOf = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(
          apiErrorOf(
            new GatewayError("invalid_request", `request body over ${maxSize} bytes`, {
              kind: "invalid-input",
              status: 413,
            }),
          ).body,
          413,
        ),
    });
  const small = limitOf(MAX_BODY_BYTES);
  const image = limitOf(MAX_IMAGE_BODY_BYTES);
  app.use(
    "/api/v1/*",
    (c, next) => (c.req.path === "/api/v1/agents/launch-image" ? image : small)(c, next),
  );

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
      host,
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
      host,
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
      c.json(
        await host.inbox.detail(
          c.req.param("id"),
          c.get("device").device_id,
          host.vault,
          host.stateDir,
        ),
      ),
  );

  for (const [route, change] of [["mark-read", "read"], ["dismiss", "dismiss"]] as const) {
    app.post(`/api/v1/notifications/:id/${route}`, async (c) => {
      const id = c.req.param("id");
      const result = await audited(host, c, id, () => host.inbox.mutate(id, change));
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

  registerActionRoutes(app, host);
  registerAgentRoutes(app, host);
  registerHelperRoutes(app, host);
  registerPhoneApp(app, host);
  return app;
}
