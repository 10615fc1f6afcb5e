/**
 * The three commit methods of handbook chapter 13, their `-t` aliases, and
 * the rule that `-t/--type` and `SASE_COMMIT_METHOD` must agree unless
 * `SASE_COMMIT_METHOD_ALLOW_OVERRIDE=1`.
 *
 * @module
 */

import { SaseError } from "../errors.ts";

/** A dispatch method: commit on the branch, saved proposal, or pull request. */
export type CommitMethod = "create_commit" | "create_proposal" | "create_pull_request";

/** Every method, in the chapter's order. */
export const COMMIT_METHODS: readonly CommitMethod[] = [
  "create_commit",
  "create_proposal",
  "create_pull_request",
];

/** The short `-t` spellings. */
export const METHOD_ALIASES: Readonly<Record<string, CommitMethod>> = {
  commit: "create_commit",
  propose: "create_proposal",
  pr: "create_pull_request",
};

/** Parse a full method name or alias; `source` names where it came from in the error. */
export function parseCommitMethod(text: string, source: string): CommitMethod {
  const value = text.trim();
  const method = METHOD_ALIASES[value] ??
    (COMMIT_METHODS as readonly string[]).find((m) => m === value);
  if (!method) {
    throw new SaseError(
      "commit.bad_method",
      `${source}: unknown commit method '${text}'`,
      {
        hint: "use commit, propose or pr (or create_commit, create_proposal, create_pull_request)",
        kind: "usage",
      },
    );
  }
  return method as CommitMethod;
}

/**
 * The method to run: `-t` and `SASE_COMMIT_METHOD` each canonicalised; when
 * both are set they must agree unless the override is exactly `1`; neither
 * means `create_commit`.
 */
export function resolveCommitMethod(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): CommitMethod {
  const fromFlag = flag ? parseCommitMethod(flag, "-t/--type") : null;
  const rawEnv = env.SASE_COMMIT_METHOD;
  const fromEnv = rawEnv ? parseCommitMethod(rawEnv, "SASE_COMMIT_METHOD") : null;
  if (
    fromFlag && fromEnv && fromFlag !== fromEnv && env.SASE_COMMIT_METHOD_ALLOW_OVERRIDE !== "1"
  ) {
    throw new SaseError(
      "commit.method_mismatch",
      `conflicting commit methods: -t/--type resolved to '${fromFlag}' but SASE_COMMIT_METHOD resolved to '${fromEnv}'`,
      {
        hint:
          "use matching values, or set SASE_COMMIT_METHOD_ALLOW_OVERRIDE=1 to let -t/--type win",
        kind: "conflict",
      },
    );
  }
  return fromFlag ?? fromEnv ?? "create_commit";
}
