/**
 * Paired devices: `mobile_gateway/devices.json`.
 *
 * Each device is stored with the SHA-256 of its bearer token, never the
 * token. Authentication hashes the presented token and compares it with
 * every stored hash in constant time. The file is re-read when it changes
 * on disk, so a revocation written by another process (`sase mobile device
 * revoke`, or an operator editing the file) takes effect on the next
 * request. Writes go through the file's lock and an atomic rename.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { withFileLock } from "../fs/lock.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonFile } from "../fs/json_object.ts";
import { SaseError } from "../errors.ts";
import { sha256Hex } from "../text/sha256.ts";
import { constantTimeEqual, newBearerToken, newId, TOKEN_PREFIX } from "./tokens.ts";
import { GatewayError } from "./errors.ts";
import { GATEWAY_FILES } from "./paths.ts";
import type { DeviceRecordWire } from "./wire.ts";

/** A device as stored. */
export interface StoredDevice {
  device_id: string;
  display_name: string;
  platform: string;
  app_version: string | null;
  paired_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** SHA-256 (hex) of the bearer token. */
  token_sha256: string;
}

/** What a client says about itself when pairing. */
export interface DeviceMetadata {
  displayName: string;
  platform: string;
  appVersion: string | null;
}

/** The wire view of a stored device (without its hash). */
export function deviceWire(device: StoredDevice): DeviceRecordWire {
  return {
    schema_version: 1,
    device_id: device.device_id,
    display_name: device.display_name,
    platform: device.platform,
    app_version: device.app_version,
    paired_at: device.paired_at,
    last_seen_at: device.last_seen_at,
    revoked_at: device.revoked_at,
  };
}

/** The path of `devices.json` in the state directory `stateDir`. */
export function devicesPath(stateDir: string): string {
  return join(stateDir, GATEWAY_FILES.devices);
}

function isStoredDevice(value: unknown): value is StoredDevice {
  const device = value as StoredDevice;
  return typeof device === "object" && device !== null &&
    typeof device.device_id === "string" && typeof device.token_sha256 === "string" &&
    typeof device.display_name === "string" && typeof device.platform === "string";
}

/** Read every device of `devices.json`; a missing file holds none. */
export async function readDevices(stateDir: string): Promise<StoredDevice[]> {
  const path = devicesPath(stateDir);
  const data = await readJsonFile(path, "gateway.devices");
  if (data === undefined) return [];
  const list = (data as { devices?: unknown })?.devices;
  if (!Array.isArray(list)) {
    throw new SaseError("gateway.devices", `${path}: field 'devices' must be a list`, {
      kind: "invalid-data",
      hint: "restore the file from a backup, or remove it and pair again",
    });
  }
  const index = list.findIndex((item) => !isStoredDevice(item));
  if (index !== -1) {
    throw new SaseError(
      "gateway.devices",
      `${path}: devices[${index}] needs string device_id, display_name, platform and token_sha256`,
      { kind: "invalid-data", hint: "restore the file from a backup, or remove the entry" },
    );
  }
  return list as StoredDevice[];
}

/** Change the device list under the lock; `change` returns the new list. */
async function updateDevices<T>(
  stateDir: string,
  change: (devices: StoredDevice[]) => { devices: StoredDevice[]; result: T },
): Promise<T> {
  const path = devicesPath(stateDir);
  await Deno.mkdir(stateDir, { recursive: true, mode: 0o700 });
  return await withFileLock(path, async () => {
    const { devices, result } = change(await readDevices(stateDir));
    await atomicWriteJson(path, { schema_version: 1, devices }, { mode: 0o600 });
    return result;
  });
}

/** Add a new device; resolves to it and its token (the only time the token exists). */
export async function addDevice(
  stateDir: string,
  metadata: DeviceMetadata,
  now: Date,
): Promise<{ device: StoredDevice; token: string }> {
  const token = newBearerToken();
  const device: StoredDevice = {
    device_id: newId("dev"),
    display_name: metadata.displayName,
    platform: metadata.platform,
    app_version: metadata.appVersion,
    paired_at: now.toISOString(),
    last_seen_at: null,
    revoked_at: null,
    token_sha256: sha256Hex(token),
  };
  await updateDevices(stateDir, (devices) => ({ devices: [...devices, device], result: null }));
  return { device, token };
}

/**
 * Revoke a device by id: its token stops working at once. Resolves to the
 * device and whether it changed (revoking twice keeps the first time).
 */
export async function revokeDevice(
  stateDir: string,
  deviceId: string,
  now: Date,
): Promise<{ device: StoredDevice; changed: boolean }> {
  return await updateDevices(stateDir, (devices) => {
    const device = devices.find((item) => item.device_id === deviceId);
    if (!device) {
      throw new SaseError("gateway.device_not_found", `no paired device '${deviceId}'`, {
        kind: "not-found",
        hint: "list devices with `sase mobile device list`",
      });
    }
    const changed = device.revoked_at === null;
    if (changed) device.revoked_at = now.toISOString();
    return { devices, result: { device, changed } };
  });
}

/** Tokens look like `sase_mobile_` and base64url characters; nothing else is hashed. */
const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{16,128}$`);

/** How often a device's `last_seen_at` is written at most. */
const LAST_SEEN_INTERVAL_MS = 60_000;

/**
 * The paired devices of one gateway, kept in memory and re-read when the
 * file changes.
 */
export class DeviceRegistry {
  #stateDir: string;
  #devices: StoredDevice[] = [];
  #stamp = "";

  constructor(stateDir: string) {
    this.#stateDir = stateDir;
  }

  async #refresh(): Promise<void> {
    let stamp = "missing";
    try {
      const info = await Deno.stat(devicesPath(this.#stateDir));
      stamp = `${info.mtime?.getTime()}:${info.size}:${info.ino}`;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    if (stamp === this.#stamp) return;
    this.#devices = stamp === "missing" ? [] : await readDevices(this.#stateDir);
    this.#stamp = stamp;
  }

  /**
   * The device an `Authorization` header value authenticates. A missing or
   * malformed header, an unknown token and a revoked device's token all
   * fail the same way (401 `unauthorized`), so a caller learns nothing
   * about which it was.
   */
  async authenticate(header: string | null | undefined, now: Date): Promise<StoredDevice> {
    const match = /^Bearer ([^\s]+)$/.exec(header ?? "");
    const token = match?.[1];
    if (!token || !TOKEN_SHAPE.test(token)) throw unauthorized();
    await this.#refresh();
    const hash = sha256Hex(token);
    let found: StoredDevice | undefined;
    for (const device of this.#devices) {
      // Every hash is compared (no early exit), so timing does not tell which matched.
      if (constantTimeEqual(hash, device.token_sha256)) found = device;
    }
    if (!found || found.revoked_at !== null) throw unauthorized();
    const seen = found.last_seen_at ? Date.parse(found.last_seen_at) : 0;
    if (now.getTime() - seen >= LAST_SEEN_INTERVAL_MS) await this.#touch(found.device_id, now);
    return found;
  }

  async #touch(deviceId: string, now: Date): Promise<void> {
    await updateDevices(this.#stateDir, (devices) => {
      const device = devices.find((item) => item.device_id === deviceId);
      if (device) device.last_seen_at = now.toISOString();
      return { devices, result: null };
    });
    this.#stamp = "";
    await this.#refresh();
  }
}

function unauthorized(): GatewayError {
  return new GatewayError("unauthorized", "a valid bearer token is required", {
    kind: "invalid-input",
    hint: "pair the device again (`sase mobile gateway start` prints a pairing code)",
  });
}
