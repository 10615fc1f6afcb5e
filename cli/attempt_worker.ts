/**
 * The launch sandbox's worker entry: runs one attempt with the permissions
 * the launcher granted (see `core/agent/sandbox.ts`). It looks the provider
 * up by name, so it is a composition root like the CLI itself.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { runAttempt } from "../core/agent/attempt.ts";
import type { LauncherMessage, WorkerMessage } from "../core/agent/sandbox.ts";
import { SaseError } from "../core/errors.ts";
import { createProviderRegistry } from "../providers/llm/registry.ts";

const pending = new Map<number, () => void>();
let nextId = 0;

function send(message: WorkerMessage): void {
  self.postMessage(message);
}

/** Ask the launcher to do something and wait for its acknowledgement. */
function request(build: (id: number) => WorkerMessage): Promise<void> {
  const id = nextId++;
  return new Promise((done) => {
    pending.set(id, done);
    send(build(id));
  });
}

self.onmessage = async (event: MessageEvent<LauncherMessage>) => {
  const message = event.data;
  if (message.type === "ack") {
    pending.get(message.id)?.();
    pending.delete(message.id);
    return;
  }
  try {
    const provider = createProviderRegistry().get(message.providerName);
    const outcome = await runAttempt({
      ...message.attempt,
      provider,
      echo: message.echo ? (text) => send({ type: "echo", text }) : undefined,
      onSpawn: (pid) => request((id) => ({ type: "spawn", id, pid })),
      onSession: (sessionId) => request((id) => ({ type: "session", id, sessionId })),
      signalGroup: (pid, signal) => request((id) => ({ type: "signal", id, pid, signal })),
    });
    send({ type: "done", outcome });
  } catch (error) {
    send({
      type: "failed",
      code: error instanceof SaseError ? error.code : "sandbox.attempt",
      message: error instanceof Error ? error.message : String(error),
      hint: error instanceof SaseError ? error.hint : undefined,
    });
  }
};
