/**
 * The exposition endpoint of a long-lived process (the axe orchestrator):
 * `GET /metrics` on `127.0.0.1:<exposition_port>` answers the Prometheus
 * text format for Prometheus to scrape (handbook 18.2). Only local clients
 * reach it; the exported monitoring stack runs Prometheus on the host
 * network for that reason.
 *
 * @module
 */

import type { Telemetry } from "./model.ts";

/** The Prometheus text format's content type. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Serve `telemetry` on `port` until the returned server is shut down. */
export function serveExposition(
  telemetry: Telemetry,
  port: number,
  onError: (message: string) => void,
): Deno.HttpServer {
  return Deno.serve({
    hostname: "127.0.0.1",
    port,
    onListen() {},
    onError(error) {
      onError(`exposition request failed: ${error instanceof Error ? error.message : error}`);
      return new Response("internal error", { status: 500 });
    },
  }, async (request) => {
    const path = new URL(request.url).pathname;
    if (request.method !== "GET" || (path !== "/metrics" && path !== "/")) {
      return new Response("not found: GET /metrics\n", { status: 404 });
    }
    return new Response(await telemetry.exposition(), {
      headers: { "content-type": EXPOSITION_CONTENT_TYPE },
    });
  });
}
