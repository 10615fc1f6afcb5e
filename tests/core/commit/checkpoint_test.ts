import { assertEquals, assertRejects, assertThrows } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import {
  type CommitCheckpoint,
  deleteCheckpoint,
  hasConflictMarkers,
  loadCheckpoint,
  parseCheckpoint,
  resumeVerdict,
  saveCheckpoint,
} from "../../../core/commit/checkpoint.ts";
import { SaseError } from "../../../core/errors.ts";

const CHECKPOINT: CommitCheckpoint = {
  method: "create_commit",
  payload: {
    message: "feat: x (b-1)\n\nAGENT=bot\nMACHINE=h",
    files: ["a.ts"],
    name: null,
    beadId: "b-1",
    bugId: null,
    checkoutTarget: null,
    status: null,
    prBody: null,
    prTitlePrefix: null,
    planPath: null,
  },
  cwd: "/w",
  clName: "feat",
  projectFile: "/h/.sase/projects/p/p.sase",
  diffPath: "/h/.sase/diffs/202601/feat-260102_030405.diff",
  baseClName: null,
  reservedName: null,
  parentClName: null,
  dispatchResult: null,
  changespecName: null,
  entryId: null,
  completedSteps: [],
  createdAt: 1767322000,
};

Deno.test("checkpoint: the original's version-1 layout, saved and loaded back", async () => {
  await using sandbox = await makeSandbox();
  const path = `${sandbox.root}/run/commit_state.json`;
  await saveCheckpoint(path, CHECKPOINT);
  assertEquals(JSON.parse(Deno.readTextFileSync(path)), {
    version: 1,
    method: "create_commit",
    payload: { message: "feat: x (b-1)\n\nAGENT=bot\nMACHINE=h", files: ["a.ts"], bead_id: "b-1" },
    cwd: "/w",
    cl_name: "feat",
    project_file: "/h/.sase/projects/p/p.sase",
    diff_path: "/h/.sase/diffs/202601/feat-260102_030405.diff",
    base_cl_name: null,
    reserved_name: null,
    parent_cl_name: null,
    dispatch_result: null,
    cs_name: null,
    entry_id: null,
    completed_steps: [],
    created_at: 1767322000,
  });
  assertEquals((Deno.statSync(path).mode ?? 0) & 0o777, 0o600);
  assertEquals(await loadCheckpoint(path), CHECKPOINT);
  await deleteCheckpoint(path);
  await deleteCheckpoint(path);
  await assertRejects(() => loadCheckpoint(path), SaseError, `no commit checkpoint at ${path}`);
});

Deno.test("checkpoint written by the original (extra keys) loads; bad ones name file and field", () => {
  const original = JSON.stringify({
    method: "create_pull_request",
    payload: { message: "m", files: [], name: "feat_1", _pr_body: "m\n\n---" },
    cwd: "/w",
    version: 1,
    primary_revision: "abc",
    pushed: true,
    completed_steps: ["push"],
    created_at: 1.5,
  });
  const loaded = parseCheckpoint(original, "/c.json");
  assertEquals(
    [
      loaded.method,
      loaded.payload.name,
      loaded.payload.prBody,
      loaded.completedSteps,
      loaded.clName,
    ],
    ["create_pull_request", "feat_1", "m\n\n---", ["push"], null],
  );
  assertThrows(() => parseCheckpoint("{", "/c.json"), SaseError, "/c.json: not valid JSON");
  assertThrows(
    () => parseCheckpoint(JSON.stringify({ version: 2 }), "/c.json"),
    SaseError,
    "/c.json: field 'version' is 2; this sase reads version 1",
  );
  assertThrows(
    () =>
      parseCheckpoint(
        JSON.stringify({ version: 1, method: "push", payload: {}, cwd: "/" }),
        "/c.json",
      ),
    SaseError,
    "/c.json: field 'method' is 'push', not a commit method",
  );
  assertThrows(
    () =>
      parseCheckpoint(
        JSON.stringify({ version: 1, method: "create_commit", payload: { message: 3 }, cwd: "/" }),
        "/c.json",
      ),
    SaseError,
    "/c.json: field 'payload.message' must be a string",
  );
});

Deno.test("conflict markers: only whole marker lines count", () => {
  assertEquals(hasConflictMarkers("a\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> origin/main\n"), true);
  assertEquals(hasConflictMarkers("a\r\n=======\r\n"), true);
  assertEquals(hasConflictMarkers("a <<<<<<< b\n========\n>>>>>>>x\n"), false);
});

Deno.test("resume verdict: markers → conflict, foreign HEAD → failed, matching subject → continue", () => {
  assertEquals(resumeVerdict(CHECKPOINT, ["a.ts"], "feat: x (b-1)"), {
    kind: "conflict",
    files: ["a.ts"],
  });
  assertEquals(resumeVerdict(CHECKPOINT, [], "someone else"), {
    kind: "foreign_head",
    expected: "feat: x (b-1)",
    actual: "someone else",
  });
  assertEquals(resumeVerdict(CHECKPOINT, [], "feat: x (b-1)\n"), { kind: "continue" });
  assertEquals(resumeVerdict({ ...CHECKPOINT, method: "create_proposal" }, [], "other"), {
    kind: "continue",
  });
});
