/**
 * The gateway's typed errors (`ApiErrorWire`, contract `mobile_api_v1.json`)
 * and the HTTP status of each. Services throw {@linkcode GatewayError} for
 * the cases the contract names; any other `SaseError` a core service throws
 * is mapped from its kind, so the CLI and the gateway refuse the same
 * requests for the same reasons. Anything else is a bug: it answers 500
 * `internal` without its message, which might hold a host path.
 *
 * @module
 */

import { type ErrorKind, SaseError } from "../errors.ts";
import type { ApiErrorWire } from "./wire.ts";

/** The error codes of the contract. */
export type ApiErrorCode =
  | "unauthorized"
  | "not_found"
  | "invalid_request"
  | "pairing_expired"
  | "pairing_rejected"
  | "conflict_already_handled"
  | "gone_stale"
  | "ambiguous_prefix"
  | "unsupported_action"
  | "attachment_expired"
  | "agent_not_found"
  | "agent_not_running"
  | "launch_failed"
  | "invalid_upload"
  | "bridge_unavailable"
  | "helper_not_found"
  | "update_already_running"
  | "update_job_not_found"
  | "permission_denied"
  | "internal";

/**
 * The HTTP status of each code: 401 for anything about credentials (a
 * missing, malformed, unknown or revoked token; a wrong, expired or
 * locked-out pairing code), 404 for a missing target, 409 for a request
 * that clashes with the target's state, 400 for a malformed request, 403
 * for another device's attachment token.
 */
export const API_ERROR_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  unauthorized: 401,
  pairing_expired: 401,
  pairing_rejected: 401,
  not_found: 404,
  agent_not_found: 404,
  helper_not_found: 404,
  update_job_not_found: 404,
  attachment_expired: 404,
  invalid_request: 400,
  unsupported_action: 400,
  invalid_upload: 400,
  conflict_already_handled: 409,
  gone_stale: 409,
  ambiguous_prefix: 409,
  agent_not_running: 409,
  update_already_running: 409,
  permission_denied: 403,
  launch_failed: 500,
  bridge_unavailable: 503,
  internal: 500,
};

/** What a {@linkcode GatewayError} carries besides its message. */
export interface GatewayErrorOptions {
  kind: ErrorKind;
  /** The id or prefix the request named. */
  target?: string | null;
  /** Status override (413 for an oversized body). */
  status?: number;
  hint?: string;
}

/** A failure with one of the contract's codes. */
export class GatewayError extends SaseError {
  /** The contract code. */
  readonly apiCode: ApiErrorCode;
  /** The id or prefix the request named, when there is one. */
  readonly target: string | null;
  /** The HTTP status. */
  readonly status: number;

  constructor(apiCode: ApiErrorCode, message: string, options: GatewayErrorOptions) {
    super(`gateway.${apiCode}`, message, { kind: options.kind, hint: options.hint });
    this.apiCode = apiCode;
    this.target = options.target ?? null;
    this.status = options.status ?? API_ERROR_STATUS[apiCode];
  }
}

/** Codes of core services whose meaning the contract has a code for. */
const BY_SASE_CODE: Readonly<Record<string, ApiErrorCode>> = {
  "plan.already_handled": "conflict_already_handled",
  "workflow.hitl_decided": "conflict_already_handled",
  "workflow.hitl_none": "gone_stale",
  "notify.not_found": "not_found",
  "notify.ambiguous": "ambiguous_prefix",
  "plan.not_found": "not_found",
  "agent.not_found": "agent_not_found",
};

const BY_KIND: Readonly<Record<ErrorKind, ApiErrorCode>> = {
  usage: "invalid_request",
  "invalid-input": "invalid_request",
  "invalid-data": "gone_stale",
  "not-found": "not_found",
  conflict: "conflict_already_handled",
  unavailable: "bridge_unavailable",
  failed: "internal",
  internal: "internal",
};

/** The status and `ApiErrorWire` body answering `error`. */
export function apiErrorOf(error: unknown): { status: number; body: ApiErrorWire } {
  if (error instanceof GatewayError) {
    return {
      status: error.status,
      body: wire(error.apiCode, error.message, error.target, error.hint),
    };
  }
  if (error instanceof SaseError) {
    if (error.code === "input.too_large") {
      return { status: 413, body: wire("invalid_request", error.message, null, error.hint) };
    }
    const code = BY_SASE_CODE[error.code] ?? BY_KIND[error.kind];
    return { status: API_ERROR_STATUS[code], body: wire(code, error.message, null, error.hint) };
  }
  return { status: 500, body: wire("internal", "internal gateway error", null) };
}

/** The wire record; a hint (the next step) goes into `details.hint`. */
function wire(
  code: ApiErrorCode,
  message: string,
  target: string | null,
  hint?: string,
): ApiErrorWire {
  return { schema_version: 1, code, message, target, details: hint ? { hint } : null };
}
