import { assertEquals } from "../../_helpers/assert.ts";
import { type CommitPlanContext, planCommit } from "../../../core/commit/plan.ts";
import { resolveCommitRequest } from "../../../core/commit/request.ts";
import {
  mergePrTags,
  prBody,
  prTitle,
  withBeadInFirstLine,
  withRuntimeTags,
} from "../../../core/commit/message.ts";
import { checkpointPath, diffCapturePath, resultMarkerPath } from "../../../core/commit/paths.ts";
import { commitMetaOutputs, commitResultWire } from "../../../core/commit/wire.ts";

const CONTEXT: CommitPlanContext = {
  planPath: null,
  existingNames: [],
  currentBranchSpec: null,
  inheritedTags: [],
  configuredTags: [],
  projectPrefix: null,
  provenance: { agent: "bot", machine: "host1" },
  agent: null,
};

Deno.test("bead id goes into the first line once, as a whole id", () => {
  assertEquals(withBeadInFirstLine("feat: x\n\nbody", "b-1"), "feat: x (b-1)\n\nbody");
  assertEquals(withBeadInFirstLine("feat: x (b-1)", "b-1"), "feat: x (b-1)");
  assertEquals(withBeadInFirstLine("b-1: feat", "b-1"), "b-1: feat");
  // b-1 is not in b-10, nor in the body.
  assertEquals(withBeadInFirstLine("fix b-10\n\nsee b-1", "b-1"), "fix b-10 (b-1)\n\nsee b-1");
  assertEquals(withBeadInFirstLine("epic sase-3.2", "sase-3"), "epic sase-3.2 (sase-3)");
});

Deno.test("runtime trailers: AGENT/MACHINE replace stale ones, join an existing tag block", () => {
  assertEquals(
    withRuntimeTags("feat: x", { agent: "bot", machine: "h" }),
    "feat: x\n\nAGENT=bot\nMACHINE=h",
  );
  assertEquals(
    withRuntimeTags("feat: x\n\nbody\n\nBUG=42\nAGENT=old\nMACHINE=old\nTYPE=y\n", {
      agent: "bot",
      machine: "h",
    }),
    "feat: x\n\nbody\n\nBUG=42\nTYPE=y\nAGENT=bot\nMACHINE=h",
  );
  // No agent name (a manual commit): no AGENT line, and a stale one goes.
  assertEquals(
    withRuntimeTags("feat: x\n\nAGENT=old", { agent: null, machine: "h" }),
    "feat: x\n\nMACHINE=h",
  );
  // A subject that looks like a tag is never taken for the block.
  assertEquals(
    withRuntimeTags("FOO=bar", { agent: "a\nb", machine: "h" }),
    "FOO=bar\n\nAGENT=a b\nMACHINE=h",
  );
});

Deno.test("PR tags: BUG first, config over parent, runtime keys dropped, 0 is no bug", () => {
  assertEquals(
    mergePrTags([["MARKDOWN", "false"], ["AGENT", "old"], ["BUG", "1"]], [["MARKDOWN", "true"], [
      "MACHINE",
      "x",
    ], ["Q", "1"]], "42"),
    [["BUG", "42"], ["MARKDOWN", "true"], ["Q", "1"]],
  );
  assertEquals(mergePrTags([["BUG", "1"]], [["Z", "2"]], "0"), [["BUG", "1"], ["Z", "2"]]);
  assertEquals(mergePrTags([], [["Z", "2"], ["BUG", "9"]], null), [["Z", "2"], ["BUG", "9"]]);
});

Deno.test("PR title prefix and body footer", () => {
  assertEquals(prTitle("feat: x\n\nbody", "myproj"), "[myproj] feat: x");
  assertEquals(prTitle("feat: x", null), "feat: x");
  assertEquals(
    prBody("feat: x", { llmProvider: "claude", model: "opus", name: "bot" }),
    "feat: x\n\n---\n**Model:** `claude/opus`\n**Agent:** `bot`",
  );
  assertEquals(prBody("feat: x", { llmProvider: "claude", model: null, name: null }), "feat: x");
  assertEquals(prBody("feat: x", null), "feat: x");
});

Deno.test("commit plan: bead in the first line, PLAN= then AGENT/MACHINE trailers", () => {
  const request = resolveCommitRequest({ message: "feat: x", type: "commit" }, null, {
    SASE_BEAD_ID: "b-1",
  });
  const plan = planCommit(request, { ...CONTEXT, planPath: "sdd/tales/202601/x.md" });
  assertEquals(
    plan.message,
    "feat: x (b-1)\n\nPLAN=sdd/tales/202601/x.md\nAGENT=bot\nMACHINE=host1",
  );
  assertEquals([plan.name, plan.parent, plan.prTitle, plan.prBody, plan.bug], [
    null,
    null,
    null,
    null,
    null,
  ]);
});

Deno.test("proposal plan: bead kept, no PLAN= and no runtime trailers", () => {
  const request = resolveCommitRequest({ message: "feat: x", type: "propose" }, null, {
    SASE_BEAD_ID: "b-1",
  });
  const plan = planCommit(request, { ...CONTEXT, planPath: "sdd/tales/x.md" });
  assertEquals([plan.message, plan.planPath], ["feat: x (b-1)", null]);
});

Deno.test("PR plan: feat_1 on collision, BUG=42 tag and http://b/42, parent from the branch, title and body", () => {
  const request = resolveCommitRequest(
    { message: "feat: x\n\nWhy.", type: "pr", name: "feat" },
    null,
    { SASE_BUG_ID: "42" },
  );
  const plan = planCommit(request, {
    ...CONTEXT,
    existingNames: ["feat", "alpha"],
    currentBranchSpec: "alpha",
    configuredTags: [["MARKDOWN", "true"]],
    projectPrefix: "myproj",
    agent: { llmProvider: "claude", model: "opus", name: "bot" },
  });
  const message = "feat: x\n\nWhy.\n\nBUG=42\nMARKDOWN=true\nAGENT=bot\nMACHINE=host1";
  assertEquals(plan, {
    method: "create_pull_request",
    message,
    files: [],
    beadId: null,
    planPath: null,
    baseName: "feat",
    name: "feat_1",
    parent: "alpha",
    bug: "http://b/42",
    prTitle: "[myproj] feat: x",
    prBody: `${message}\n\n---\n**Model:** \`claude/opus\`\n**Agent:** \`bot\``,
    prStatus: "Draft",
    checkoutTarget: "HEAD~1",
  });
  // -p wins over the branch; a branch named like the PR is not its own parent.
  const explicit = planCommit({ ...request, parent: "beta" }, {
    ...CONTEXT,
    currentBranchSpec: "alpha",
  });
  assertEquals(explicit.parent, "beta");
  const self = planCommit(request, { ...CONTEXT, currentBranchSpec: "feat" });
  assertEquals([self.parent, self.name], [null, "feat"]);
});

Deno.test("paths: diffs under diffs/YYYYMM, checkpoint in artifacts or per session/workspace", () => {
  const now = new Date(2026, 2, 28, 14, 30, 52);
  assertEquals(
    diffCapturePath("/h/.sase", "feat", now),
    "/h/.sase/diffs/202603/feat-260328_143052.diff",
  );
  assertEquals(
    checkpointPath("/h/.sase", { SASE_ARTIFACTS_DIR: "/a/run" }, "/w"),
    "/a/run/commit_state.json",
  );
  assertEquals(
    checkpointPath("/h/.sase", { SASE_AGENT_TIMESTAMP: "260328_143052" }, "/w"),
    "/h/.sase/commit_state/260328_143052.json",
  );
  assertEquals(
    checkpointPath("/h/.sase", {}, "/w/my repo"),
    "/h/.sase/commit_state/ws-%2Fw%2Fmy%20repo.json",
  );
  assertEquals([resultMarkerPath({ SASE_ARTIFACTS_DIR: "/a" }), resultMarkerPath({})], [
    "/a/commit_result.json",
    null,
  ]);
});

Deno.test("commit_result.json: fields, aliases, and the meta_* outputs", () => {
  const marker = commitResultWire({
    method: "create_commit",
    result: "abc123",
    message: "feat: x",
    name: null,
    beadId: null,
    changespecName: null,
    entryId: "1",
    diffPath: "/d.diff",
  });
  assertEquals(marker, {
    method: "create_commit",
    result: "abc123",
    commit_result: "abc123",
    message: "feat: x",
    name: "",
    bead_id: "",
    changespec_name: null,
    commit_changespec_name: null,
    entry_id: "1",
    commit_entry_id: "1",
    diff_path: "/d.diff",
    commit_diff_path: "/d.diff",
  });
  assertEquals(commitMetaOutputs(marker), {
    meta_commit_message: "feat: x",
    meta_new_commit: "abc123",
    diff_path: "/d.diff",
  });
  const pr = commitResultWire({
    method: "create_pull_request",
    result: null,
    message: "",
    name: "feat_1",
    beadId: "b-1",
    changespecName: null,
    entryId: null,
    diffPath: null,
  });
  assertEquals(commitMetaOutputs(pr), { meta_changespec: "feat_1" });
  assertEquals(commitMetaOutputs({ ...pr, changespec_name: "cs" }), { meta_changespec: "cs" });
});
