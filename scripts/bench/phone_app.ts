/**
 * The phone web app's weight on the wire: every file a phone loads on its
 * first visit (the page, script, style, manifest, icon and service
 * worker), fetched from the gateway the real CLI starts, as the gateway
 * sends it to a browser that accepts gzip. The compressed total is
 * reported against the goal of 150 KB; the uncompressed total for
 * information.
 *
 * With a Chromium at hand (as the browser tests find it), also the time
 * from starting `sase notify create` in another process until the card is
 * on the paired phone's screen, without a reload (the 1 s; an
 * upper bound: it includes that command's own start-up), median of 7.
 *
 * Run: `deno run -A scripts/bench/phone_app.ts`.
 *
 * @module
 */

import { join } from "../../core/fs/path.ts";
import { median, report } from "./_measure.ts";
import { type BenchGateway, MAIN, startBenchGateway } from "./_gateway.ts";
import { CHROMIUM, openPhone, pairInBrowser } from "../../tests/e2e/_browser.ts";

/** What a first visit downloads. */
const FILES = ["/", "/app.js", "/app.css", "/manifest.webmanifest", "/icon.svg", "/sw.js"];

/** The goal: the whole app under 150 KB compressed. */
const GOAL_KB = 150;

/** Runs of the live-update measurement. */
const LIVE_RUNS = 7;

/** Create a notification with the real CLI; resolves to its id. */
async function notifyCreate(gateway: BenchGateway, note: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", MAIN, "notify", "create"],
    env: gateway.env,
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify({ sender: "bench", notes: [note] })));
  await writer.close();
  const output = await child.output();
  if (!output.success) throw new Error("sase notify create failed");
  return new TextDecoder().decode(output.stdout).trim();
}

/** Notification created in another process → on a paired phone's screen. */
async function liveLatency(gateway: BenchGateway): Promise<void> {
  await using phone = await openPhone();
  const { page } = phone;
  await pairInBrowser(page, gateway);
  const samples: number[] = [];
  for (let run = 0; run < LIVE_RUNS; run++) {
    const started = performance.now();
    const id = await notifyCreate(gateway, `bench ${run}`);
    await page.locator(`li.card[data-id="${id}"]`).waitFor({ timeout: 30_000 });
    samples.push(performance.now() - started);
  }
  report({
    bench: "phone_app",
    name:
      `\`sase notify create\` in another process → on the phone's screen (median of ${LIVE_RUNS})`,
    value: median(samples),
    unit: "ms",
    goal: 1000,
    metric: "wall",
  });
}

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
    if (CHROMIUM) await liveLatency(gateway);
  } finally {
    gateway.child.kill("SIGTERM");
    await gateway.child.status;
    await Deno.remove(root, { recursive: true });
  }
}

if (import.meta.main) await main();
