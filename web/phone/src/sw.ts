/**
 * The service worker: the app shell (page, script, style, manifest, icon)
 * is cached at install so the app opens without the gateway, and the
 * inbox, detail and agents answers last loaded are kept so they can be
 * shown offline. Everything else (actions, the event stream, attachments)
 * always goes to the network. `SHELL_VERSION` is stamped by the build with
 * a hash of the shell, so a new build replaces the old cache.
 *
 * @module
 */

/// <reference no-default-lib="true" />
/// <reference lib="esnext" />
/// <reference lib="webworker" />

declare const self: ServiceWorkerGlobalScope;

/** Replaced by the build with a hash of the shell files. */
const SHELL_VERSION = "__SHELL_VERSION__";
const SHELL_CACHE = `sase-shell-${SHELL_VERSION}`;
const API_CACHE = "sase-api";
const SHELL = ["/", "/app.js", "/app.css", "/manifest.webmanifest", "/icon.svg"];

/** API reads worth keeping for offline viewing. */
function cacheableApi(url: URL): boolean {
  return url.pathname === "/api/v1/notifications" ||
    url.pathname.startsWith("/api/v1/notifications/") ||
    url.pathname === "/api/v1/agents";
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(
        keys.filter((key) => key.startsWith("sase-shell-") && key !== SHELL_CACHE)
          .map((key) => caches.delete(key)),
      )
    ).then(() => self.clients.claim()),
  );
});

/** Network first; on failure the cached copy (shell: the page for any navigation). */
async function networkFirst(request: Request, cacheName: string, key: Request | string) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(cacheName);
      await cache.put(key, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(key);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || request.method !== "GET") return;
  if (url.pathname.startsWith("/api/")) {
    if (cacheableApi(url)) event.respondWith(networkFirst(request, API_CACHE, request.url));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, SHELL_CACHE, "/"));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(networkFirst(request, SHELL_CACHE, url.pathname));
  }
});
