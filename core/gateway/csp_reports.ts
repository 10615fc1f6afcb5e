/**
 * Content-Security-Policy violation reports from the phone app
 * (`POST /csp-report`, the policy's `report-uri`): each is kept as one line
 * of `mobile_gateway/csp_reports.jsonl`, so a blocked script is visible to
 * the user and to tests. Browsers send these reports without credentials,
 * so the route is open: only the fields below are kept (each cut to 1,000
 * characters) and the file stops growing at 1 MiB.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { appendJsonl } from "../fs/jsonl.ts";
import { GATEWAY_FILES } from "./paths.ts";

/** The largest report body read. */
export const MAX_CSP_REPORT_BYTES = 16 * 1024;

/** The size past which no more reports are written. */
export const MAX_CSP_REPORTS_FILE_BYTES = 1024 * 1024;

/** Longest kept value of a report field. */
const FIELD_CHARS = 1000;

/** One stored violation. */
export interface CspReportRecord {
  timestamp: string;
  document_uri: string | null;
  effective_directive: string | null;
  blocked_uri: string | null;
  source_file: string | null;
  line_number: number | null;
  sample: string | null;
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value.slice(0, FIELD_CHARS) : null;
}

/**
 * The violation of a report body: the `report-uri` form
 * (`{"csp-report": {...}}`, kebab-case) or one Reporting API entry
 * (`[{type: "csp-violation", body: {...}}]`, camelCase). Null for anything else.
 */
export function cspViolationOf(data: unknown, now: Date): CspReportRecord | null {
  const legacy = (data as { "csp-report"?: Record<string, unknown> })?.["csp-report"];
  if (legacy && typeof legacy === "object") {
    return {
      timestamp: now.toISOString(),
      document_uri: text(legacy["document-uri"]),
      effective_directive: text(legacy["effective-directive"] ?? legacy["violated-directive"]),
      blocked_uri: text(legacy["blocked-uri"]),
      source_file: text(legacy["source-file"]),
      line_number: typeof legacy["line-number"] === "number" ? legacy["line-number"] : null,
      sample: text(legacy["script-sample"]),
    };
  }
  const entry = Array.isArray(data) ? data[0] : null;
  const body = (entry as { type?: unknown; body?: Record<string, unknown> })?.body;
  if ((entry as { type?: unknown })?.type !== "csp-violation" || !body) return null;
  return {
    timestamp: now.toISOString(),
    document_uri: text(body.documentURL),
    effective_directive: text(body.effectiveDirective),
    blocked_uri: text(body.blockedURL),
    source_file: text(body.sourceFile),
    line_number: typeof body.lineNumber === "number" ? body.lineNumber : null,
    sample: text(body.sample),
  };
}

/** Append `record` to the reports of `stateDir`; false when the file is full. */
export async function appendCspReport(
  stateDir: string,
  record: CspReportRecord,
): Promise<boolean> {
  const path = join(stateDir, GATEWAY_FILES.cspReports);
  const size = await Deno.stat(path).then((info) => info.size, () => 0);
  if (size >= MAX_CSP_REPORTS_FILE_BYTES) return false;
  await appendJsonl(path, [record], { mode: 0o600 });
  return true;
}
