/**
 * Entering and leaving full-screen mode, and the guarantee that the user's
 * terminal is given back as it was: on a normal exit, a thrown exception, an
 * unhandled rejection, `Deno.exit` from anywhere, SIGINT/SIGTERM/SIGHUP, and
 * around a suspend (Ctrl+Z or SIGTSTP) until SIGCONT. While the terminal is
 * handed to another program (`$EDITOR`), that program owns it: a SIGCONT
 * does not re-enter the screen, and SIGINT (Ctrl+C typed into it reaches
 * the whole foreground group) is left to it.
 *
 * @module
 */

import type { Terminal, TerminalSignal } from "./terminal.ts";

/** Alternate screen, cursor hidden, bracketed paste on, autowrap off, screen cleared. */
export const ENTER_SEQUENCE = "\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[?7l\x1b[0m\x1b[2J";
/** Bracketed paste off, autowrap on, attributes reset, cursor shown, main screen back. */
export const LEAVE_SEQUENCE = "\x1b[?2004l\x1b[?7h\x1b[0m\x1b[?25h\x1b[?1049l";

/** What the session does on the signals and events it guards. */
export interface SessionHooks {
  /** After SIGCONT re-entered the screen: everything must be redrawn. */
  resumed(): void;
  /** On SIGWINCH. */
  resized(): void;
}

const EXIT_SIGNALS: readonly [TerminalSignal, number][] = [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
];

/** A full-screen session on a terminal; `leave` is idempotent and always safe to call. */
export class ScreenSession {
  #active = false;
  #handedOff = false;
  #disposers: (() => void)[] = [];
  readonly #terminal: Terminal;

  constructor(terminal: Terminal) {
    this.#terminal = terminal;
  }

  /** Whether the terminal is in full-screen mode now. */
  get active(): boolean {
    return this.#active;
  }

  /** Raw mode and the alternate screen. */
  enter(): void {
    if (this.#active) return;
    this.#terminal.setRaw(true);
    this.#terminal.write(ENTER_SEQUENCE);
    this.#active = true;
  }

  /** Give the terminal back: main screen, cursor visible, cooked mode. */
  leave(): void {
    if (!this.#active) return;
    this.#active = false;
    try {
      this.#terminal.write(LEAVE_SEQUENCE);
    } finally {
      this.#terminal.setRaw(false);
    }
  }

  /** Whether another program has the terminal (between `handOff` and `takeBack`). */
  get handedOff(): boolean {
    return this.#handedOff;
  }

  /** Leave the screen for another program; the guards leave the terminal to it until `takeBack`. */
  handOff(): void {
    this.leave();
    this.#handedOff = true;
  }

  /** The other program is done: enter the screen again (`enter` = false: only end the hand-off). */
  takeBack(enter = true): void {
    this.#handedOff = false;
    if (enter) this.enter();
  }

  /** Leave, stop the process (Ctrl+Z); on SIGCONT the guard re-enters. */
  suspend(): void {
    this.leave();
    this.#terminal.stopProcess();
  }

  /**
   * Install the guards: exit signals leave and exit with 128+n (SIGINT not
   * while handed off), SIGTSTP suspends, SIGCONT re-enters unless handed
   * off (then `hooks.resumed`), SIGWINCH calls
   * `hooks.resized`, and `unload`/`error`/`unhandledrejection` leave.
   */
  guard(hooks: SessionHooks): void {
    const on = (signal: TerminalSignal, handler: () => void) =>
      this.#disposers.push(this.#terminal.onSignal(signal, handler));
    for (const [signal, code] of EXIT_SIGNALS) {
      on(signal, () => {
        if (signal === "SIGINT" && this.#handedOff) return;
        this.leave();
        this.#terminal.exit(code);
      });
    }
    on("SIGTSTP", () => this.suspend());
    on("SIGCONT", () => {
      if (this.#active || this.#handedOff) return;
      this.enter();
      hooks.resumed();
    });
    on("SIGWINCH", () => hooks.resized());
    const leave = () => this.leave();
    for (const event of ["unload", "error", "unhandledrejection"]) {
      globalThis.addEventListener(event, leave);
      this.#disposers.push(() => globalThis.removeEventListener(event, leave));
    }
  }

  /** Remove the guards (after `leave`, when the program ends normally). */
  unguard(): void {
    for (const dispose of this.#disposers.splice(0)) dispose();
  }
}
