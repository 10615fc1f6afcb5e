/**
 * A one-line progress spinner on stderr, shown on a TTY while a foreground
 * agent has not said anything yet. It never writes when stderr is not a
 * terminal, so piped and captured output stays clean.
 *
 * @module
 */

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const encoder = new TextEncoder();

/** A running spinner; `stop()` erases it. */
export interface Spinner {
  stop(): void;
}

/** Start a spinner labelled `label` (a no-op off a TTY). */
export function startSpinner(label: string): Spinner {
  if (!Deno.stderr.isTerminal()) return { stop() {} };
  const started = Date.now();
  let frame = 0;
  const draw = () => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    const text = `\r${FRAMES[frame++ % FRAMES.length]} ${label} (${seconds}s)`;
    Deno.stderr.writeSync(encoder.encode(text));
  };
  draw();
  const timer = setInterval(draw, 100);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      Deno.stderr.writeSync(encoder.encode("\r\x1b[2K"));
    },
  };
}
