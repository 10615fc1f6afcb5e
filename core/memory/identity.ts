/**
 * Who is asking: the agent identity audited memory reads and proposals
 * require (`SASE_AGENT_NAME`, `SASE_AGENT`, or the run's
 * `SASE_ARTIFACTS_DIR/agent_meta.json`), and the human reviewer that
 * approvals and rejections record (an agent identity refuses them).
 *
 * @module
 */

import type { Env } from "../env.ts";
import { SaseError } from "../errors.ts";
import { join } from "../fs/path.ts";
import { readJsonObject } from "../fs/json_object.ts";

/** Where an agent identity came from (recorded as `agent_source` / `author_source`). */
export type IdentitySource = "SASE_AGENT_NAME" | "SASE_AGENT" | "agent_meta.json" | "manual";

/** An attributable agent. */
export interface AgentIdentity {
  name: string;
  source: IdentitySource;
  /** The run's artifacts directory, when the environment names one. */
  artifactsDir: string | null;
}

/** A human reviewer as review events record them. */
export interface Reviewer {
  user: string;
  hostname: string;
}

/** The `agent_meta.json` fields that name an agent, in the handbook's order. */
const META_NAME_FIELDS = ["name", "workflow_name", "agent_name"] as const;

/**
 * The agent identity in `env`, or null for a human shell. The variables win
 * over `agent_meta.json`; blank values do not count.
 */
export async function agentIdentity(env: Env): Promise<AgentIdentity | null> {
  const artifactsDir = env.SASE_ARTIFACTS_DIR?.trim() || null;
  for (const source of ["SASE_AGENT_NAME", "SASE_AGENT"] as const) {
    const name = env[source]?.trim();
    if (name) return { name, source, artifactsDir };
  }
  if (!artifactsDir) return null;
  const meta = await readJsonObject(join(artifactsDir, "agent_meta.json"));
  for (const field of META_NAME_FIELDS) {
    const value = meta?.[field];
    if (typeof value === "string" && value.trim()) {
      return { name: value.trim(), source: "agent_meta.json", artifactsDir };
    }
  }
  return null;
}

/**
 * The agent identity, or an error saying that `purpose` (e.g. "memory
 * reads") must be attributable; nothing is logged for an unattributed call.
 */
export async function requireAgentIdentity(env: Env, purpose: string): Promise<AgentIdentity> {
  const identity = await agentIdentity(env);
  if (identity) return identity;
  throw new SaseError(
    "memory.unattributed",
    `${purpose} require agent attribution: none of SASE_AGENT_NAME, SASE_AGENT or ` +
      "SASE_ARTIFACTS_DIR/agent_meta.json (name, workflow_name or agent_name) names an agent",
    {
      hint: "run this from a sase-launched agent (humans read memory/ files directly)",
      kind: "invalid-input",
    },
  );
}

/**
 * The human reviewer (local user and hostname), refusing when an agent
 * identity is present: agents cannot approve, edit or reject proposals.
 */
export async function requireHumanReviewer(env: Env): Promise<Reviewer> {
  const agent = await agentIdentity(env);
  if (agent) {
    throw new SaseError(
      "memory.agent_review",
      `memory proposal review must be performed by a human; agent '${agent.name}' ` +
        `(from ${agent.source}) cannot approve, edit or reject proposals`,
      { hint: "ask the user to review with `sase memory review`", kind: "invalid-input" },
    );
  }
  const user = env.USER?.trim() || env.LOGNAME?.trim() || "unknown";
  let hostname = "unknown";
  try {
    hostname = Deno.hostname() || "unknown";
  } catch {
    // A sandbox without --allow-sys: the reviewer is still recorded by user.
  }
  return { user, hostname };
}
