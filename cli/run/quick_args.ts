/**
 * The common shapes of `sase run` recognised without the command-line
 * parser: loading commander costs ~20 ms, and `sase run` is what scripts
 * and agents call in loops, where launch latency is the product. Anything
 * beyond one prompt argument and the `-d`/`-j` switches goes to commander,
 * which owns help, errors and every other option.
 *
 * @module
 */

/** A `sase run` invocation understood without commander. */
export interface QuickRunArgs {
  query: string | undefined;
  daemon: boolean;
  json: boolean;
}

const LONG: Readonly<Record<string, "daemon" | "json">> = {
  "--daemon": "daemon",
  "--json": "json",
};
const SHORT: Readonly<Record<string, "daemon" | "json">> = { d: "daemon", j: "json" };

/** The switches one option word sets (`-dj` bundles short ones); null for anything else. */
function switchesOf(arg: string): ("daemon" | "json")[] | null {
  if (LONG[arg]) return [LONG[arg]];
  if (!/^-[dj]+$/.test(arg)) return null;
  return [...arg.slice(1)].map((letter) => SHORT[letter]);
}

/**
 * `args` (without the program name) as a simple `sase run`, or `null` when
 * they need the full parser (other options, help, several arguments).
 */
export function quickRunArgs(args: readonly string[]): QuickRunArgs | null {
  if (args[0] !== "run") return null;
  const parsed: QuickRunArgs = { query: undefined, daemon: false, json: false };
  let positionalOnly = false;
  for (const arg of args.slice(1)) {
    if (!positionalOnly && arg === "--") {
      positionalOnly = true;
    } else if (!positionalOnly && arg.startsWith("-") && arg !== "-") {
      const switches = switchesOf(arg);
      if (!switches) return null;
      for (const name of switches) parsed[name] = true;
    } else if (parsed.query === undefined) {
      parsed.query = arg;
    } else {
      return null;
    }
  }
  return parsed;
}
