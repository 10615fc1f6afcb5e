/**
 * GitHub's reviewer-comments check: `gh pr view <PR> --json comments,reviews`
 * prints the pull request's conversation comments and its reviews; every
 * one with text is a reviewer comment (a review without a body, a bare
 * approval, says nothing to act on).
 *
 * @module
 */

import { SaseError } from "../../core/errors.ts";
import type { ReviewComment, ReviewCommentsCheck } from "../../core/vcs/provider.ts";

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function comment(value: unknown): ReviewComment | null {
  const item = record(value);
  const body = text(item?.body)?.trim();
  if (!item || !body) return null;
  return {
    author: text(record(item.author)?.login) ?? "",
    body,
    path: text(item.path),
    line: typeof item.line === "number" ? item.line : null,
    url: text(item.url),
  };
}

function list(value: unknown, field: string): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  throw malformed(`'${field}' is not a list`);
}

function malformed(why: string): SaseError {
  return new SaseError("vcs.review_comments", `github review comments: gh printed ${why}`, {
    hint: "expected the JSON of gh pr view --json comments,reviews",
    kind: "invalid-data",
  });
}

/** The reviewer comments in what `gh pr view --json comments,reviews` printed. */
export function parseGithubReviewComments(stdout: string): ReviewComment[] {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw malformed("no JSON");
  }
  const top = record(data);
  if (!top) throw malformed("no JSON object");
  return [...list(top.comments, "comments"), ...list(top.reviews, "reviews")]
    .map(comment)
    .filter((found): found is ReviewComment => found !== null);
}

/** The check of pull request `changeRef` (its URL or number). */
export function githubReviewCommentsCheck(changeRef: string): ReviewCommentsCheck {
  return {
    argv: ["gh", "pr", "view", changeRef, "--json", "comments,reviews"],
    parse: parseGithubReviewComments,
  };
}
