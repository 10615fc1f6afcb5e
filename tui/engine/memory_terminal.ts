/**
 * A terminal in memory, for tests and headless benchmarks: it keeps every
 * write, interprets the subset of VT sequences the engine emits into a
 * screen of cells (so a test can read the screen a user would see), and
 * takes input and signals from the test.
 *
 * @module
 */

import type { Size } from "./geometry.ts";
import type { Terminal, TerminalSignal } from "./terminal.ts";
import { graphemes, graphemeWidth } from "./width.ts";

/** One cell of the emulated screen: its text and the SGR parameters in force when written. */
export interface ScreenCell {
  char: string;
  sgr: string;
}

/** Thrown by {@linkcode MemoryTerminal.exit} so a test can see the exit instead of dying. */
export class TerminalExit extends Error {
  constructor(readonly code: number) {
    super(`terminal exit ${code}`);
  }
}

/** A terminal whose screen, modes and writes a test can inspect. */
export class MemoryTerminal implements Terminal {
  /** Every `write`, in order. */
  readonly writes: string[] = [];
  /** Whether raw mode is on. */
  raw = false;
  /** Private modes set with `CSI ? n h` (1049 alternate screen, 25 cursor, 2004 paste...). */
  readonly modes = new Map<number, boolean>([[25, true], [7, true]]);
  /** How many times the process was stopped. */
  stops = 0;
  /** Exit codes requested. */
  readonly exits: number[] = [];
  /** How many times `input()` started reading. */
  inputStarts = 0;
  /** Whether an `input()` is reading now (false between `stopInput` and the next `input()`). */
  reading = false;
  #size: Size;
  #screen: ScreenCell[][] = [];
  #cursor = { x: 0, y: 0 };
  #sgr = "0";
  #env: Record<string, string>;
  #signals = new Map<TerminalSignal, Set<() => void>>();
  #queue: Uint8Array[] = [];
  #wake: (() => void) | undefined;
  #generation = 0;

  constructor(size: Size = { columns: 80, rows: 24 }, env: Record<string, string> = {}) {
    this.#size = { ...size };
    this.#env = env;
    this.#resetScreen();
  }

  size(): Size {
    return { ...this.#size };
  }

  write(data: string): void {
    this.writes.push(data);
    this.#interpret(data);
  }

  setRaw(raw: boolean): void {
    this.raw = raw;
  }

  async *input(): AsyncIterable<Uint8Array> {
    // A `stopInput` ends this reading only; bytes typed meanwhile wait for the next one.
    const generation = ++this.#generation;
    this.inputStarts++;
    this.reading = true;
    try {
      while (generation === this.#generation) {
        const chunk = this.#queue.shift();
        if (chunk) {
          yield chunk;
          continue;
        }
        await new Promise<void>((resolve) => this.#wake = resolve);
      }
    } finally {
      if (generation === this.#generation) this.reading = false;
    }
  }

  stopInput(): void {
    this.#generation++;
    this.reading = false;
    this.#wake?.();
  }

  onSignal(signal: TerminalSignal, handler: () => void): () => void {
    let set = this.#signals.get(signal);
    if (!set) this.#signals.set(signal, set = new Set());
    set.add(handler);
    return () => set.delete(handler);
  }

  stopProcess(): void {
    this.stops++;
  }

  exit(code: number): never {
    this.exits.push(code);
    throw new TerminalExit(code);
  }

  env(name: string): string | undefined {
    return this.#env[name];
  }

  /** Deliver input bytes (a string is UTF-8 encoded) as one chunk. */
  type(data: string | Uint8Array): void {
    this.#queue.push(typeof data === "string" ? new TextEncoder().encode(data) : data);
    this.#wake?.();
  }

  /** Raise `signal` (handlers run synchronously). */
  signal(signal: TerminalSignal): void {
    for (const handler of [...(this.#signals.get(signal) ?? [])]) handler();
  }

  /** Whether anything listens for `signal`. */
  listens(signal: TerminalSignal): boolean {
    return (this.#signals.get(signal)?.size ?? 0) > 0;
  }

  /** Change the size (the screen is cleared, as a real resize may garble it) and raise SIGWINCH. */
  resize(size: Size): void {
    this.#size = { ...size };
    this.#resetScreen();
    this.signal("SIGWINCH");
  }

  /** The emulated screen's rows as text (a wide character once, its continuation omitted). */
  screenText(): string[] {
    return this.#screen.map((row) => row.map((cell) => cell.char).join(""));
  }

  /** The emulated cell at (`x`, `y`). */
  cell(x: number, y: number): ScreenCell {
    return this.#screen[y][x];
  }

  #resetScreen(): void {
    this.#screen = Array.from(
      { length: this.#size.rows },
      () => Array.from({ length: this.#size.columns }, () => ({ char: " ", sgr: "0" })),
    );
  }

  #interpret(data: string): void {
    let i = 0;
    while (i < data.length) {
      if (data[i] === "\x1b" && data[i + 1] === "[") {
        // deno-lint-ignore no-control-regex -- it parses escape sequences
        const match = /^\x1b\[(\??)([0-9;]*)([A-Za-z])/.exec(data.slice(i, i + 64));
        if (!match) {
          throw new Error(`unexpected escape at ${JSON.stringify(data.slice(i, i + 16))}`);
        }
        this.#control(match[1] === "?", match[2], match[3]);
        i += match[0].length;
        continue;
      }
      let end = data.indexOf("\x1b", i);
      if (end < 0) end = data.length;
      for (const grapheme of graphemes(data.slice(i, end))) this.#print(grapheme);
      i = end;
    }
  }

  #control(isPrivate: boolean, params: string, final: string): void {
    if (isPrivate) {
      if (final === "h" || final === "l") {
        for (const mode of params.split(";")) this.modes.set(Number(mode), final === "h");
      }
      return;
    }
    if (final === "H") {
      const [row, column] = params.split(";").map((p) => Number(p || "1"));
      this.#cursor = { x: (column ?? 1) - 1, y: (row ?? 1) - 1 };
    } else if (final === "J" && params === "2") {
      this.#resetScreen();
    } else if (final === "m") {
      this.#sgr = params === "" ? "0" : params;
    }
  }

  #print(grapheme: string): void {
    const width = Math.max(1, graphemeWidth(grapheme));
    const { x, y } = this.#cursor;
    const row = this.#screen[y];
    if (!row || x >= row.length) return;
    row[x] = { char: grapheme, sgr: this.#sgr };
    if (width === 2 && x + 1 < row.length) row[x + 1] = { char: "", sgr: this.#sgr };
    // Autowrap is off in the session: the cursor stays on the last column.
    this.#cursor = { x: Math.min(x + width, row.length - 1), y };
  }
}
