/**
 * The phone web app at `/`: its files (gzip when the browser takes it,
 * ETag revalidation) under a strict Content-Security-Policy — scripts,
 * styles, connections and workers from this origin only, no inline script
 * or style, no other origin, no framing — and the policy's report endpoint
 * `POST /csp-report`, which keeps each violation in
 * `mobile_gateway/csp_reports.jsonl`.
 *
 * @module
 */

import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { GatewayHost } from "../../../core/gateway/host.ts";
import { PhoneAssets } from "../../../core/gateway/phone_assets.ts";
import {
  appendCspReport,
  cspViolationOf,
  MAX_CSP_REPORT_BYTES,
} from "../../../core/gateway/csp_reports.ts";
import { neutralizeControls } from "../../../core/text/control_chars.ts";
import type { Env } from "./request.ts";

/** The path violation reports are sent to. */
export const CSP_REPORT_PATH = "/csp-report";

/** The policy of every app response. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  `report-uri ${CSP_REPORT_PATH}`,
].join("; ");

/** Headers every app response carries besides its type. */
const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

/** Whether the request's `Accept-Encoding` takes gzip. */
function takesGzip(header: string | undefined): boolean {
  return (header ?? "").split(",").some((part) => {
    const [name, ...params] = part.trim().split(";");
    const q = params.find((param) => param.trim().startsWith("q="));
    return name.trim().toLowerCase() === "gzip" && (!q || Number(q.trim().slice(2)) > 0);
  });
}

/** Add the app's routes to `app`. */
export function registerPhoneApp(
  app: Hono<Env>,
  host: GatewayHost,
  assets: PhoneAssets = new PhoneAssets(),
): void {
  app.get("*", async (c, next) => {
    const pending = assets.get(c.req.path);
    if (!pending) return await next();
    const asset = await pending;
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      "content-type": asset.contentType,
      // Always revalidate: a new build must reach the phone on its next load.
      "cache-control": "no-cache",
      etag: asset.etag,
      vary: "accept-encoding",
    };
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304, headers);
    if (takesGzip(c.req.header("accept-encoding"))) {
      return c.body(asset.gzip, 200, {
        ...headers,
        "content-encoding": "gzip",
        "content-length": String(asset.gzip.length),
      });
    }
    return c.body(asset.bytes, 200, { ...headers, "content-length": String(asset.bytes.length) });
  });

  app.post(
    CSP_REPORT_PATH,
    bodyLimit({ maxSize: MAX_CSP_REPORT_BYTES, onError: (c) => c.body(null, 413) }),
    async (c) => {
      let data: unknown;
      try {
        data = JSON.parse(await c.req.text());
      } catch {
        return c.body(null, 400);
      }
      const record = cspViolationOf(data, host.app.now());
      if (!record) return c.body(null, 400);
      if (await appendCspReport(host.stateDir, record)) {
        host.app.warn(neutralizeControls(
          `gateway: the phone app's security policy blocked ${record.effective_directive ?? "?"} ` +
            `(${record.blocked_uri ?? "?"}) on ${record.document_uri ?? "?"}`,
        ));
      }
      return c.body(null, 204);
    },
  );
}
