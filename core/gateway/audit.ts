/**
 * `mobile_gateway/audit.jsonl`: one line per mutation (pairing, state
 * changes, actions, launches): when, which device, which endpoint, which
 * target, and the outcome. Never a pairing code, token or request body:
 * callers pass only ids, and the target is an id or prefix from the URL.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { appendJsonl } from "../fs/jsonl.ts";
import { GATEWAY_FILES } from "./paths.ts";

/** One audit line. */
export interface AuditEntry {
  deviceId: string | null;
  /** `METHOD /path` with the route's pattern, e.g. `POST /api/v1/notifications/{id}/dismiss`. */
  endpoint: string;
  target: string | null;
  /** `ok`, `unchanged`, or the error code. */
  outcome: string;
}

/** Append one entry to the audit log of `stateDir`. */
export async function appendAudit(stateDir: string, entry: AuditEntry, now: Date): Promise<void> {
  await appendJsonl(join(stateDir, GATEWAY_FILES.audit), [{
    timestamp: now.toISOString(),
    device_id: entry.deviceId,
    endpoint: entry.endpoint,
    target: entry.target,
    outcome: entry.outcome,
  }], { mode: 0o600 });
}
