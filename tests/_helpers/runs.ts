/**
 * Reading the agent runs a test launched: artifact directories under the
 * sandbox's `SASE_HOME`, their JSON records, and polling until detached
 * runners have finished.
 *
 * @module
 */

import { basename, join } from "node:path";
import type { Sandbox } from "./sandbox.ts";

/** Every run directory of `project` (default: every project), oldest first. */
export async function runDirs(sb: Sandbox, project?: string): Promise<string[]> {
  const dirs: string[] = [];
  const list = async (dir: string) => {
    const names: string[] = [];
    try {
      for await (const entry of Deno.readDir(dir)) if (entry.isDirectory) names.push(entry.name);
    } catch {
      // No runs yet.
    }
    return names;
  };
  const projects = project ? [project] : await list(join(sb.saseHome, "projects"));
  for (const name of projects) {
    const root = join(sb.saseHome, "projects", name, "artifacts", "ace-run");
    for (const month of await list(root)) {
      for (const day of await list(join(root, month))) {
        for (const run of await list(join(root, month, day))) {
          dirs.push(join(root, month, day, run));
        }
      }
    }
  }
  // Run directories are named by their timestamp: order by it across projects.
  return dirs.sort((a, b) => basename(a).localeCompare(basename(b)));
}

/** Parse a JSON file, or undefined when it does not exist (yet). */
export async function readJsonFile(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Poll `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The `done.json` of every run in `dirs`, once all exist. */
export function allDone(
  dirs: readonly string[],
  timeoutMs?: number,
): Promise<Record<string, unknown>[]> {
  return waitFor(`done.json in ${dirs.length} runs`, async () => {
    const records = await Promise.all(dirs.map((dir) => readJsonFile(join(dir, "done.json"))));
    return records.every((record) => record !== undefined)
      ? records as Record<string, unknown>[]
      : undefined;
  }, timeoutMs);
}

/** Stop whatever detached runners of these runs are still alive (test cleanup). */
export async function killRunners(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    const meta = await readJsonFile(join(dir, "agent_meta.json"));
    for (const key of ["pid", "agent_pid"]) {
      const pid = meta?.[key];
      if (typeof pid === "number" && pid !== Deno.pid) {
        try {
          Deno.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
  }
}
