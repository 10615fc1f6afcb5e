import { assert, assertEquals, assertStringIncludes } from "../../../../_helpers/assert.ts";
import {
  buildFollowUpPrompt,
  closeoutCandidate,
  closeoutCommitMessage,
  commitSkillName,
  dirtyFiles,
  type DirtyRepo,
  finalizerFailure,
  isSddDoneCloseout,
  parsePorcelainZ,
  splitByBaseline,
} from "../../../../../core/agent/run/finalize/commit_finalizer_text.ts";

Deno.test("parsePorcelainZ reads modified, untracked and renamed records", () => {
  const entries = parsePorcelainZ(" M src/a.ts\0?? notes/new file.md\0R  b.ts\0old b.ts\0");
  assertEquals(entries, [
    { xy: " M", path: "src/a.ts" },
    { xy: "??", path: "notes/new file.md" },
    { xy: "R ", path: "b.ts", origPath: "old b.ts" },
  ]);
  assertEquals(parsePorcelainZ(""), []);
});

Deno.test("dirtyFiles leaves out SASE-owned .sase/ paths", () => {
  const entries = parsePorcelainZ(" M a.ts\0?? .sase/sdd/x.md\0?? .sasefile\0");
  assertEquals(dirtyFiles(entries), ["a.ts", ".sasefile"]);
});

const PLAN = "---\ntitle: Plan\nstatus: wip\n---\n\n# Plan\nstatus: wip\n";

Deno.test("isSddDoneCloseout accepts only the exact front-matter status flip", () => {
  assert(isSddDoneCloseout(PLAN, PLAN.replace("status: wip\n---", "status: done\n---")));
  // the same words in the body are not front matter
  assert(!isSddDoneCloseout(PLAN, PLAN.replace("# Plan\nstatus: wip", "# Plan\nstatus: done")));
  assert(
    !isSddDoneCloseout(PLAN, PLAN.replace("status: wip\n---", "status: done\n---") + "more\n"),
  );
  assert(
    !isSddDoneCloseout(
      PLAN,
      PLAN.replace("status: wip\n---", "status: done\n---").replace("Plan\n", "X\n"),
    ),
  );
  assert(!isSddDoneCloseout(PLAN, PLAN.replace("status: wip\n---", "status: ready\n---")));
  assert(!isSddDoneCloseout(PLAN, PLAN.replace("status: wip\n---", "status: done\r\n---")));
  assert(!isSddDoneCloseout("status: wip\n", "status: done\n"));
});

Deno.test("closeoutCandidate needs exactly one modified plan under the SDD plan dirs", () => {
  assertEquals(closeoutCandidate(parsePorcelainZ(" M sdd/tales/t.md\0")), {
    path: "sdd/tales/t.md",
    staged: false,
  });
  assertEquals(closeoutCandidate(parsePorcelainZ("M  sdd/myths/m.md\0")), {
    path: "sdd/myths/m.md",
    staged: true,
  });
  assertEquals(closeoutCandidate(parsePorcelainZ(" M sdd/research/r.md\0")), undefined);
  assertEquals(closeoutCandidate(parsePorcelainZ("?? sdd/tales/t.md\0")), undefined);
  assertEquals(closeoutCandidate(parsePorcelainZ("MM sdd/tales/t.md\0")), undefined);
  assertEquals(closeoutCandidate(parsePorcelainZ(" M sdd/tales/t.md\0 M a.ts\0")), undefined);
});

Deno.test("closeoutCommitMessage carries TYPE=sdd and AGENT when known", () => {
  assertEquals(closeoutCommitMessage({}), "chore: Mark SDD plan done\n\nTYPE=sdd\n");
  assertEquals(
    closeoutCommitMessage({ SASE_AGENT_NAME: "bob" }),
    "chore: Mark SDD plan done\n\nTYPE=sdd\nAGENT=bob\n",
  );
});

Deno.test("commitSkillName follows the VCS provider", () => {
  assertEquals(commitSkillName({}), "/sase_git_commit");
  assertEquals(commitSkillName({}, "github"), "/sase_git_commit");
  assertEquals(commitSkillName({ SASE_VCS_PROVIDER: "hg" }, "git"), "/sase_hg_commit");
  assertEquals(commitSkillName({ SASE_VCS_PROVIDER: "My-VCS" }), "/sase_my_vcs_commit");
  assertEquals(commitSkillName({ SASE_COMMIT_SKILL: "/custom" }), "/custom");
});

const MAIN: DirtyRepo = { name: "main", path: "/w", files: ["a.ts", "b.md"], advisory: false };

Deno.test("buildFollowUpPrompt lists the files and names the skill and method", () => {
  const prompt = buildFollowUpPrompt({
    repos: [MAIN, { name: "dots", path: "/d", files: ["rc"], advisory: true }],
    skill: "/sase_git_commit",
    pass: 1,
    maxPasses: 2,
    env: { SASE_COMMIT_METHOD: "create_proposal" },
  });
  assertStringIncludes(prompt, "pass 1 of 2");
  assertStringIncludes(prompt, "  - a.ts\n  - b.md");
  assertStringIncludes(prompt, "using your /sase_git_commit skill");
  assertStringIncludes(prompt, "`--type create_proposal`");
  assertStringIncludes(prompt, "Advisory");
  assertStringIncludes(prompt, "cd /d");
  assert(!prompt.includes("sase bead close"));
});

Deno.test("buildFollowUpPrompt tells a pull request run to pass -n (sase commit takes no JSON payload)", () => {
  const prompt = (env: Record<string, string>) =>
    buildFollowUpPrompt({ repos: [MAIN], skill: "/sase_git_commit", pass: 1, maxPasses: 2, env });
  const named = prompt({ SASE_COMMIT_METHOD: "create_pull_request", SASE_PR_NAME: "feat" });
  assertStringIncludes(named, "You MUST pass `-n feat` (the pull request's name) to sase commit.");
  const unnamed = prompt({ SASE_COMMIT_METHOD: "create_pull_request", SASE_PR_NAME: "None" });
  assertStringIncludes(unnamed, "You MUST pass `-n <name>` to sase commit");
  for (const text of [named, unnamed]) assert(!text.includes("payload"), text);
});

Deno.test("buildFollowUpPrompt asks to close the bead first and caps long lists", () => {
  const files = Array.from({ length: 60 }, (_, i) => `f${i}.ts`);
  const prompt = buildFollowUpPrompt({
    repos: [{ ...MAIN, files }],
    skill: "/sase_hg_commit",
    pass: 2,
    maxPasses: 2,
    env: { SASE_BEAD_ID: "sase-7" },
  });
  assertStringIncludes(prompt, "`sase bead close sase-7`");
  assertStringIncludes(prompt, "made these changes in this session");
  assertStringIncludes(prompt, "(60 files in total)");
  assert(!prompt.includes("f55.ts"));
});

Deno.test("finalizerFailure names the repository and the files", () => {
  const message = finalizerFailure([MAIN, {
    name: "dots",
    path: "/d",
    files: ["x"],
    advisory: true,
  }], 2);
  assertStringIncludes(message, "after 2 finalizer passes in /w: a.ts, b.md.");
  assert(!message.includes("/d"));
});

Deno.test("splitByBaseline: new paths are the run's; baseline paths split by fingerprint", () => {
  const before = { "a.md": "sha256:1", "b.md": "sha256:2", "gone.md": "sha256:3" };
  const now = { "a.md": "sha256:1", "b.md": "sha256:9" };
  assertEquals(splitByBaseline(["a.md", "b.md", "new.ts"], before, now), {
    own: ["new.ts"],
    changed: ["b.md"],
    untouched: ["a.md"],
  });
  // Without a baseline everything is the run's.
  assertEquals(splitByBaseline(["a.md"], {}, {}), { own: ["a.md"], changed: [], untouched: [] });
  // A baseline path whose current fingerprint is unknown counts as changed, never as untouched.
  assertEquals(splitByBaseline(["a.md"], before, {}), {
    own: [],
    changed: ["a.md"],
    untouched: [],
  });
});

Deno.test("buildFollowUpPrompt on a clean start says nothing about pre-existing changes", () => {
  const prompt = buildFollowUpPrompt({
    repos: [{ name: "main", path: "/w", files: ["a.ts"], advisory: false }],
    skill: "/sase_git_commit",
    pass: 1,
    maxPasses: 2,
    env: {},
  });
  assert(!prompt.includes("already dirty"));
  assert(!prompt.includes("already had uncommitted changes"));
});
