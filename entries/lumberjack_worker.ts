/**
 * The module of a lumberjack Worker: the orchestrator posts `start` with
 * the lumberjack's name and the process's environment; the Worker builds
 * its own application context, runs the lumberjack's tick loop, sends a
 * heartbeat every second, and on `stop` ends its running chops and
 * answers `stopped`. A loop that fails is reported as `failed` (the
 * orchestrator restarts the Worker).
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { saseContext } from "./context.ts";
import { axeSettings, lumberjackNamed } from "../core/axe/settings.ts";
import { runLumberjackLoop } from "../core/axe/lumberjack.ts";
import type { FromLumberjack, ToLumberjack } from "../core/axe/worker_protocol.ts";

const stop = new AbortController();

function send(message: FromLumberjack): void {
  self.postMessage(message);
}

self.onmessage = async (event: MessageEvent<ToLumberjack>) => {
  const message = event.data;
  if (message.type === "stop") {
    stop.abort();
    return;
  }
  try {
    const app = saseContext({
      env: message.env,
      cwd: message.cwd,
      warn: () => {},
    });
    const settings = axeSettings((await app.config()).config.axe, message.overrides, app.env);
    await runLumberjackLoop({
      app,
      settings,
      lumberjack: lumberjackNamed(settings, message.name),
      hostPid: message.hostPid,
      restarts: message.restarts,
      signal: stop.signal,
      heartbeat: () => send({ type: "heartbeat" }),
    });
    send({ type: "stopped" });
  } catch (error) {
    send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
  self.close();
};
