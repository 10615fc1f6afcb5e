/**
 * Drive the mobile gateway the way a user and a phone do: start it with the
 * real CLI (`sase mobile gateway start -p 0`), read the five pairing lines,
 * pair over HTTP, call the API, listen to the event stream.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/**
 * A workflow that pauses at a `hitl: true` step (`#!gate` once written to
 * `xprompts/gate.yml`), then runs one more step: a checkpoint to decide
 * from the phone.
 */
export const HITL_GATE_WORKFLOW = [
  "steps:",
  "- name: prompt_user",
  '  bash: echo "message=Continue with operation?"',
  "  output: { message: text }",
  "  hitl: true",
  "- name: after",
  '  bash: echo "ran=true"',
  "  output: { ran: bool }",
].join("\n");

/** A gateway started by the real CLI. */
export interface StartedGateway {
  url: string;
  code: string;
  pairingId: string;
  expiresAt: string;
  /** The five lines as printed. */
  lines: string[];
  child: Deno.ChildProcess;
  /** Send `signal` and collect the exit status and the rest of the output. */
  stop(signal?: Deno.Signal): Promise<{ code: number; stdout: string; stderr: string }>;
}

const decoder = new TextDecoder();

/** Start `sase mobile gateway start -p 0 ARGS` and wait for its pairing lines. */
export async function startGateway(
  env: Record<string, string>,
  args: string[] = [],
  cwd?: string,
): Promise<StartedGateway> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--unstable-worker-options",
      MAIN,
      "mobile",
      "gateway",
      "start",
      "-p",
      "0",
      ...args,
    ],
    env: { DENO_NO_UPDATE_CHECK: "1", ...env },
    clearEnv: true,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let stdout = "";
  let stderr = "";
  const stderrDone = (async () => {
    for await (const chunk of child.stderr) stderr += decoder.decode(chunk);
  })();
  const reader = child.stdout.getReader();
  const deadline = Date.now() + 60_000;
  while (stdout.split("\n").length < 6) {
    const timeout = deadline - Date.now();
    assert(timeout > 0, `gateway printed no pairing lines in time:\n${stdout}\n${stderr}`);
    const { value, done } = await Promise.race([
      reader.read(),
      new Promise<{ value: undefined; done: true }>((resolve) =>
        setTimeout(() => resolve({ value: undefined, done: true }), timeout)
      ),
    ]);
    if (done) break;
    stdout += decoder.decode(value);
  }
  const lines = stdout.split("\n").slice(0, 5);
  assert(lines.length === 5 && lines[4] !== "", `not five lines:\n${stdout}\n${stderr}`);
  const stdoutDone = (async () => {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      stdout += decoder.decode(value);
    }
  })();
  const url = /^Starting SASE mobile gateway at (http:\/\/\S+)$/.exec(lines[0])?.[1];
  assert(url, lines[0]);
  return {
    url,
    code: lines[1].replace("Pairing code: ", ""),
    pairingId: lines[2].replace("Pairing ID: ", ""),
    expiresAt: lines[3].replace("Expires at: ", ""),
    lines,
    child,
    async stop(signal: Deno.Signal = "SIGTERM") {
      try {
        child.kill(signal);
      } catch {
        // Already exited.
      }
      const status = await child.status;
      await Promise.all([stdoutDone, stderrDone]);
      return { code: status.code, stdout, stderr };
    },
  };
}

/** A JSON answer. */
export interface Answer {
  status: number;
  // deno-lint-ignore no-explicit-any
  json: any;
}

/** Call the API; `token` null sends no Authorization header. */
export async function api(
  gw: { url: string },
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${gw.url}${path}`, {
    method,
    headers: {
      ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (attachment bytes): the text is the answer.
  }
  return { status: response.status, json };
}

/** Pair a device with the printed code; resolves to its token and id. */
export async function pair(
  gw: StartedGateway,
  name = "Pixel 9",
): Promise<{ token: string; deviceId: string }> {
  const answer = await api(gw, null, "POST", "/api/v1/session/pair/finish", {
    schema_version: 1,
    pairing_id: gw.pairingId,
    code: gw.code,
    device: { display_name: name, platform: "android", app_version: "0.1.0" },
  });
  assertEquals(answer.status, 200, JSON.stringify(answer.json));
  assertMatch(answer.json.token, /^sase_mobile_[A-Za-z0-9_-]{43}$/);
  return { token: answer.json.token, deviceId: answer.json.device.device_id };
}

/** Start another pairing challenge (from this machine, a loopback peer). */
export async function newChallenge(
  gw: { url: string },
): Promise<{ pairingId: string; code: string }> {
  const answer = await api(gw, null, "POST", "/api/v1/session/pair/start", { schema_version: 1 });
  assertEquals(answer.status, 200, JSON.stringify(answer.json));
  return { pairingId: answer.json.pairing_id, code: answer.json.code };
}

/** Pair a further device through a fresh challenge. */
export async function pairAnother(gw: StartedGateway, name: string) {
  const challenge = await newChallenge(gw);
  return await pair({ ...gw, ...challenge }, name);
}

/** One parsed SSE event. */
export interface SseEvent {
  id: string;
  event: string;
  // deno-lint-ignore no-explicit-any
  data: any;
}

/** An open event stream: its events so far, and a way to wait for more. */
export interface EventStream {
  status: number;
  events: SseEvent[];
  comments: string[];
  /** Resolves when an event matching `predicate` arrived (fails after `ms`). */
  waitFor(predicate: (event: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Open `GET /api/v1/events` (with `Last-Event-ID` when given). */
export async function openEvents(
  gw: { url: string },
  token: string,
  lastEventId?: string,
): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${gw.url}/api/v1/events`, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: "text/event-stream",
      ...(lastEventId ? { "last-event-id": lastEventId } : {}),
    },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!response.body) return;
    let buffer = "";
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let index;
        while ((index = buffer.indexOf("\n\n")) !== -1) {
          const frame = buffer.slice(0, index);
          buffer = buffer.slice(index + 2);
          const fields: Record<string, string> = {};
          for (const line of frame.split("\n")) {
            if (line.startsWith(":")) comments.push(line.slice(1).trim());
            else {
              const colon = line.indexOf(":");
              fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
            }
          }
          if (fields.data !== undefined) {
            events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
          }
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // Aborted by close().
    }
    for (const wake of waiters) wake();
  })();
  return {
    status: response.status,
    events,
    comments,
    ended,
    close: () => controller.abort(),
    waitFor(predicate, ms = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Every file below `dir` with its text (for secret sweeps). */
export async function filesBelow(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) { for (const [p, t] of await filesBelow(path)) out.set(p, t); }
    else if (entry.isFile) out.set(path, await Deno.readTextFile(path));
  }
  return out;
}
