/**
 * Push hints: a wake-up for the phone when something it may care about
 * changed. A hint is derived from an event and carries only ids, a
 * category, a reason and short generic text — never a token, pairing code,
 * prompt, response, attachment token or host path: the phone fetches the
 * real state over the authenticated API after waking.
 *
 * Providers: `disabled` (default), `test` (records each attempt in memory
 * and in `mobile_gateway/push_test_hints.jsonl`, no network), `fcm` (FCM
 * HTTP v1; the credential is a service-account JSON file or an environment
 * variable holding a bearer token or service-account JSON). Delivery is
 * best effort, off the request path: `push_timeout_seconds` per attempt,
 * `push_retry_limit` retries.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { Env } from "../env.ts";
import { appendJsonl } from "../fs/jsonl.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { SaseError } from "../errors.ts";
import type { PushSettings } from "./settings.ts";
import {
  type HintCategory,
  type PushSubscriptionRecordWire,
  readSubscriptions,
} from "./push_subscriptions.ts";
import type { EventRecordWire, PushGatewayStatusWire } from "./wire.ts";

/** A push hint (`PushHintWire`). */
export interface PushHintWire {
  schema_version: 1;
  id: string;
  category: HintCategory;
  reason: string;
  notification_id: string | null;
  agent_name: string | null;
  helper: string | null;
  job_id: string | null;
  title: string;
  body: string;
  created_at: string;
}

/** File the `test` provider records its attempts in. */
export const TEST_HINTS_FILE = "push_test_hints.jsonl";

/** Only plain identifiers (no paths, no spaces) may name an agent in a hint. */
const SAFE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** The hint for `event`, or null when the event wakes nobody (resync, heartbeats). */
export function hintOf(event: EventRecordWire): PushHintWire | null {
  const base = {
    schema_version: 1 as const,
    id: event.id,
    created_at: event.created_at,
    notification_id: null,
    agent_name: null,
    helper: null,
    job_id: null,
  };
  const payload = event.payload;
  const reason = (text: string) => text.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 40);
  if ("notifications_changed" in payload) {
    const p = payload.notifications_changed;
    return {
      ...base,
      category: "notifications",
      reason: reason(p.reason),
      notification_id: p.notification_id && SAFE_NAME.test(p.notification_id)
        ? p.notification_id
        : null,
      title: "SASE inbox",
      body: "Something in your inbox changed.",
    };
  }
  if ("agents_changed" in payload) {
    const p = payload.agents_changed;
    return {
      ...base,
      category: "agents",
      reason: reason(p.reason),
      agent_name: p.agent_name && SAFE_NAME.test(p.agent_name) ? p.agent_name : null,
      title: "SASE agents",
      body: "An agent changed state.",
    };
  }
  if ("helpers_changed" in payload) {
    const p = payload.helpers_changed;
    const update = p.helper === "update";
    return {
      ...base,
      category: update ? "update" : "helpers",
      reason: reason(p.reason),
      helper: p.helper && SAFE_NAME.test(p.helper) ? p.helper : null,
      job_id: p.job_id && SAFE_NAME.test(p.job_id) ? p.job_id : null,
      title: update ? "SASE update" : "SASE",
      body: update ? "The update job changed state." : "A helper finished.",
    };
  }
  if ("session" in payload) {
    return {
      ...base,
      category: "session",
      reason: "device_paired",
      title: "SASE",
      body: "A device was paired.",
    };
  }
  return null;
}

/** The FCM HTTP v1 endpoint of a project (`SASE_FCM_ENDPOINT` replaces it in tests). */
function fcmEndpoint(env: Env, project: string): string {
  const override = env.SASE_FCM_ENDPOINT?.trim();
  return override ||
    `https://fcm.googleapis.com/v1/projects/${encodeURIComponent(project)}/messages:send`;
}

function base64UrlBytes(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Exchange a service account's key for an access token (OAuth JWT bearer grant). */
async function serviceAccountToken(
  account: Record<string, unknown>,
  signal: AbortSignal,
): Promise<string> {
  const email = account.client_email;
  const key = account.private_key;
  const tokenUri = typeof account.token_uri === "string"
    ? account.token_uri
    : "https://oauth2.googleapis.com/token";
  if (typeof email !== "string" || typeof key !== "string") {
    throw new SaseError(
      "gateway.fcm_credential",
      "the service account JSON lacks client_email or private_key",
      {
        kind: "invalid-data",
      },
    );
  }
  const issued = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) =>
    base64UrlBytes(new TextEncoder().encode(JSON.stringify(value)));
  const unsigned = `${encode({ alg: "RS256", typ: "JWT" })}.${
    encode({
      iss: email,
      scope: "https://www.googleapis.com/auth/firebase.messaging",
      aud: tokenUri,
      iat: issued,
      exp: issued + 3600,
    })
  }`;
  const der = Uint8Array.from(
    atob(key.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "")),
    (char) => char.charCodeAt(0),
  );
  const cryptoKey = await crypto.subtle.importKey(
    "pkcs8",
    der,
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign("RSASSA-PKCS1-v1_5", cryptoKey, new TextEncoder().encode(unsigned)),
  );
  const response = await fetch(tokenUri, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion: `${unsigned}.${base64UrlBytes(signature)}`,
    }),
    signal,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok || typeof data.access_token !== "string") {
    throw new SaseError(
      "gateway.fcm_credential",
      `token exchange failed (HTTP ${response.status})`,
      {
        kind: "failed",
      },
    );
  }
  return data.access_token;
}

/** Push delivery for one gateway. */
export class PushHub {
  #settings: PushSettings;
  #stateDir: string;
  #env: Env;
  #now: () => Date;
  #pending = new Set<Promise<void>>();
  #status: PushGatewayStatusWire;
  /** Hints the `test` provider delivered, in order (for in-process tests). */
  readonly testAttempts: { subscriptionId: string; hint: PushHintWire }[] = [];

  constructor(settings: PushSettings, options: { stateDir: string; env: Env; now: () => Date }) {
    this.#settings = settings;
    this.#stateDir = options.stateDir;
    this.#env = options.env;
    this.#now = options.now;
    this.#status = {
      enabled: settings.provider !== "disabled",
      provider: settings.provider,
      attempted: 0,
      succeeded: 0,
      failed: 0,
      last_attempt_at: null,
      last_success_at: null,
      last_failure_at: null,
      last_failure: null,
    };
  }

  /** The counters `/health` shows. */
  status(): PushGatewayStatusWire {
    return { ...this.#status };
  }

  /** Deliver the hint of `event` to the subscriptions that want its category (in the background). */
  deliver(event: EventRecordWire): void {
    if (this.#settings.provider === "disabled") return;
    const hint = hintOf(event);
    if (!hint) return;
    const job = this.#deliverAll(hint).catch(() => {}).finally(() => this.#pending.delete(job));
    this.#pending.add(job);
  }

  async #deliverAll(hint: PushHintWire): Promise<void> {
    const subscriptions = (await readSubscriptions(this.#stateDir)).filter((item) =>
      item.disabled_at === null && item.hint_categories.includes(hint.category)
    );
    for (const subscription of subscriptions) await this.#deliverOne(subscription, hint);
  }

  async #deliverOne(subscription: PushSubscriptionRecordWire, hint: PushHintWire): Promise<void> {
    const attempts = 1 + Math.max(0, this.#settings.retryLimit);
    for (let attempt = 0; attempt < attempts; attempt++) {
      this.#status.attempted += 1;
      this.#status.last_attempt_at = this.#now().toISOString();
      try {
        await this.#send(subscription, hint);
        this.#status.succeeded += 1;
        this.#status.last_success_at = this.#now().toISOString();
        return;
      } catch (error) {
        this.#status.failed += 1;
        this.#status.last_failure_at = this.#now().toISOString();
        // A diagnostic without secrets: the error class and message, which name no token.
        this.#status.last_failure = error instanceof SaseError
          ? error.message
          : (error as Error).name;
      }
    }
  }

  async #send(subscription: PushSubscriptionRecordWire, hint: PushHintWire): Promise<void> {
    if (this.#settings.provider === "test") {
      this.testAttempts.push({ subscriptionId: subscription.id, hint });
      await appendJsonl(join(this.#stateDir, TEST_HINTS_FILE), [{
        subscription_id: subscription.id,
        hint,
      }], { mode: 0o600 });
      return;
    }
    const signal = AbortSignal.timeout(this.#settings.timeoutSeconds * 1000);
    const token = await this.#fcmToken(signal);
    const data: Record<string, string> = {};
    for (const [key, value] of Object.entries(hint)) {
      if (value !== null) data[key] = String(value);
    }
    const response = await fetch(fcmEndpoint(this.#env, this.#settings.fcmProjectId), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        validate_only: this.#settings.fcmDryRun,
        message: {
          token: subscription.provider_token,
          data,
          notification: { title: hint.title, body: hint.body },
        },
      }),
      signal,
    });
    await response.body?.cancel();
    if (!response.ok) {
      throw new SaseError("gateway.fcm_send", `FCM answered HTTP ${response.status}`, {
        kind: "failed",
      });
    }
  }

  async #fcmToken(signal: AbortSignal): Promise<string> {
    const { fcmCredentialEnv, fcmServiceAccountJson, fcmProjectId } = this.#settings;
    if (!fcmProjectId) {
      throw new SaseError(
        "gateway.fcm_credential",
        "no FCM project id (-F / mobile_gateway.fcm_project_id)",
        {
          kind: "usage",
        },
      );
    }
    let text: string | undefined;
    if (fcmCredentialEnv) text = this.#env[fcmCredentialEnv]?.trim();
    else if (fcmServiceAccountJson) {
      text = await readTextBounded(fcmServiceAccountJson, READ_LIMITS.record);
    }
    if (!text) {
      throw new SaseError(
        "gateway.fcm_credential",
        "no FCM credential (-E ENV_VAR or fcm_service_account_json)",
        {
          kind: "usage",
        },
      );
    }
    if (!text.startsWith("{")) return text;
    return await serviceAccountToken(JSON.parse(text), signal);
  }

  /** Wait for deliveries in flight. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }
}
