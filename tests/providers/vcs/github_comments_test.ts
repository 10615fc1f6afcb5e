/**
 * Reading `gh pr view --json comments,reviews`: comments and reviews with
 * text are reviewer comments (in that order), empty or blank bodies are
 * not, inline fields are kept, and output of another shape is an
 * `invalid-data` error rather than "no comments".
 */

import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import {
  githubReviewCommentsCheck,
  parseGithubReviewComments,
} from "../../../providers/vcs/github_comments.ts";

Deno.test("github review comments: text-bearing comments and reviews, in order", () => {
  const out = JSON.stringify({
    comments: [{ author: { login: "a" }, body: " first ", url: "u" }, { body: "" }],
    reviews: [
      { author: { login: "b" }, body: "second", path: "x.ts", line: 4 },
      { author: { login: "c" }, body: "   " },
      { body: "no author" },
    ],
  });
  assertEquals(parseGithubReviewComments(out), [
    { author: "a", body: "first", path: null, line: null, url: "u" },
    { author: "b", body: "second", path: "x.ts", line: 4, url: null },
    { author: "", body: "no author", path: null, line: null, url: null },
  ]);
  assertEquals(parseGithubReviewComments("{}"), []);
  assertEquals(githubReviewCommentsCheck("7").argv, [
    "gh",
    "pr",
    "view",
    "7",
    "--json",
    "comments,reviews",
  ]);
});

Deno.test("github review comments: other output is invalid data", () => {
  assertThrows(() => parseGithubReviewComments("HTTP 502"), SaseError, "gh printed no JSON");
  assertThrows(() => parseGithubReviewComments("[]"), SaseError, "gh printed no JSON object");
  assertThrows(
    () => parseGithubReviewComments('{"comments": {}}'),
    SaseError,
    "gh printed 'comments' is not a list",
  );
});
