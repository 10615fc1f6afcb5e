/**
 * The phone web app's weight on the wire: every file a phone loads on its
 * first visit (the page, script, style, manifest, icon and service
 * worker), fetched from the gateway the real CLI starts, as the gateway
 * sends it to a browser that accepts gzip. The compressed total is
 * reported against the goal of 150 KB; the uncompressed total for
 * information.
 *
 * Run: `deno run -A scripts/bench/phone_app.ts`.
 *
 * @module
 */

import { join } from "../../core/fs/path.ts";
import { report } from "./_measure.ts";
import { startBenchGateway } from "./_gateway.ts";

/** What a first visit downloads. */
const FILES = ["/", "/app.js", "/app.css", "/manifest.webmanifest", "/icon.svg", "/sw.js"];

/** The goal: the whole app under 150 KB compressed. */
const GOAL_KB = 150;

async function main(): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "sase-bench-phone-" });
  const gateway = await startBenchGateway(root, join(root, ".sase"));
  try {
    const url = gateway.url;
    let compressed = 0;
    let plain = 0;
    for (const path of FILES) {
      const response = await fetch(`${url}${path}`, { headers: { "accept-encoding": "gzip" } });
      // fetch inflates the body; the length on the wire is the header's.
      const body = new Uint8Array(await response.arrayBuffer());
      if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
      if (response.headers.get("content-encoding") !== "gzip") {
        throw new Error(`GET ${path} was not sent compressed`);
      }
      compressed += Number(response.headers.get("content-length"));
      plain += body.length;
    }
    report({
      bench: "phone_app",
      name: `phone app transferred on first visit (${FILES.length} files, gzip)`,
      value: compressed / 1024,
      unit: "KB",
      goal: GOAL_KB,
      metric: "size",
    });
    report({
      bench: "phone_app",
      name: "phone app uncompressed",
      value: plain / 1024,
      unit: "KB",
      metric: "size",
    });
  } finally {
    gateway.child.kill("SIGTERM");
    await gateway.child.status;
    await Deno.remove(root, { recursive: true });
  }
}

if (import.meta.main) await main();
