/**
 * What the jail tests probe with: a local HTTP server on 127.0.0.1 that
 * counts its requests (a host outside every sandbox allow-list unless a
 * test lists it), the shell line that fetches from it through the jail's
 * proxy, and the shell line that records whether an attempt worked.
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

/** A shell command fetching `url` through the jail's proxy, its only way out (or directly, unjailed). */
export function viaProxy(url: string): string {
  return `curl -fsS --max-time 10 -x "$HTTP_PROXY" --noproxy '' ${url}`;
}

/** A shell line recording whether `command` worked, and what it said, in `results/<name>`. */
export function attemptLine(name: string, command: string): string {
  return `if out=$( ${command} 2>&1 ); then printf 'succeeded %s' "$out"; ` +
    `else printf 'failed %s' "$out"; fi > results/${name}`;
}
