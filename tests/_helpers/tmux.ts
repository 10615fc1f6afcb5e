/**
 * Driving a real terminal program in tmux: a private tmux server (its own
 * `-L` socket, no user configuration) runs one command in a window of a
 * given size; the test sends keys, reads the screen with `capture-pane`
 * (polling until what it waits for is there), resizes the window, asks
 * tmux about the pane (alternate screen, cursor, exit status), and always
 * kills the server at the end.
 *
 * ```ts
 * await using tmux = await Tmux.start(["deno", "run", "-A", "demo.ts"], { columns: 80, rows: 24 });
 * await tmux.waitFor((screen) => screen[0].includes("ready"), "the first frame");
 * await tmux.sendKeys("j");
 * ```
 *
 * @module
 */

/** Options of {@linkcode Tmux.start}. */
export interface TmuxOptions {
  columns: number;
  rows: number;
  cwd?: string;
  /** Environment of the command (on top of tmux's own; `TERM` is tmux's). */
  env?: Record<string, string>;
}

let sessions = 0;

/** A tmux server running one command in one window. */
export class Tmux implements AsyncDisposable {
  /** The server's socket name (`tmux -L`). */
  readonly socket: string;
  readonly #target = "test:0.0";
  /** The socket file, removed with the server (tmux leaves it behind). */
  #socketPath: string | null = null;

  private constructor(socket: string) {
    this.socket = socket;
  }

  /**
   * Start a server and run `command` in a `columns`×`rows` window. The pane
   * stays after the command exits (`remain-on-exit`) so its last screen and
   * exit status can still be read.
   */
  static async start(command: string[], options: TmuxOptions): Promise<Tmux> {
    const socket = `sase-test-${Deno.pid}-${++sessions}-${crypto.randomUUID().slice(0, 8)}`;
    const tmux = new Tmux(socket);
    const env = Object.entries(options.env ?? {}).flatMap(([name, value]) => [
      "-e",
      `${name}=${value}`,
    ]);
    try {
      await tmux.run(
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "test",
        "-x",
        String(options.columns),
        "-y",
        String(options.rows),
        ...(options.cwd ? ["-c", options.cwd] : []),
        ...env,
        // A placeholder until remain-on-exit is set, so a command that exits at once
        // still leaves its pane to read.
        "sleep 3600",
      );
      tmux.#socketPath = (await tmux.run("display-message", "-p", "#{socket_path}")).trim();
      await tmux.run("set-option", "-g", "remain-on-exit", "on");
      await tmux.run("set-option", "-g", "escape-time", "10");
      await tmux.run(
        "respawn-pane",
        "-k",
        "-t",
        tmux.#target,
        ...(options.cwd ? ["-c", options.cwd] : []),
        ...env,
        ...command,
      );
    } catch (error) {
      await tmux.kill(); // a half-started server never outlives the test
      throw error;
    }
    return tmux;
  }

  /** Run a tmux command on this server; its stdout. */
  async run(...args: string[]): Promise<string> {
    const output = await new Deno.Command("tmux", {
      args: ["-L", this.socket, ...args],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { TMUX: "" },
    }).output();
    if (!output.success) {
      throw new Error(
        `tmux ${args.join(" ")} failed: ${new TextDecoder().decode(output.stderr).trim()}`,
      );
    }
    return new TextDecoder().decode(output.stdout);
  }

  /** Send keys by tmux name (`j`, `Enter`, `C-z`, `Escape`, `BTab`). */
  async sendKeys(...keys: string[]): Promise<void> {
    await this.run("send-keys", "-t", this.#target, ...keys);
  }

  /** Type `text` literally. */
  async sendText(text: string): Promise<void> {
    await this.run("send-keys", "-t", this.#target, "-l", text);
  }

  /** The visible screen, one string per row (trailing blanks trimmed by tmux). */
  async capture(): Promise<string[]> {
    const text = await this.run("capture-pane", "-p", "-t", this.#target);
    const rows = text.split("\n");
    if (rows.at(-1) === "") rows.pop();
    return rows;
  }

  /**
   * Capture until `predicate` holds for the screen; the screen. Fails after
   * `timeoutMs` (generous by default) showing the last screen and `what`.
   */
  async waitFor(
    predicate: (screen: string[]) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let screen: string[] = [];
    while (Date.now() < deadline) {
      screen = await this.capture();
      if (predicate(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}; the screen:\n${screen.join("\n")}`);
  }

  /** A pane format value (`#{alternate_on}`, `#{cursor_flag}`, `#{pane_pid}`, `#{pane_dead}`). */
  async pane(format: string): Promise<string> {
    return (await this.run("display-message", "-p", "-t", this.#target, format)).trim();
  }

  /** Wait until the pane's command has exited; its exit status. */
  async waitForExit(timeoutMs = 20_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.pane("#{pane_dead}") === "1") {
        return Number(await this.pane("#{pane_dead_status}"));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("timed out waiting for the pane's command to exit");
  }

  /** Resize the window (the program gets SIGWINCH). */
  async resize(columns: number, rows: number): Promise<void> {
    await this.run("resize-window", "-t", "test:0", "-x", String(columns), "-y", String(rows));
  }

  /** Kill the server (and the command) and remove its socket; safe to call twice. */
  async kill(): Promise<void> {
    try {
      await this.run("kill-server");
    } catch {
      // Already gone.
    }
    if (this.#socketPath) await Deno.remove(this.#socketPath).catch(() => {});
    this.#socketPath = null;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.kill();
  }
}
