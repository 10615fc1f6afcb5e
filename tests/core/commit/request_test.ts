import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { parseCommitMethod, resolveCommitMethod } from "../../../core/commit/method.ts";
import { messageSource, resolveCommitRequest } from "../../../core/commit/request.ts";
import { SaseError } from "../../../core/errors.ts";

Deno.test("-m and -M together are a usage error; each alone names its source", () => {
  const error = assertThrows(
    () => messageSource({ message: "x", messageFile: "m.md" }),
    SaseError,
    "-m/--message and -M/--message-file are mutually exclusive",
  );
  assertEquals((error as SaseError).kind, "usage");
  assertThrows(
    () => resolveCommitRequest({ message: "x", messageFile: "m.md", type: "commit" }, "y", {}),
    SaseError,
    "mutually exclusive",
  );
  assertEquals(
    [messageSource({ message: "" }), messageSource({ messageFile: "f" }), messageSource({})],
    ["inline", "file", "none"],
  );
});

Deno.test("method aliases and full names; unknown ones name their source", () => {
  assertEquals(
    ["commit", "propose", "pr", "create_commit", "create_pull_request"].map((t) =>
      parseCommitMethod(t, "-t")
    ),
    [
      "create_commit",
      "create_proposal",
      "create_pull_request",
      "create_commit",
      "create_pull_request",
    ],
  );
  assertThrows(
    () => parseCommitMethod("push", "-t/--type"),
    SaseError,
    "-t/--type: unknown commit method 'push'",
  );
  assertThrows(
    () => resolveCommitMethod(undefined, { SASE_COMMIT_METHOD: "amend" }),
    SaseError,
    "SASE_COMMIT_METHOD: unknown commit method 'amend'",
  );
});

Deno.test("flag/env agreement: a mismatch is refused unless SASE_COMMIT_METHOD_ALLOW_OVERRIDE=1", () => {
  const env = { SASE_COMMIT_METHOD: "create_proposal" };
  const error = assertThrows(
    () => resolveCommitMethod("commit", env),
    SaseError,
    "conflicting commit methods: -t/--type resolved to 'create_commit' but SASE_COMMIT_METHOD resolved to 'create_proposal'",
  );
  assertEquals((error as SaseError).kind, "conflict");
  assertEquals(
    resolveCommitMethod("commit", { ...env, SASE_COMMIT_METHOD_ALLOW_OVERRIDE: "1" }),
    "create_commit",
  );
  // Only exactly "1" opens the override.
  for (const value of ["0", "true", ""]) {
    assertThrows(
      () => resolveCommitMethod("commit", { ...env, SASE_COMMIT_METHOD_ALLOW_OVERRIDE: value }),
      SaseError,
      "conflicting commit methods",
    );
  }
  // Alias and full name of the same method agree.
  assertEquals(resolveCommitMethod("propose", env), "create_proposal");
  assertEquals(resolveCommitMethod(undefined, env), "create_proposal");
  assertEquals(resolveCommitMethod("pr", {}), "create_pull_request");
  assertEquals(resolveCommitMethod(undefined, {}), "create_commit");
});

Deno.test("request: env fallbacks for name, status, bug and bead; defaults", () => {
  const request = resolveCommitRequest(
    { message: "feat: x", type: "pr", files: ["a.ts", "b.ts"] },
    null,
    { SASE_PR_NAME: "feat", SASE_PR_STATUS: "READY", SASE_BUG_ID: "42", SASE_BEAD_ID: "b-1" },
  );
  assertEquals(request, {
    method: "create_pull_request",
    message: "feat: x",
    files: ["a.ts", "b.ts"],
    name: "feat",
    bugId: "42",
    checkoutTarget: "HEAD~1",
    parent: null,
    prStatus: "Ready",
    beadId: "b-1",
  });
  const flags = resolveCommitRequest(
    {
      messageFile: "m.md",
      type: "pr",
      name: "n",
      status: "wip",
      bugId: "7",
      checkoutTarget: "main",
      parent: "p",
    },
    "feat: y\n\nbody\n\n",
    { SASE_PR_NAME: "feat", SASE_PR_STATUS: "ready", SASE_BUG_ID: "42" },
  );
  assertEquals(
    [
      flags.message,
      flags.name,
      flags.prStatus,
      flags.bugId,
      flags.checkoutTarget,
      flags.parent,
      flags.files,
    ],
    ["feat: y\n\nbody", "n", "WIP", "7", "main", "p", []],
  );
  assertEquals(
    resolveCommitRequest({ message: "m", type: "pr", name: "n" }, null, {}).prStatus,
    "Draft",
  );
});

Deno.test("request: refused cases name what is missing or wrong", () => {
  assertThrows(
    () => resolveCommitRequest({ type: "commit" }, null, {}),
    SaseError,
    "create_commit needs a commit message",
  );
  assertThrows(
    () => resolveCommitRequest({ message: "  ", type: "propose" }, null, {}),
    SaseError,
    "create_proposal needs a commit message",
  );
  assertThrows(
    () => resolveCommitRequest({ message: "m", type: "pr" }, null, {}),
    SaseError,
    "create_pull_request needs a PR name",
  );
  assertThrows(
    () => resolveCommitRequest({ message: "m", type: "pr", name: "n", status: "mailed" }, null, {}),
    SaseError,
    "-s/--status: unknown PR status 'mailed'",
  );
  assertThrows(
    () =>
      resolveCommitRequest({ message: "m", type: "pr", name: "n" }, null, {
        SASE_PR_STATUS: "done",
      }),
    SaseError,
    "SASE_PR_STATUS: unknown PR status 'done'",
  );
  // A PR may take its whole text from elsewhere.
  assertEquals(resolveCommitRequest({ type: "pr", name: "n" }, null, {}).message, "");
});
