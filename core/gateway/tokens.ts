/**
 * Secrets of the gateway: bearer tokens, pairing codes, ids. Only a
 * token's SHA-256 is ever stored; comparisons of secret material run in
 * constant time so a client cannot learn a stored hash byte by byte from
 * response timing.
 *
 * @module
 */

/** The prefix every bearer token carries (handbook 15.6). */
export const TOKEN_PREFIX = "sase_mobile_";

function base64Url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** A fresh secret such as an attachment token: `<prefix>_` and 256 random bits. */
export function newSecret(prefix: string): string {
  return `${prefix}_${base64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** A fresh bearer token: `sase_mobile_` and 256 random bits. */
export function newBearerToken(): string {
  return newSecret(TOKEN_PREFIX.slice(0, -1));
}

/** A fresh opaque id such as `pair_…`, `dev_…`, `att_…` (96 random bits). */
export function newId(prefix: string): string {
  return `${prefix}_${base64Url(crypto.getRandomValues(new Uint8Array(12)))}`;
}

/**
 * A fresh 6-digit pairing code, uniform over 000000-999999 (rejection
 * sampling: a plain modulo would favour low codes).
 */
export function newPairingCode(): string {
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  while (true) {
    const [value] = crypto.getRandomValues(new Uint32Array(1));
    if (value < limit) return String(value % 1_000_000).padStart(6, "0");
  }
}

/**
 * Whether two strings are equal, taking the same time for every pair of the
 * same length (the lengths of hashes and codes are public).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < left.length; i++) difference |= left[i] ^ (right[i % right.length] ?? 0);
  return difference === 0;
}
