/**
 * The launch sandbox's worker entry: runs one attempt with the permissions
 * the launcher granted (see `core/agent/run/sandbox.ts`). It loads the provider
 * by name (a plugin's provider from its plugin module), so it is a
 * composition root like the CLI itself; only that provider's modules are
 * loaded, since worker start-up is launch latency.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { runAttempt } from "../core/agent/run/attempt.ts";
import type { LauncherMessage, WorkerMessage } from "../core/agent/run/sandbox.ts";
import { SaseError } from "../core/errors.ts";
import type { LlmProvider } from "../core/provider.ts";
import { importOnDemand } from "../core/on_demand.ts";
import { loadLlmProvider } from "../providers/llm/loaders.ts";

const pending = new Map<number, () => void>();
let nextId = 0;
/** Providers being loaded: `load` arrives before `start`, so loading overlaps the launcher's work. */
const providers = new Map<string, ReturnType<typeof loadLlmProvider>>();

/** The provider `name` of the plugin `module` (its manifest's `llm` list). */
async function pluginProvider(name: string, module: string): Promise<LlmProvider> {
  const { manifest } = await importOnDemand<{ manifest?: { llm?: LlmProvider[] } }>(
    module,
    import.meta.url,
  );
  const found = manifest?.llm?.find((p) => p.info.name === name);
  if (found) return found;
  throw new SaseError("provider.unknown", `plugin ${module} has no LLM provider '${name}'`, {
    kind: "not-found",
  });
}

/** The provider `name`: a built-in, or one of the plugin `module` (already validated by the launcher). */
function provider(name: string, module?: string): ReturnType<typeof loadLlmProvider> {
  let loading = providers.get(name);
  if (!loading) {
    loading = module ? pluginProvider(name, module) : loadLlmProvider(name);
    // Failures surface when `start` awaits it.
    loading.catch(() => {});
    providers.set(name, loading);
  }
  return loading;
}

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
  if (message.type === "load") {
    provider(message.providerName, message.module);
    return;
  }
  try {
    const outcome = await runAttempt({
      ...message.attempt,
      provider: await provider(message.providerName),
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
      kind: error instanceof SaseError ? error.kind : "failed",
    });
  }
};
