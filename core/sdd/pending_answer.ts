/**
 * Answering one pending plan proposal, the frame approval and rejection
 * share: pick the proposal a selector names, take the lock of its
 * `plan_response.json`, and refuse when it was answered already, so two
 * answers (approve twice, approve and reject) never both land.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import type { Env } from "../config/paths.ts";
import { withFileLock } from "../fs/lock.ts";
import { exists } from "../fs/access.ts";
import { usageError } from "../errors.ts";
import { listProposals, type ProposalRow, RESPONSE_FILE } from "./proposals.ts";

/** Pick the pending proposal a selector names (or the only one). */
export function selectProposal(rows: readonly ProposalRow[], selector?: string): ProposalRow {
  const pending = rows.filter((row) => row.state === "proposed");
  if (!selector) {
    if (pending.length === 1) return pending[0];
    throw usageError(
      pending.length === 0
        ? "no plan proposal is pending"
        : `${pending.length} plan proposals are pending; name one by id prefix`,
      "run `sase plan` to see the pending proposals and their id prefixes",
    );
  }
  const matches = pending.filter((row) => row.id.startsWith(selector));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw usageError(
      `'${selector}' matches ${matches.length} pending proposals: ${
        matches.map((m) => m.idPrefix).join(", ")
      }`,
      "give a longer id prefix",
    );
  }
  const decided = rows.find((row) => row.id.startsWith(selector));
  if (decided) {
    throw new SaseError(
      "plan.already_handled",
      `plan proposal ${decided.idPrefix} (${
        neutralizeControls(decided.title, { keepLayout: false })
      }) was already ${decided.state}${decided.kind ? ` as ${decided.kind}` : ""}`,
      { hint: "run `sase plan` to see pending proposals", kind: "conflict" },
    );
  }
  throw new SaseError("plan.not_found", `no plan proposal matches '${selector}'`, {
    hint: "run `sase plan` to see pending proposals and their id prefixes",
    kind: "not-found",
  });
}

/** Run `answer` for the pending proposal `selector` names, under its response file's lock. */
export async function answerPendingProposal<T>(
  env: Env,
  selector: string | undefined,
  answer: (row: ProposalRow, responsePath: string) => Promise<T>,
): Promise<T> {
  const row = selectProposal(await listProposals(env), selector);
  const responsePath = join(row.responseDir!, RESPONSE_FILE);
  return await withFileLock(responsePath, async () => {
    if (await exists(responsePath)) {
      throw new SaseError(
        "plan.already_handled",
        `plan proposal ${row.idPrefix} was already answered (${responsePath})`,
        { kind: "conflict" },
      );
    }
    return await answer(row, responsePath);
  });
}
