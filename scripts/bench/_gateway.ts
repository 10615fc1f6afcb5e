/**
 * Start the gateway the real CLI runs (`sase mobile gateway start -p 0`)
 * for a benchmark, in a home of its own, and read the pairing lines it
 * prints.
 *
 * @module
 */

import { fromFileUrl, join } from "../../core/fs/path.ts";

/** The CLI's entry point. */
export const MAIN = fromFileUrl(new URL("../../main.ts", import.meta.url));

/** A gateway started for a benchmark. */
export interface BenchGateway {
  url: string;
  code: string;
  pairingId: string;
  child: Deno.ChildProcess;
  /** The environment it runs in (for further `sase` commands against the same home). */
  env: Record<string, string>;
}

/** Start the gateway with `HOME=home`, `SASE_HOME=saseHome`; resolves once it printed its lines. */
export async function startBenchGateway(home: string, saseHome: string): Promise<BenchGateway> {
  const env = {
    HOME: home,
    SASE_HOME: saseHome,
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    DENO_DIR: Deno.env.get("DENO_DIR") ?? join(Deno.env.get("HOME") ?? "/root", ".cache", "deno"),
    DENO_NO_UPDATE_CHECK: "1",
  };
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", MAIN, "mobile", "gateway", "start", "-p", "0"],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  let text = "";
  while (text.split("\n").length < 6) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the gateway exited: ${text}`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  child.stdout.cancel().catch(() => {});
  const [first, codeLine, idLine] = text.split("\n");
  return {
    url: first.split(" ").pop()!,
    code: codeLine.replace("Pairing code: ", ""),
    pairingId: idLine.replace("Pairing ID: ", ""),
    child,
    env,
  };
}
