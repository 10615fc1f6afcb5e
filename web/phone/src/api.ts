/**
 * Talking to the gateway: the bearer token (kept in `localStorage`, sent
 * only in the `Authorization` header, never in a URL), JSON calls, and the
 * two failures the app shows differently: the gateway answered with an
 * `ApiErrorWire`, or the gateway could not be reached at all.
 *
 * @module
 */

const TOKEN_KEY = "sase.mobile.token";

/** The saved token, or null when this browser is not paired. */
export function savedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

/** Remember the token of a finished pairing. */
export function saveToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
}

/** Forget the token (logout, or the gateway no longer knows it). */
export function forgetToken(): void {
  localStorage.removeItem(TOKEN_KEY);
}

/** The gateway answered with an error record. */
export class ApiError extends Error {
  /** The HTTP status. */
  status: number;
  /** The record's `code` (`conflict_already_handled`, `unauthorized`, ...). */
  code: string;
  /** The next step the gateway suggests, if any. */
  hint: string | null;

  constructor(status: number, code: string, message: string, hint: string | null) {
    super(message);
    this.status = status;
    this.code = code;
    this.hint = hint;
  }
}

/** The gateway could not be reached (offline, tunnel down, gateway stopped). */
export class Unreachable extends Error {}

/** The headers of an authenticated request. */
export function authHeaders(): Record<string, string> {
  const token = savedToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Send a request; a network failure becomes {@linkcode Unreachable}. */
export async function send(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(path, {
      ...init,
      cache: "no-store",
      headers: { ...authHeaders(), ...(init.headers as Record<string, string> ?? {}) },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new Unreachable("the gateway cannot be reached");
  }
}

/** The error of a failed response. */
async function errorOf(response: Response): Promise<ApiError> {
  let body: { code?: unknown; message?: unknown; details?: { hint?: unknown } } = {};
  try {
    body = await response.json();
  } catch {
    // Not an error record (a proxy's page): the status says enough.
  }
  return new ApiError(
    response.status,
    typeof body.code === "string" ? body.code : `http_${response.status}`,
    typeof body.message === "string" ? body.message : `HTTP ${response.status}`,
    typeof body.details?.hint === "string" ? body.details.hint : null,
  );
}

/** Call a JSON route; a `body` is sent with `schema_version: 1`. */
export async function call<T>(method: string, path: string, body?: object): Promise<T> {
  const response = await send(path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify({ schema_version: 1, ...body }) : undefined,
  });
  if (!response.ok) throw await errorOf(response);
  return await response.json() as T;
}

/** An attachment's bytes by its download token (device-bound, short-lived). */
export async function attachmentBlob(token: string): Promise<Blob> {
  const response = await send(`/api/v1/attachments/${encodeURIComponent(token)}`);
  if (!response.ok) throw await errorOf(response);
  return await response.blob();
}

/** The text of an attachment (a diff, a Markdown file) by its download token. */
export async function attachmentText(token: string): Promise<string> {
  return await (await attachmentBlob(token)).text();
}
