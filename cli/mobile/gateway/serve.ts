/**
 * Run the built-in gateway in this process: the core services, the Hono
 * app on `Deno.serve`, and a clean shutdown that ends every event stream
 * before the server stops (an open SSE response would otherwise keep it
 * waiting forever).
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import { GatewayHost } from "../../../core/gateway/host.ts";
import { gatewayStateDir } from "../../../core/gateway/paths.ts";
import { type GatewaySettings, isLoopbackHost } from "../../../core/gateway/settings.ts";
import { PushHub } from "../../../core/gateway/push.ts";
import { gatewayApp } from "./app.ts";
import { EventStreams, KEEPALIVE_MS } from "./sse.ts";

/** A running gateway. */
export interface RunningGateway {
  /** `http://host:port` clients on this machine reach it at. */
  url: string;
  host: GatewayHost;
  /** Stop: end the event streams, stop watching, stop the server. */
  close(): Promise<void>;
  /** Resolves when the server has stopped. */
  finished: Promise<void>;
}

/** The URL of a listener, for a client on this machine. */
function localUrl(address: string, port: number): string {
  let host = address;
  if (host === "0.0.0.0") host = "127.0.0.1";
  else if (host === "::") host = "::1";
  if (host.includes(":")) host = `[${host}]`;
  return `http://${host}:${port}`;
}

/** Start the built-in gateway with `settings`. */
export function serveGateway(app: AppContext, settings: GatewaySettings): RunningGateway {
  const stateDir = gatewayStateDir(app.env, settings.stateRoot ?? undefined);
  const push = new PushHub(settings.push, { stateDir, env: app.env, now: () => app.now() });
  const host = new GatewayHost({ app, stateDir, onEvent: (event) => push.deliver(event) });
  host.start();
  const keepAlive = Number(app.env.SASE_GATEWAY_KEEPALIVE_MS) > 0
    ? Number(app.env.SASE_GATEWAY_KEEPALIVE_MS)
    : KEEPALIVE_MS;
  const streams = new EventStreams(keepAlive);
  let bound = "";
  const hono = gatewayApp({
    host,
    streams,
    push,
    get bindAddress() {
      return bound;
    },
    bindIsLoopback: isLoopbackHost(settings.bindAddress),
    hostLabel: Deno.hostname(),
  });
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve(
      { hostname: settings.bindAddress, port: settings.port, onListen: () => {} },
      (request, info) => hono.fetch(request, info),
    );
  } catch (error) {
    host.close();
    throw error;
  }
  bound = `${settings.bindAddress}:${server.addr.port}`;
  let closing: Promise<void> | null = null;
  return {
    url: localUrl(settings.bindAddress, server.addr.port),
    host,
    finished: server.finished,
    close() {
      closing ??= (async () => {
        streams.closeAll();
        host.close();
        await push.close();
        await server.shutdown();
      })();
      return closing;
    },
  };
}
