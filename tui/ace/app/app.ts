/**
 * One ACE session: the program (state, reducer, view) over the live
 * services, run on a terminal. The terminal is wrapped to measure what the
 * user waits for: each key's time from the input chunk's arrival to the
 * frame written after it (`SASE_TUI_PERF`), and the first complete paint
 * (the data of the tab on screen drawn), which also retires the start-up
 * stopwatch.
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import type { Program } from "../../engine/program.ts";
import { Runner, type RunnerOptions } from "../../engine/program.ts";
import type { Terminal } from "../../engine/terminal.ts";
import type { AgentItem } from "../agents/item.ts";
import type { AceTab } from "../chrome/tabs.ts";
import { AgentContentCache } from "../loaders/agent_content.ts";
import { AceSession } from "./services.ts";
import { type AceMsg, type AceState, createAceState } from "./state.ts";
import { Tracer } from "./trace.ts";
import { aceUpdate } from "./update.ts";
import { aceView } from "./view.ts";

/** What a session needs. */
export interface AceOptions {
  readonly app: AppContext;
  readonly terminal: Terminal;
  readonly tab: AceTab;
  /** The `QUERY` argument (checked to parse), or null for the fallback chain. */
  readonly query: string | null;
  readonly refreshSeconds: number;
  readonly inactiveSeconds: number;
  /** Watch files (default true). */
  readonly watch?: boolean;
  /** What to do with axe at start (default: leave it as it is). */
  readonly axe?: "start" | "restart" | "leave";
  readonly runner?: RunnerOptions;
}

/** A started session. */
export interface AceHandle {
  readonly runner: Runner<AceState, AceMsg>;
  readonly session: AceSession;
  readonly tracer: Tracer;
  /** Resolves when the program quits (the terminal is restored). */
  readonly done: Promise<AceState>;
  /** Resolves with the ms from start to the first complete paint. */
  readonly firstPaint: Promise<number>;
}

function keyLabel(chunk: Uint8Array): string {
  const text = new TextDecoder().decode(chunk);
  if (text.length === 1 && text >= " " && text <= "~") return text;
  return JSON.stringify(text).slice(1, -1);
}

/** Wrap `terminal` to time keys to paint and notice the first complete paint. */
function measured(
  terminal: Terminal,
  tracer: Tracer,
  onWrite: () => void,
): Terminal {
  let pending: { action: string; at: number } | null = null;
  return {
    ...terminal,
    size: () => terminal.size(),
    setRaw: (raw) => terminal.setRaw(raw),
    stopInput: () => terminal.stopInput(),
    onSignal: (signal, handler) => terminal.onSignal(signal, handler),
    stopProcess: () => terminal.stopProcess(),
    exit: (code) => terminal.exit(code),
    env: (name) => terminal.env(name),
    async *input() {
      for await (const chunk of terminal.input()) {
        if (tracer.perf && pending === null) {
          pending = { action: keyLabel(chunk), at: performance.now() };
        }
        yield chunk;
      }
    },
    write(data) {
      terminal.write(data);
      if (pending) {
        tracer.keyToPaint(pending.action, performance.now() - pending.at);
        pending = null;
      }
      onWrite();
    },
  };
}

/** Start ACE on `options.terminal`. */
export function startAce(options: AceOptions): AceHandle {
  const startedAt = performance.now();
  const tracer = new Tracer(options.app.env);
  const session = new AceSession({
    app: options.app,
    tracer,
    query: options.query,
    refreshSeconds: options.refreshSeconds,
    tab: options.tab,
    watch: options.watch,
    axe: options.axe,
  });
  const content = new AgentContentCache();
  const program: Program<AceState, AceMsg> = {
    init: (size) =>
      createAceState({
        size,
        tab: options.tab,
        nowMs: session.now(),
        refreshSeconds: options.refreshSeconds,
        inactiveSeconds: options.inactiveSeconds,
        content: (item: AgentItem) => content.textOf(item),
      }),
    update: aceUpdate(session),
    view: aceView(tracer),
  };
  let resolveFirst: (ms: number) => void = () => {};
  const firstPaint = new Promise<number>((resolve) => resolveFirst = resolve);
  let painted = false;
  // deno-lint-ignore prefer-const
  let runner: Runner<AceState, AceMsg>;
  const terminal = measured(options.terminal, tracer, () => {
    tracer.flush();
    if (!painted && runner?.state.mounted) {
      painted = true;
      const ms = performance.now() - startedAt;
      tracer.event("ace.first_complete_paint", { duration_ms: Math.round(ms) });
      resolveFirst(ms);
    }
  });
  runner = new Runner(program, terminal, options.runner);
  session.attach((msg) => runner.dispatch(msg), () => runner.state, (run) => runner.handOff(run));
  const done = runner.run().then(
    async (state) => {
      await session.settle();
      return state;
    },
    (error) => {
      session.stop();
      throw error;
    },
  );
  session.start();
  return { runner, session, tracer, done, firstPaint };
}
