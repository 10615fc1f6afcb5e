/**
 * A local HTTP server on 127.0.0.1 that counts its requests: a host outside
 * every sandbox allow-list unless a test lists it, so the jail tests can
 * prove whether a confined process reached it.
 *
 * @module
 */

/** A running server: its port and how many requests reached it. */
export interface LocalServer extends AsyncDisposable {
  port: number;
  hits(): number;
}

/** Start a server answering every request with `reached`. */
export function localServer(): LocalServer {
  let hits = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    hits += 1;
    return new Response("reached");
  });
  return {
    port: server.addr.port,
    hits: () => hits,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}
