/**
 * ACE's performance recorders (handbook 17): with `SASE_TUI_TRACE=1` every
 * timed span and point event becomes one JSONL line in
 * `SASE_HOME/perf/tui_trace.jsonl` (`SASE_TUI_TRACE_PATH` overrides):
 * `ts` (epoch seconds), `span` and `duration_ms` (or `event`),
 * `current_tab`, the call's counters and the context (`current_idx`). With
 * `SASE_TUI_PERF=1` each key's time from arrival to the frame that shows it
 * goes to `SASE_HOME/perf/tui_jk.jsonl` (`SASE_TUI_PERF_PATH`) as
 * `{ts, action, paint_ms, current_tab}`. Unset, both cost a branch.
 *
 * Lines are buffered and appended in one write per frame (and at close), so
 * recording never adds a disk write to a key's path.
 *
 * @module
 */

import { dirname, join } from "../../../core/fs/path.ts";
import { type Env, saseHome } from "../../../core/config/paths.ts";

/** Counters and context of a span or event (ints and strings, for `jq`). */
export type TraceFields = Record<string, string | number | boolean | null>;

/** One JSONL sink, buffered. */
class JsonlSink {
  readonly path: string;
  #lines: string[] = [];
  #ready = false;

  constructor(path: string) {
    this.path = path;
  }

  push(record: Record<string, unknown>): void {
    this.#lines.push(JSON.stringify(record));
  }

  flush(): void {
    if (this.#lines.length === 0) return;
    if (!this.#ready) {
      Deno.mkdirSync(dirname(this.path), { recursive: true });
      this.#ready = true;
    }
    const text = this.#lines.join("\n") + "\n";
    this.#lines = [];
    Deno.writeTextFileSync(this.path, text, { append: true });
  }
}

function enabled(env: Env, name: string): boolean {
  const value = env[name];
  return value !== undefined && value !== "" && value !== "0";
}

/** The trace and key-to-paint recorders of one session. */
export class Tracer {
  readonly #trace: JsonlSink | null;
  readonly #perf: JsonlSink | null;
  #context: TraceFields = { current_tab: null };

  constructor(env: Env) {
    const perf = (name: string) => join(saseHome(env), "perf", name);
    this.#trace = enabled(env, "SASE_TUI_TRACE")
      ? new JsonlSink(env.SASE_TUI_TRACE_PATH || perf("tui_trace.jsonl"))
      : null;
    this.#perf = enabled(env, "SASE_TUI_PERF")
      ? new JsonlSink(env.SASE_TUI_PERF_PATH || perf("tui_jk.jsonl"))
      : null;
  }

  /** Whether spans are recorded. */
  get tracing(): boolean {
    return this.#trace !== null;
  }

  /** Whether key-to-paint times are recorded. */
  get perf(): boolean {
    return this.#perf !== null;
  }

  /** Set context fields every later record carries (`current_tab`, `current_idx`). */
  setContext(fields: TraceFields): void {
    if (this.#trace || this.#perf) this.#context = { ...this.#context, ...fields };
  }

  /** Run `fn` inside the span `name`; spans nest (the inner one is written first). */
  span<T>(name: string, fields: TraceFields | (() => TraceFields), fn: () => T): T {
    if (!this.#trace) return fn();
    const start = performance.now();
    try {
      return fn();
    } finally {
      this.#record(name, performance.now() - start, fields);
    }
  }

  /** {@linkcode span} around asynchronous work (its wall time until it settles). */
  async spanAsync<T>(
    name: string,
    fields: TraceFields | (() => TraceFields),
    fn: () => Promise<T>,
  ): Promise<T> {
    if (!this.#trace) return await fn();
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.#record(name, performance.now() - start, fields);
    }
  }

  #record(name: string, duration: number, fields: TraceFields | (() => TraceFields)): void {
    this.#trace?.push({
      ts: Date.now() / 1000,
      span: name,
      duration_ms: Math.round(duration * 1000) / 1000,
      ...this.#context,
      ...(typeof fields === "function" ? fields() : fields),
    });
  }

  /** Record the point event `name`. */
  event(name: string, fields: TraceFields = {}): void {
    this.#trace?.push({ ts: Date.now() / 1000, event: name, ...this.#context, ...fields });
  }

  /** Record a key's arrival-to-paint time. */
  keyToPaint(action: string, paintMs: number): void {
    this.#perf?.push({
      ts: Date.now() / 1000,
      action,
      paint_ms: Math.round(paintMs * 1000) / 1000,
      current_tab: this.#context.current_tab ?? null,
    });
  }

  /** Append what was recorded. */
  flush(): void {
    this.#trace?.flush();
    this.#perf?.flush();
  }
}
