/**
 * `%wait` cycles are refused at launch: an agent waiting on itself, or
 * agents waiting on each other (`a -> b -> a`), would park forever. The
 * graph is the launch's own agents plus the earlier agents they wait for
 * that are still waiting themselves; waiting on an earlier agent is fine as
 * long as that agent does not, directly or through others, wait for one of
 * the agents being launched.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { SaseError } from "../../errors.ts";
import { readJsonObject } from "../../fs/json_object.ts";
import { ARTIFACT_FILES } from "../records/artifacts.ts";
import { readNameRegistry } from "../identity/naming.ts";

/** One agent of the launch: its planned name (if any) and what it waits for. */
export interface WaitingAgent {
  name?: string;
  waits: readonly string[];
}

/** The names an earlier agent is still waiting for (none once it started or finished). */
export type PendingWaits = (name: string) => Promise<readonly string[]>;

/**
 * The first wait cycle reachable from the launch's agents, as the names
 * along it with the first repeated at the end (`["a", "b", "a"]`), or
 * undefined when there is none. Agents are visited in launch order, so the
 * answer is deterministic.
 */
export async function findWaitCycle(
  agents: readonly WaitingAgent[],
  pendingWaits: PendingWaits,
): Promise<string[] | undefined> {
  const planned = new Map<string, readonly string[]>();
  for (const agent of agents) if (agent.name) planned.set(agent.name, agent.waits);
  const outside = new Map<string, readonly string[]>();
  const waitsOf = async (name: string) => {
    const own = planned.get(name);
    if (own) return own;
    if (!outside.has(name)) outside.set(name, await pendingWaits(name));
    return outside.get(name)!;
  };
  const done = new Set<string>();
  const path: string[] = [];
  const visit = async (name: string): Promise<string[] | undefined> => {
    const at = path.indexOf(name);
    if (at >= 0) return [...path.slice(at), name];
    if (done.has(name)) return undefined;
    path.push(name);
    for (const next of await waitsOf(name)) {
      const cycle = await visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(name);
    return undefined;
  };
  for (const agent of agents) {
    const roots = agent.name ? [agent.name] : agent.waits;
    for (const root of roots) {
      const cycle = await visit(root);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

/**
 * The names the newest agent called `name` still waits for: its
 * `waiting_for` while it has not started (no `done.json`, still parked).
 */
export function pendingWaitsIn(env: Env): PendingWaits {
  let registry: Awaited<ReturnType<typeof readNameRegistry>> | undefined;
  return async (name) => {
    registry ??= await readNameRegistry(env);
    const owner = registry[name];
    if (!owner) return [];
    const dir = owner.artifacts_dir;
    if (await readJsonObject(join(dir, ARTIFACT_FILES.done))) return [];
    const waiting = (await readJsonObject(join(dir, ARTIFACT_FILES.meta)))?.waiting_for;
    return Array.isArray(waiting) ? waiting.filter((item) => typeof item === "string") : [];
  };
}

/** Refuse a launch whose `%wait`s form a cycle, naming it. */
export async function assertNoWaitCycle(
  agents: readonly WaitingAgent[],
  pendingWaits: PendingWaits,
): Promise<void> {
  if (agents.every((agent) => agent.waits.length === 0)) return;
  const cycle = await findWaitCycle(agents, pendingWaits);
  if (!cycle) return;
  const self = cycle.length === 2;
  throw new SaseError(
    "launch.wait_cycle",
    self
      ? `agent '${cycle[0]}' waits for itself (%wait:${cycle[0]}): it would never start`
      : `%wait cycle: ${cycle.join(" -> ")}: these agents would wait for each other forever`,
    {
      hint: self
        ? `remove %wait:${cycle[0]}, or name the agent it should wait for`
        : "remove one of these %wait directives so the chain has a first agent",
      kind: "invalid-input",
    },
  );
}
