/**
 * The `sase doctor` report model: check results, the aggregate status, the
 * counts and the exit code (the JSON contract is `wire.ts`).
 *
 * @module
 */

/** Outcome of one check. */
export type CheckStatus = "OK" | "WARN" | "ERROR" | "SKIP";

const STATUS_ORDER: readonly CheckStatus[] = ["OK", "WARN", "ERROR", "SKIP"];

/** What a check found. WARN and ERROR results always carry a next step. */
export interface CheckOutcome {
  status: CheckStatus;
  summary: string;
  details?: string[];
  nextSteps?: string[];
  data?: Record<string, unknown>;
}

/** A finished check as it appears in the report. */
export interface CheckResult {
  id: string;
  group: string;
  status: CheckStatus;
  title: string;
  summary: string;
  details: string[];
  nextSteps: string[];
  data: Record<string, unknown>;
  durationMs: number;
}

/** The whole report. */
export interface DoctorReport {
  status: CheckStatus;
  /** When the report was made (ISO 8601, whole seconds). */
  generatedAt: string;
  cwd: string;
  project: string | null;
  saseHome: string;
  deep: boolean;
  strict: boolean;
  selectedChecks: string[];
  counts: Record<CheckStatus, number>;
  checks: CheckResult[];
}

/** ERROR beats WARN beats OK; no checks or only skips is SKIP. */
export function aggregateStatus(checks: readonly { status: CheckStatus }[]): CheckStatus {
  const statuses = new Set(checks.map((check) => check.status));
  if (statuses.has("ERROR")) return "ERROR";
  if (statuses.has("WARN")) return "WARN";
  if (statuses.size === 0 || (statuses.size === 1 && statuses.has("SKIP"))) return "SKIP";
  return "OK";
}

/** Checks per status, always with all four keys in a stable order. */
export function countStatuses(
  checks: readonly { status: CheckStatus }[],
): Record<CheckStatus, number> {
  const counts = {} as Record<CheckStatus, number>;
  for (const status of STATUS_ORDER) {
    counts[status] = checks.filter((check) => check.status === status).length;
  }
  return counts;
}

/** 1 for ERROR, and for WARN under `--strict`; otherwise 0. */
export function doctorExitCode(status: CheckStatus, strict: boolean): number {
  if (status === "ERROR") return 1;
  if (strict && status === "WARN") return 1;
  return 0;
}

const SECRET_KEY = /(api[_-]?key|token|secret|password|passwd|credential|authorization|cookie)/i;
const SECRET_ASSIGNMENT =
  /\b([A-Z0-9_.-]*(?:API[_-]?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|COOKIE)[A-Z0-9_.-]*)\s*([:=])\s*(["']?)([^"'\s,;]+)/gi;

/**
 * The words {@linkcode SECRET_ASSIGNMENT} needs one of (`passw` for both
 * spellings), matched the same case-insensitive way: a string without any
 * is left alone without running the costlier pattern over it.
 */
const SECRET_WORD = /key|token|secret|passw|credential|cookie/i;

/** Hide secret-looking values so reports are safe to attach to a support request. */
export function redact(value: unknown, key?: string): unknown {
  if (key && SECRET_KEY.test(key)) return "[REDACTED]";
  if (typeof value === "string") {
    return SECRET_WORD.test(value) ? value.replace(SECRET_ASSIGNMENT, "$1$2$3[REDACTED]") : value;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}
