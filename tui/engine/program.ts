/**
 * The program runner: a program is a state, a reducer `update(state, msg)`
 * and a view drawing the state into a cell buffer (the controller/context/
 * presentation split: keys become messages, messages change state, the
 * screen is derived). The runner owns the terminal session, decodes input,
 * and each frame drains every pending input and external message through
 * the reducer before painting once, and paints only when the state object
 * changed (a reducer returns the same object for a no-op), the size changed,
 * or the screen must be redrawn (resume, the end of a hand-off). `handOff`
 * lends the terminal to another program (`$EDITOR`) and takes it back
 * without ending the program.
 *
 * @module
 */

import { CellBuffer } from "./buffer.ts";
import { type ColorDepth, detectColorDepth } from "./color.ts";
import type { Size } from "./geometry.ts";
import { InputDecoder } from "./input.ts";
import { type InputEvent, keyId } from "./keys.ts";
import { renderFrame } from "./render.ts";
import { ScreenSession } from "./screen.ts";
import type { Terminal } from "./terminal.ts";

type Timer = ReturnType<typeof setTimeout>;

/** The terminal changed size; the state may re-layout. */
export interface ResizeEvent {
  kind: "resize";
  size: Size;
}

/** What the engine delivers to `update` besides the program's own messages. */
export type EngineEvent = InputEvent | ResizeEvent;

/** What `update` may ask of the runner (recorded, carried out after the reducer returns). */
export interface ProgramIO<M> {
  /** End the program after this message; no further frame is painted. */
  quit(): void;
  /** Queue `msg` for the same frame's drain (or the next frame). */
  dispatch(msg: M): void;
  /** Queue `msg` after `ms` milliseconds; returns a cancel function. */
  after(ms: number, msg: M): () => void;
}

/**
 * A full-screen program. Messages of the program (`M`) must not use the
 * `kind` values of engine events (`key`, `paste`, `resize`).
 */
export interface Program<S, M> {
  /** The first state, for the terminal's size. */
  init(size: Size): S;
  /** The next state; return `state` itself when nothing changed (nothing is painted). */
  update(state: S, message: M | EngineEvent, io: ProgramIO<M>): S;
  /** Draw `state` into `buffer` (the whole screen, already blank). */
  view(state: S, buffer: CellBuffer): void;
}

/**
 * Lends the terminal to a child program for the time `run` takes
 * ({@linkcode Runner.handOff}); what a program's services get instead of
 * the runner.
 */
export type HandOff = <T>(run: () => Promise<T>) => Promise<T>;

/** Options of {@linkcode Runner}. */
export interface RunnerOptions {
  /** The clock (ms) for escape timing and frame pacing; default `performance.now`. */
  now?: () => number;
  /** Incomplete escape sequences wait this long (default 50 ms). */
  escapeTimeoutMs?: number;
  /** Paint at most once per this many ms (default 8): a burst of events shares a frame. */
  frameIntervalMs?: number;
  /** Colour depth; default detected from the terminal's environment. */
  colorDepth?: ColorDepth;
  /** The key that suspends the program (default `ctrl+z`; null: deliver it to the program). */
  suspendKey?: string | null;
}

/** Counters a test or benchmark reads. */
export interface RunnerStats {
  /** Messages and events passed to `update`. */
  updates: number;
  /** Calls of `view`. */
  views: number;
  /** Frames written to the terminal. */
  writes: number;
  /** Bytes (UTF-16 code units) of the last frame written. */
  lastFrameLength: number;
}

/** Runs a {@linkcode Program} on a {@linkcode Terminal}. */
export class Runner<S, M> {
  /** Counters for tests and benchmarks. */
  readonly stats: RunnerStats = { updates: 0, views: 0, writes: 0, lastFrameLength: 0 };
  readonly #program: Program<S, M>;
  readonly #terminal: Terminal;
  readonly #now: () => number;
  readonly #frameIntervalMs: number;
  readonly #depth: ColorDepth;
  readonly #suspendKey: string | null;
  readonly #decoder: InputDecoder;
  readonly #session: ScreenSession;
  readonly #queue: (M | EngineEvent)[] = [];
  readonly #timers = new Set<Timer>();
  readonly #io: ProgramIO<M>;
  #state: S;
  #painted: { state: S } | null = null;
  #size: Size;
  #screen: CellBuffer | null = null;
  #spare: CellBuffer | null = null;
  #quitting = false;
  #running = false;
  #frameTimer: Timer | null = null;
  #escapeTimer: Timer | null = null;
  #lastPaint = -Infinity;
  #finish: (() => void) | null = null;
  #fail: ((error: unknown) => void) | null = null;
  /** The input loop now; it settles (never rejects) when input stops or ends. */
  #reading: Promise<void> = Promise.resolve();
  /** Input was stopped for a hand-off: its end does not end the program. */
  #inputPaused = false;
  /** Hand-offs run one at a time, in the order asked. */
  #handOffs: Promise<unknown> = Promise.resolve();

  constructor(program: Program<S, M>, terminal: Terminal, options: RunnerOptions = {}) {
    this.#program = program;
    this.#terminal = terminal;
    this.#now = options.now ?? (() => performance.now());
    this.#frameIntervalMs = options.frameIntervalMs ?? 8;
    this.#depth = options.colorDepth ?? detectColorDepth((name) => terminal.env(name));
    this.#suspendKey = options.suspendKey === undefined ? "ctrl+z" : options.suspendKey;
    this.#decoder = new InputDecoder({ escapeTimeoutMs: options.escapeTimeoutMs });
    this.#session = new ScreenSession(terminal);
    this.#size = terminal.size();
    this.#state = program.init(this.#size);
    this.#io = {
      quit: () => {
        this.#quitting = true;
      },
      dispatch: (message) => this.dispatch(message),
      after: (ms, message) => {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.dispatch(message);
        }, ms);
        this.#timers.add(timer);
        return () => {
          clearTimeout(timer);
          this.#timers.delete(timer);
        };
      },
    };
  }

  /** The current state. */
  get state(): S {
    return this.#state;
  }

  /** Whether the program asked to quit. */
  get quitting(): boolean {
    return this.#quitting;
  }

  /** The colour depth frames are encoded for. */
  get colorDepth(): ColorDepth {
    return this.#depth;
  }

  /** Decode input bytes that arrived now and queue their events. */
  feed(bytes: Uint8Array | string): void {
    this.#queue.push(...this.#decoder.feed(bytes, this.#now()));
    this.#armEscapeTimer();
    this.#schedule();
  }

  /** Resolve an escape sequence whose wait has timed out (the runner's timer calls this). */
  flushInput(): void {
    this.#queue.push(...this.#decoder.flush(this.#now()));
    this.#armEscapeTimer();
    this.#schedule();
  }

  /** Queue a program message (from a service, a file watcher, a timer). */
  dispatch(message: M): void {
    this.#queue.push(message);
    this.#schedule();
  }

  /** The terminal changed size: queue a resize event (the next frame is a full redraw). */
  resized(): void {
    this.#size = this.#terminal.size();
    this.#queue.push({ kind: "resize", size: { ...this.#size } });
    this.#schedule();
  }

  /** Forget what the screen shows: the next frame redraws everything. */
  invalidate(): void {
    this.#screen = null;
    this.#schedule();
  }

  /** Whether another program has the terminal now (inside {@linkcode handOff}). */
  get handedOff(): boolean {
    return this.#session.handedOff;
  }

  /**
   * Lend the terminal to another program: stop reading input (no read is
   * left pending to swallow its keys), leave the screen (main screen,
   * cursor shown, cooked mode), run `run` (which starts the program in the
   * foreground on the real terminal and waits for it), then enter the
   * screen again, read input again and repaint everything. The program
   * keeps running meanwhile: its messages are reduced and painted after.
   * Resolves or rejects as `run` does. Hand-offs asked at once run one after
   * the other; one asked when the program is not running just runs `run`.
   */
  handOff<T>(run: () => Promise<T>): Promise<T> {
    const turn = this.#handOffs.then(() => this.#handOffNow(run));
    this.#handOffs = turn.catch(() => {});
    return turn;
  }

  async #handOffNow<T>(run: () => Promise<T>): Promise<T> {
    if (!this.#running) return await run();
    this.#inputPaused = true;
    this.#terminal.stopInput();
    // The reader has let go of the terminal before the other program starts.
    await this.#reading;
    this.#session.handOff();
    try {
      return await run();
    } finally {
      this.#session.takeBack(this.#running);
      this.#inputPaused = false;
      if (this.#running) {
        this.#read();
        this.invalidate();
      }
    }
  }

  /** Feed input until it stops; input that ends by itself ends the program. */
  #read(): void {
    const reading = (async () => {
      for await (const chunk of this.#terminal.input()) this.feed(chunk);
    })();
    // Input that ends (the terminal went away) ends the program: no key could quit it.
    this.#reading = reading.then(
      () => {
        if (!this.#inputPaused) this.#finish?.();
      },
      (error) => this.#fail?.(error),
    );
  }

  /**
   * One frame: pass every queued event to `update` (events queued meanwhile
   * included), then paint once if anything changed. Returns whether a frame
   * was written.
   */
  frame(): boolean {
    while (this.#queue.length > 0 && !this.#quitting) {
      const event = this.#queue.shift()!;
      if (
        this.#suspendKey !== null && isEngineEvent(event) && event.kind === "key" &&
        keyId(event) === this.#suspendKey
      ) {
        this.#session.suspend();
        continue;
      }
      this.stats.updates++;
      this.#state = this.#program.update(this.#state, event, this.#io);
    }
    if (this.#quitting) {
      this.#finish?.();
      return false;
    }
    return this.#paint();
  }

  #paint(): boolean {
    const { columns, rows } = this.#size;
    const sized = this.#screen !== null && this.#screen.width === columns &&
      this.#screen.height === rows;
    if (sized && this.#painted !== null && this.#painted.state === this.#state) return false;
    let next = this.#spare;
    if (!next || next.width !== columns || next.height !== rows) {
      next = new CellBuffer(columns, rows);
    } else {
      next.clear();
    }
    this.stats.views++;
    this.#program.view(this.#state, next);
    const output = renderFrame(sized ? this.#screen : null, next, this.#depth);
    if (output !== "" && this.#session.active === this.#running) {
      this.#terminal.write(output);
      this.stats.writes++;
      this.stats.lastFrameLength = output.length;
    }
    this.#spare = this.#screen;
    this.#screen = next;
    this.#painted = { state: this.#state };
    this.#lastPaint = this.#now();
    return output !== "";
  }

  #schedule(): void {
    if (!this.#running || this.#frameTimer !== null) return;
    const delay = Math.max(0, this.#lastPaint + this.#frameIntervalMs - this.#now());
    this.#frameTimer = setTimeout(() => {
      this.#frameTimer = null;
      try {
        this.frame();
      } catch (error) {
        this.#fail?.(error);
      }
    }, delay);
  }

  #armEscapeTimer(): void {
    if (this.#escapeTimer !== null) clearTimeout(this.#escapeTimer);
    this.#escapeTimer = null;
    const deadline = this.#decoder.deadline();
    if (deadline === null || !this.#running) return;
    this.#escapeTimer = setTimeout(() => {
      this.#escapeTimer = null;
      this.flushInput();
    }, Math.max(0, deadline - this.#now()));
  }

  /**
   * Run until the program quits (or its input ends): enter the screen, read input, paint frames;
   * the terminal is restored however this ends (quit, a thrown error,
   * SIGINT/SIGTERM/SIGHUP, `Deno.exit` elsewhere). Resolves with the final state.
   */
  async run(): Promise<S> {
    this.#session.guard({ resumed: () => this.invalidate(), resized: () => this.resized() });
    try {
      this.#session.enter();
      this.#running = true;
      const done = new Promise<void>((resolve, reject) => {
        this.#finish = resolve;
        this.#fail = reject;
      });
      this.#screen = null;
      this.#schedule();
      this.#read();
      await done;
      return this.#state;
    } finally {
      this.#running = false;
      for (const timer of [this.#frameTimer, this.#escapeTimer, ...this.#timers]) {
        if (timer !== null) clearTimeout(timer);
      }
      this.#timers.clear();
      this.#terminal.stopInput();
      this.#session.leave();
      this.#session.unguard();
    }
  }
}

function isEngineEvent<M>(event: M | EngineEvent): event is EngineEvent {
  const kind = (event as { kind?: unknown })?.kind;
  return kind === "key" || kind === "paste" || kind === "resize";
}
