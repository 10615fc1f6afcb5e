/**
 * Push subscriptions: `mobile_gateway/push_subscriptions.json`. A device
 * registers the opaque token its push provider gave the app; registering
 * the same provider token again updates that subscription instead of
 * adding one. Each device sees and revokes only its own subscriptions.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { withFileLock } from "../fs/lock.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonFile } from "../fs/json_object.ts";
import { SaseError } from "../errors.ts";
import { newId } from "./tokens.ts";
import { GatewayError } from "./errors.ts";
import { GATEWAY_FILES } from "./paths.ts";

/** The hint categories a subscription may ask for. */
export const HINT_CATEGORIES = ["notifications", "agents", "helpers", "update", "session"] as const;

/** One hint category. */
export type HintCategory = typeof HINT_CATEGORIES[number];

/** The providers a subscription may name. */
export const SUBSCRIPTION_PROVIDERS = ["fcm", "unified_push", "ntfy", "test"] as const;

/** A stored subscription (its wire form too). */
export interface PushSubscriptionRecordWire {
  schema_version: 1;
  id: string;
  device_id: string;
  provider: typeof SUBSCRIPTION_PROVIDERS[number];
  provider_token: string;
  app_instance_id: string | null;
  device_display_name: string | null;
  platform: string | null;
  app_version: string | null;
  hint_categories: HintCategory[];
  enabled_at: string;
  disabled_at: string | null;
  last_seen_at: string | null;
}

/** What a device registers. */
export type SubscriptionRequest = Pick<
  PushSubscriptionRecordWire,
  | "provider"
  | "provider_token"
  | "app_instance_id"
  | "device_display_name"
  | "platform"
  | "app_version"
  | "hint_categories"
>;

function pathOf(stateDir: string): string {
  return join(stateDir, GATEWAY_FILES.pushSubscriptions);
}

/** Every stored subscription (disabled ones included). */
export async function readSubscriptions(stateDir: string): Promise<PushSubscriptionRecordWire[]> {
  const path = pathOf(stateDir);
  const data = await readJsonFile(path, "gateway.push_subscriptions");
  if (data === undefined) return [];
  const list = (data as { subscriptions?: unknown })?.subscriptions;
  if (!Array.isArray(list)) {
    throw new SaseError(
      "gateway.push_subscriptions",
      `${path}: field 'subscriptions' must be a list`,
      {
        kind: "invalid-data",
      },
    );
  }
  return list as PushSubscriptionRecordWire[];
}

async function update<T>(
  stateDir: string,
  change: (list: PushSubscriptionRecordWire[]) => T,
): Promise<T> {
  const path = pathOf(stateDir);
  await Deno.mkdir(stateDir, { recursive: true, mode: 0o700 });
  return await withFileLock(path, async () => {
    const list = await readSubscriptions(stateDir);
    const result = change(list);
    await atomicWriteJson(path, { schema_version: 1, subscriptions: list }, { mode: 0o600 });
    return result;
  });
}

/** Register (or update, for a known provider token) a subscription of `deviceId`. */
export function registerSubscription(
  stateDir: string,
  deviceId: string,
  request: SubscriptionRequest,
  now: Date,
): Promise<{ created: boolean; subscription: PushSubscriptionRecordWire }> {
  return update(stateDir, (list) => {
    const stamp = now.toISOString();
    const existing = list.find((item) =>
      item.device_id === deviceId && item.provider === request.provider &&
      item.provider_token === request.provider_token
    );
    if (existing) {
      Object.assign(existing, request, { disabled_at: null, last_seen_at: stamp });
      return { created: false, subscription: existing };
    }
    const subscription: PushSubscriptionRecordWire = {
      schema_version: 1,
      id: newId("sub"),
      device_id: deviceId,
      ...request,
      enabled_at: stamp,
      disabled_at: null,
      last_seen_at: stamp,
    };
    list.push(subscription);
    return { created: true, subscription };
  });
}

/** Disable subscription `id` of `deviceId`; another device's id is not found. */
export function revokeSubscription(
  stateDir: string,
  deviceId: string,
  id: string,
  now: Date,
): Promise<{ revoked: boolean; subscription: PushSubscriptionRecordWire }> {
  return update(stateDir, (list) => {
    const subscription = list.find((item) => item.id === id && item.device_id === deviceId);
    if (!subscription) {
      throw new GatewayError("not_found", `no push subscription '${id}'`, {
        kind: "not-found",
        target: id,
      });
    }
    const revoked = subscription.disabled_at === null;
    if (revoked) subscription.disabled_at = now.toISOString();
    return { revoked, subscription };
  });
}
