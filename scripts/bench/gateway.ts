/**
 * Mobile gateway benchmarks, against the gateway the real CLI starts
 * (`sase mobile gateway start -p 0`) on a store of 10,000 notifications:
 *
 * - authenticated `GET /api/v1/notifications?limit=25` at a fixed 1,000
 *   requests/s for 10 s from a second process (an open-loop generator: each
 *   request's latency is counted from when it was due, so a stall is not
 *   hidden), p50/p99 and errors; with `wrk` installed, its saturation
 *   throughput too;
 * - SSE fan-out: 100 clients connected from a second process, an event
 *   (a mark-read) published 20 times; the time from its publication
 *   (`created_at`) until the last of the 100 clients has it, median over
 *   the 20;
 * - the gateway's resident memory after both.
 *
 * Run: `deno run -A scripts/bench/gateway.ts` (data is generated in a temp dir).
 *
 * @module
 */

import { fromFileUrl, join } from "../../core/fs/path.ts";
import { median, report } from "./_measure.ts";
import { startBenchGateway } from "./_gateway.ts";

const SELF = fromFileUrl(import.meta.url);
const NOTIFICATIONS = 10_000;
const RATE = 1_000;
const SECONDS = 10;
const CLIENTS = 100;
const EVENTS = 20;

/** The sorted sample's `p` quantile (nearest rank). */
function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Keep-alive connections the load generator spreads its requests over. */
const CONNECTIONS = 8;

/**
 * Second-process mode: fire `RATE` requests/s for `SECONDS` over
 * `CONNECTIONS` keep-alive HTTP/1.1 connections (raw sockets: the
 * generator must cost far less than the server it measures), print the
 * latencies. Request `i` is due at `i / RATE` s; its latency runs from then
 * to its response's last byte.
 */
async function loadMode(url: string, token: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const total = RATE * SECONDS;
  const request = new TextEncoder().encode(
    `GET /api/v1/notifications?limit=25 HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
      `Authorization: Bearer ${token}\r\n\r\n`,
  );
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const start = performance.now() + 100;
  const worker = async () => {
    const conn = await Deno.connect({ hostname, port: Number(port) });
    const buffer = new Uint8Array(1 << 20);
    let held = 0;
    try {
      while (true) {
        const i = next++;
        if (i >= total) return;
        const due = start + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0.5) await new Promise((done) => setTimeout(done, wait));
        await conn.write(request);
        // Read one response: headers, then Content-Length bytes of body.
        let headerEnd = -1;
        let length = -1;
        while (true) {
          if (headerEnd === -1) {
            const text = new TextDecoder().decode(buffer.subarray(0, held));
            const end = text.indexOf("\r\n\r\n");
            if (end !== -1) {
              headerEnd = end + 4;
              length = Number(/content-length: (\d+)/i.exec(text.slice(0, end))?.[1] ?? -1);
              if (!text.startsWith("HTTP/1.1 200") || length < 0) errors++;
            }
          }
          if (headerEnd !== -1 && held >= headerEnd + Math.max(0, length)) break;
          const read = await conn.read(buffer.subarray(held));
          if (read === null) throw new Error("connection closed");
          held += read;
        }
        latencies.push(performance.now() - due);
        const used = headerEnd + Math.max(0, length);
        buffer.copyWithin(0, used, held);
        held -= used;
      }
    } finally {
      conn.close();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  console.log(JSON.stringify({ latencies, errors }));
}

/** Second-process mode: `CLIENTS` SSE clients; publish `EVENTS` events; print each spread. */
async function fanOutMode(url: string, token: string, ids: string[]): Promise<void> {
  const arrivals = new Map<string, number[]>();
  let connected = 0;
  const controllers: AbortController[] = [];
  const allConnected = Promise.withResolvers<void>();
  for (let c = 0; c < CLIENTS; c++) {
    const controller = new AbortController();
    controllers.push(controller);
    const response = await fetch(`${url}/api/v1/events`, {
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
      signal: controller.signal,
    });
    (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of response.body!) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf("\n\n")) !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.includes(": connected") && ++connected === CLIENTS) allConnected.resolve();
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            const event = data ? JSON.parse(data) : null;
            const id = event?.payload.notifications_changed?.notification_id;
            // From the event's publication (`created_at`, the same clock: one machine) to here.
            const delay = Date.now() - Date.parse(event?.created_at);
            if (id) arrivals.set(id, [...(arrivals.get(id) ?? []), delay]);
          }
        }
      } catch {
        // Aborted at the end.
      }
    })();
  }
  await allConnected.promise;
  const spreads: number[] = [];
  for (const id of ids.slice(0, EVENTS)) {
    await fetch(`${url}/api/v1/notifications/${id}/mark-read`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.body?.cancel());
    const deadline = performance.now() + 5000;
    while ((arrivals.get(id)?.length ?? 0) < CLIENTS && performance.now() < deadline) {
      await new Promise((done) => setTimeout(done, 1));
    }
    const times = arrivals.get(id) ?? [];
    if (times.length < CLIENTS) {
      throw new Error(`only ${times.length} of ${CLIENTS} clients got ${id}`);
    }
    spreads.push(Math.max(...times));
  }
  console.log(JSON.stringify({ spreads }));
  controllers.forEach((controller) => controller.abort());
}

async function runSecondProcess(args: string[]): Promise<string> {
  // Long lists go through a file: an argument list has a size limit.
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SELF, ...args],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error(`second process ${args[0]} failed`);
  return new TextDecoder().decode(output.stdout);
}

function rssMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kb / 1024;
}

async function hasWrk(): Promise<boolean> {
  try {
    return (await new Deno.Command("wrk", { args: ["--version"], stdout: "null", stderr: "null" })
      .output())
      .code <= 1;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "sase-bench-gateway-" });
  const home = join(root, "home");
  const saseHome = join(home, ".sase");
  await Deno.mkdir(join(saseHome, "notifications"), { recursive: true });
  const base = Date.parse("2026-01-01T00:00:00Z");
  const ids: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < NOTIFICATIONS; i++) {
    const id = crypto.randomUUID();
    ids.push(id);
    lines.push(JSON.stringify({
      id,
      timestamp: new Date(base + i * 60_000).toISOString(),
      sender: i % 7 === 0 ? "axe" : "user-agent",
      notes: [`Agent run ${i} finished`, "details"],
      files: [],
      tags: ["bench"],
      action: i % 5 === 0 ? "JumpToAgent" : null,
      action_data: { agent_name: `agent-${i}` },
      read: i % 3 === 0,
      dismissed: false,
      silent: false,
    }));
  }
  await Deno.writeTextFile(
    join(saseHome, "notifications", "notifications.jsonl"),
    lines.join("\n") + "\n",
  );
  const gw = await startBenchGateway(home, saseHome);
  const gateway = gw.child;
  const url = gw.url;
  try {
    const paired = await (await fetch(`${url}/api/v1/session/pair/finish`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        schema_version: 1,
        pairing_id: gw.pairingId,
        code: gw.code,
        device: { display_name: "bench", platform: "android" },
      }),
    })).json();
    const token: string = paired.token;

    // Warm up (the first request reads the 10,000-row store; the JIT settles): steady state is measured.
    for (let i = 0; i < 500; i++) {
      await (await fetch(`${url}/api/v1/notifications?limit=25`, {
        headers: { authorization: `Bearer ${token}` },
      })).body?.cancel();
    }
    const load = JSON.parse(await runSecondProcess(["--load", url, token]));
    const sorted = (load.latencies as number[]).sort((a, b) => a - b);
    const name = `GET /notifications?limit=25, ${NOTIFICATIONS} stored, ${RATE} req/s`;
    report({
      bench: "gateway",
      name: `${name} p50`,
      value: quantile(sorted, 0.5),
      unit: "ms",
      metric: "wall",
    });
    report({
      bench: "gateway",
      name: `${name} p99`,
      value: quantile(sorted, 0.99),
      unit: "ms",
      goal: 5,
      metric: "wall",
    });
    report({
      bench: "gateway",
      name: `${name} errors`,
      value: load.errors,
      unit: "requests",
      goal: 0,
    });

    if (await hasWrk()) {
      const wrk = await new Deno.Command("wrk", {
        args: [
          "-t2",
          "-c16",
          "-d5s",
          "-H",
          `Authorization: Bearer ${token}`,
          `${url}/api/v1/notifications?limit=25`,
        ],
        stdout: "piped",
        stderr: "null",
      }).output();
      const rate = Number(
        /Requests\/sec:\s+([\d.]+)/.exec(new TextDecoder().decode(wrk.stdout))?.[1],
      );
      if (Number.isFinite(rate)) {
        report({
          bench: "gateway",
          name: "wrk saturation throughput (16 connections)",
          value: rate,
          unit: "req/s",
          better: "higher",
        });
      }
    }

    report({
      bench: "gateway",
      name: "gateway RSS after the request load",
      value: rssMb(gateway.pid),
      unit: "MB",
      metric: "memory",
    });
    const unread = lines.map((line) => JSON.parse(line)).filter((row) => !row.read).map((row) =>
      row.id
    );
    const idFile = join(root, "unread.txt");
    await Deno.writeTextFile(idFile, unread.slice(0, EVENTS).join("\n"));
    const fanOut = JSON.parse(await runSecondProcess(["--fan-out", url, token, idFile]));
    report({
      bench: "gateway",
      name: `SSE fan-out: event to all ${CLIENTS} clients (median of ${EVENTS})`,
      value: median(fanOut.spreads),
      unit: "ms",
      goal: 50,
      metric: "wall",
    });
    report({
      bench: "gateway",
      name: "gateway RSS after load and fan-out",
      value: rssMb(gateway.pid),
      unit: "MB",
      goal: 150,
    });
  } finally {
    gateway.kill("SIGTERM");
    await gateway.status;
    await Deno.remove(root, { recursive: true }).catch(() => {});
  }
}

if (Deno.args[0] === "--load") await loadMode(Deno.args[1], Deno.args[2]);
else if (Deno.args[0] === "--fan-out") {
  await fanOutMode(Deno.args[1], Deno.args[2], Deno.readTextFileSync(Deno.args[3]).split("\n"));
} else await main();
