/**
 * One chop run, scheduled or manual, from its `running` record to its
 * final status (handbook 5.5.3-5.5.6). A script chop runs as
 * `<script> --context <context.json>` in its own process group through the
 * workflow engine's step process (with the chop's `env` and the
 * `SASE_CHOP_*` variables), confined like a workflow step (`confine.ts`:
 * its lumberjack's directory, its working directory, is what it may write), its stdout and stderr streamed into the run's
 * `.log` while it runs, and killed at its timeout. A built-in chop runs in
 * the lumberjack and writes its summary into the same log.
 *
 * @module
 */

import { shellQuote } from "../self_command.ts";
import { runStepProcess } from "../workflow/step_process.ts";
import type { AppContext } from "../context.ts";
import type { ChangeSpec } from "../changespec/types.ts";
import type { ChangeSpecStore } from "../changespec/store.ts";
import { type ChopRunEntry, type ChopRunSource, runningEntry, writeRun } from "./history.ts";
import { chopPaths, lumberjackPaths } from "./paths.ts";
import { resolveChopScript } from "./resolve.ts";
import type { AxeSettings, ChopSpec } from "./settings.ts";
import { BUILTIN_CHOPS, loadBuiltinChop } from "./chops/registry.ts";
import { definedEnv } from "../config/paths.ts";
import { axeConfiner } from "./confine.ts";

/** setTimeout's largest delay: a chop without a timeout. */
const NO_TIMEOUT_MS = 2 ** 31 - 1;

/** What one chop run needs. */
export interface ChopRunRequest {
  app: AppContext;
  settings: AxeSettings;
  lumberjack: string;
  chop: ChopSpec;
  source: ChopRunSource;
  /** Who asked (`lumberjack:<name>`, `cli:<pid>`). */
  startedBy: string;
  /** The tick's `context.json` (written by the caller). */
  contextPath: () => Promise<string>;
  changeSpecs: () => Promise<{ all: ChangeSpec[]; filtered: ChangeSpec[] }>;
  /** The lumberjack's ProjectSpec store. */
  store: ChangeSpecStore;
  /** Stops the run (the lumberjack is stopping). */
  signal?: AbortSignal;
}

function elapsedMs(start: Date, end: Date): number {
  return Math.max(0, end.getTime() - start.getTime());
}

/** The variables every chop process (and agent) gets. */
export function chopEnv(
  request: Pick<ChopRunRequest, "app" | "lumberjack" | "chop" | "settings">,
  runId: string,
): Record<string, string> {
  return {
    ...definedEnv(request.app.env),
    ...request.chop.env,
    SASE_CHOP_LUMBERJACK: request.lumberjack,
    SASE_CHOP_NAME: request.chop.name,
    SASE_CHOP_RUN_ID: runId,
    ...(request.settings.verboseDiagnostics ? { SASE_CHOP_VERBOSE: "1" } : {}),
  };
}

/** Run a script or built-in chop once; resolves to its final entry. */
export async function runChop(request: ChopRunRequest): Promise<ChopRunEntry> {
  const { app, lumberjack, chop } = request;
  const started = app.now();
  let entry = runningEntry(lumberjack, chop.name, request.source, request.startedBy, started);
  const runId = entry.run_id;
  const paths = chopPaths(app.env, lumberjack, chop.name);
  const finish = async (update: Partial<ChopRunEntry>) => {
    const ended = app.now();
    entry = {
      ...entry,
      ...update,
      finished_at: ended.toISOString(),
      duration_ms: elapsedMs(started, ended),
    };
    await writeRun(app.env, entry);
    return entry;
  };
  const executable = resolveChopScript(
    chop.name,
    request.settings.chopScriptDirs,
    BUILTIN_CHOPS,
    app.env,
  );
  if (executable.kind === "missing") {
    return await finish({
      status: "missing_script",
      error: `no executable for chop '${chop.name}': not in axe.chop_script_dirs, ` +
        `no sase_chop_${chop.name} beside sase or on PATH`,
    });
  }
  await writeRun(app.env, entry);
  await Deno.mkdir(paths.runsDir, { recursive: true });
  using log = await Deno.open(paths.runLog(runId), { append: true, create: true });
  const write = async (bytes: Uint8Array) => {
    entry.output_bytes += bytes.length;
    for (let done = 0; done < bytes.length;) done += await log.write(bytes.subarray(done));
  };
  const timeoutMs = chop.timeoutSeconds ? chop.timeoutSeconds * 1000 : NO_TIMEOUT_MS;
  if (executable.kind === "builtin") {
    return await finish(await runBuiltin(request, write, timeoutMs));
  }
  // The jail's record of the run goes to a directory of its own, gone with the run.
  const confine = await axeConfiner(app);
  const sandboxDir = await Deno.makeTempDir({ prefix: "sase-chop-" });
  const result = await runStepProcess({
    kind: "bash",
    // exec: the script itself is the group leader whose pid the run records.
    source: `exec ${shellQuote(executable.path)} --context ${
      shellQuote(await request.contextPath())
    }`,
    cwd: lumberjackPaths(app.env, lumberjack).dir,
    env: chopEnv(request, runId),
    timeoutMs,
    signal: request.signal,
    onOutput: write,
    onProcess: async (pid) => {
      if (pid === null) return;
      entry = { ...entry, pid };
      await writeRun(app.env, entry);
    },
    sandbox: {
      confine,
      runDir: sandboxDir,
      runEnv: Object.keys(request.chop.env),
    },
  }).finally(() => Deno.remove(sandboxDir, { recursive: true }).catch(() => {}));
  if (result.timedOut) {
    return await finish({ status: "timeout", error: `timed out after ${chop.timeoutSeconds}s` });
  }
  if (result.aborted) return await finish({ status: "failure", error: "stopped with axe" });
  return await finish({
    status: result.code === 0 ? "success" : "failure",
    exit_code: result.code,
    error: result.code === 0
      ? null
      : `exit code ${result.code}${result.signal ? ` (${result.signal})` : ""}`,
  });
}

async function runBuiltin(
  request: ChopRunRequest,
  write: (bytes: Uint8Array) => Promise<void>,
  timeoutMs: number,
): Promise<Partial<ChopRunEntry>> {
  const encoder = new TextEncoder();
  const controller = new AbortController();
  const stop = () => controller.abort();
  request.signal?.addEventListener("abort", stop, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    const chop = await loadBuiltinChop(request.chop.name);
    const outcome = await Promise.race([
      chop({
        app: request.app,
        settings: request.settings,
        lumberjack: request.lumberjack,
        chop: request.chop,
        log: (line) => write(encoder.encode(`${line}\n`)),
        changeSpecs: request.changeSpecs,
        store: request.store,
        signal: controller.signal,
      }).then(() => "done" as const),
      timedOut,
    ]);
    if (outcome === "timeout") {
      return { status: "timeout", error: `timed out after ${request.chop.timeoutSeconds}s` };
    }
    return { status: "success", exit_code: 0 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await write(encoder.encode(`error: ${message}\n`)).catch(() => {});
    return { status: "failure", exit_code: 1, error: message };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", stop);
  }
}
