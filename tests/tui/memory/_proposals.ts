/**
 * A real repository with pending memory proposals for the review screen's
 * tests: a temp HOME/SASE_HOME sandbox, a git repo with a bare origin, and
 * proposals recorded through the same service `sase memory write` uses.
 *
 * @module
 */

import { join } from "../../../core/fs/path.ts";
import type { AppContext } from "../../../core/context.ts";
import { proposeMemory } from "../../../core/memory/propose.ts";
import { sandboxContext } from "../../_helpers/app.ts";
import { makeRepoWithOrigin } from "../../_helpers/git.ts";
import type { Sandbox } from "../../_helpers/sandbox.ts";

/** One proposal to record. */
export interface ProposalSpec {
  title: string;
  slug: string;
  body: string;
  keywords?: string[];
}

/** The repository, a human's context in it, and the proposal ids in ledger order. */
export interface ProposalRepo {
  work: string;
  app: AppContext;
  ids: string[];
}

/** A repo in `sb` with `specs` proposed by the manual author `agent-a`. */
export async function proposalRepo(
  sb: Sandbox,
  specs: readonly ProposalSpec[],
): Promise<ProposalRepo> {
  const { work } = await makeRepoWithOrigin(join(sb.root, "repo"), sb.env);
  const app = sandboxContext(sb, { cwd: work });
  const ids: string[] = [];
  for (const spec of specs) {
    const result = await proposeMemory(app, {
      title: spec.title,
      slug: spec.slug,
      evidence: ["chat:abc123"],
      fromChat: [],
      keywords: spec.keywords ?? [],
      body: spec.body,
      allowLarge: false,
      manualAuthor: "agent-a",
      notify: false,
    });
    ids.push(result.event.proposal_id);
  }
  return { work, app, ids };
}

/** The ledger rows of the repo's project (`origin`, named after the bare remote). */
export async function ledgerRows(sb: Sandbox): Promise<Record<string, unknown>[]> {
  const projects = join(sb.saseHome, "projects");
  for await (const entry of Deno.readDir(projects)) {
    const path = join(projects, entry.name, "memory_proposals.jsonl");
    const text = await Deno.readTextFile(path).catch(() => null);
    if (text !== null) return text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
  }
  return [];
}
