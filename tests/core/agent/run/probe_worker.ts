/**
 * A stand-in for the attempt worker (`entries/attempt_worker.ts`) that tries
 * what a hostile provider module might: run programs, read and write files.
 * It reports what Deno let it do, so a test can check the launch Worker's
 * permissions themselves.
 *
 * @module
 */

/// <reference lib="deno.worker" />

/** One thing to try. */
export type Probe =
  | { run: string; args?: string[] }
  | { read: string }
  | { write: string };

self.onmessage = async (event: MessageEvent<{ type: string; probes?: Probe[] }>) => {
  if (event.data.type !== "probe") return;
  const results: string[] = [];
  for (const probe of event.data.probes ?? []) {
    try {
      if ("run" in probe) {
        await new Deno.Command(probe.run, { args: probe.args, stdout: "null", stderr: "null" })
          .output();
      } else if ("read" in probe) await Deno.readTextFile(probe.read);
      else await Deno.writeTextFile(probe.write, "probe");
      results.push("allowed");
    } catch (error) {
      results.push(error instanceof Deno.errors.NotCapable ? "denied" : `failed: ${error}`);
    }
  }
  self.postMessage(results);
};
