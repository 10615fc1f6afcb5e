/**
 * What the pure commit stages (`plan.ts`) need from outside the request,
 * read once: the agent's `agent_meta.json` (name, provider, model), the
 * host name, the configured PR tags and project prefix, and the parent PR's
 * tags from the review host.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { join } from "../fs/path.ts";
import type { CompleteVcsProvider } from "../vcs/provider.ts";
import { type AgentFooterInfo, type CommitTags, splitTrailingTags } from "./message.ts";
import type { CommitPlanContext } from "./plan.ts";
import type { CommitRequest } from "./request.ts";
import type { CommitTracking } from "./tracking_target.ts";

/** The fields of `$SASE_ARTIFACTS_DIR/agent_meta.json` a commit uses; null outside an agent run. */
export async function readAgentFooter(
  env: AppContext["env"],
): Promise<AgentFooterInfo | null> {
  const dir = env.SASE_ARTIFACTS_DIR?.trim();
  if (!dir) return null;
  let meta: unknown;
  try {
    meta = JSON.parse(await readTextBounded(join(dir, "agent_meta.json"), READ_LIMITS.record));
  } catch {
    // No readable metadata: the footer and the AGENT fallback are simply left out.
    return null;
  }
  if (!meta || typeof meta !== "object") return null;
  const field = (key: string) => {
    const value = (meta as Record<string, unknown>)[key];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
  };
  return { llmProvider: field("llm_provider"), model: field("model"), name: field("name") };
}

/** The tags of a PR body: its trailing `KEY=VALUE` block, before any agent footer. */
export function prBodyTags(body: string): CommitTags {
  const footer = body.lastIndexOf("\n---\n");
  return splitTrailingTags(footer < 0 ? body : body.slice(0, footer)).tags;
}

async function inheritedTags(
  vcs: CompleteVcsProvider,
  cwd: string,
  parent: string | null,
): Promise<CommitTags> {
  if (parent === null || !vcs.supports("changeBody")) return [];
  try {
    return prBodyTags(await vcs.changeBody(cwd, vcs.deriveBranchName(parent)));
  } catch {
    // The parent has no PR (yet) or the host cannot be asked: nothing to inherit.
    return [];
  }
}

/** Gather the plan context for `request` run in `cwd`. */
export async function gatherPlanContext(
  app: AppContext,
  vcs: CompleteVcsProvider,
  cwd: string,
  request: CommitRequest,
  tracking: CommitTracking,
  planPath: string | null,
): Promise<CommitPlanContext> {
  const isPr = request.method === "create_pull_request";
  const { config } = await app.config();
  const agent = await readAgentFooter(app.env);
  const configured = Object.entries(config.vcs_provider?.pr_tags ?? {}).map((
    [key, value],
  ) => [key, String(value)] as const);
  const detected = tracking.branchSpec !== request.name ? tracking.branchSpec : null;
  const parent = isPr ? request.parent ?? detected : null;
  return {
    planPath,
    existingNames: tracking.names,
    currentBranchSpec: tracking.branchSpec,
    inheritedTags: isPr ? await inheritedTags(vcs, cwd, parent) : [],
    configuredTags: configured,
    projectPrefix: config.vcs_provider?.use_project_pr_prefix && tracking.project
      ? tracking.project.name
      : null,
    provenance: {
      agent: app.env.SASE_AGENT_NAME?.trim() || agent?.name || null,
      machine: Deno.hostname(),
    },
    agent,
  };
}
