/**
 * `sase ace -p`: a CPU profile of the session (V8's sampling profiler
 * through the inspector), written as text where the handbook says: the
 * given path, else `$SASE_TMPDIR/ace_profile_<ts>.txt` (the system temp
 * directory without `SASE_TMPDIR`). The report lists functions by self
 * time (samples and share), with their source location.
 *
 * @module
 */

import { Session } from "node:inspector";
import { join } from "../../../core/fs/path.ts";
import type { Env } from "../../../core/config/paths.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  startTime: number;
  endTime: number;
}

/** A running profile. */
export interface Profiling {
  /** Stop and write the report to its path; resolves with the path. */
  stop(): Promise<string>;
}

/** The report's path: `path`, else `$SASE_TMPDIR/ace_profile_<ts>.txt`. */
export function profilePath(env: Env, path: string | null, now: Date): string {
  if (path) return path;
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  return join(env.SASE_TMPDIR || env.TMPDIR || "/tmp", `ace_profile_${stamp}.txt`);
}

/** The text report of `profile`: the top functions by self samples. */
export function profileReport(profile: CpuProfile, top = 40): string {
  const samples = profile.samples ?? [];
  const self = new Map<number, number>();
  for (const id of samples) self.set(id, (self.get(id) ?? 0) + 1);
  const label = (node: ProfileNode) => {
    const name = node.callFrame.functionName || "(anonymous)";
    const where = node.callFrame.url
      ? ` ${node.callFrame.url}:${node.callFrame.lineNumber + 1}`
      : "";
    return `${name}${where}`;
  };
  const merge = (score: (id: number) => number) => {
    const out = new Map<string, number>();
    for (const node of profile.nodes) {
      const key = label(node);
      out.set(key, (out.get(key) ?? 0) + score(node.id));
    }
    return [...out].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, top);
  };
  const all = Math.max(1, samples.length);
  const ms = (profile.endTime - profile.startTime) / 1000;
  const rows = (list: Array<[string, number]>) =>
    list.map(([key, n]) =>
      `${(100 * n / all).toFixed(1).padStart(6)}%  ${String(n).padStart(7)}  ${key}`
    );
  return [
    `sase ace CPU profile: ${samples.length} samples over ${(ms / 1000).toFixed(1)} s`,
    "",
    "By self time:",
    ...rows(merge((id) => self.get(id) ?? 0)),
    "",
  ].join("\n");
}

/** Start profiling; `stop` writes the report to `path`. */
export async function startProfiling(path: string): Promise<Profiling> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string): Promise<T> =>
    new Promise((resolve, reject) =>
      session.post(
        method,
        {},
        (error: unknown, result: unknown) => error ? reject(error) : resolve(result as T),
      )
    );
  await post("Profiler.enable");
  await post("Profiler.start");
  return {
    async stop() {
      const { profile } = await post<{ profile: CpuProfile }>("Profiler.stop");
      session.disconnect();
      await Deno.writeTextFile(path, profileReport(profile));
      return path;
    },
  };
}
