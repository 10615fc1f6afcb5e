import { assert, assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { join } from "node:path";
import { SaseError } from "../../../../core/errors.ts";
import { renameChangeSpec } from "../../../../core/changespec/ops/rename.ts";
import { addTagToChangeSpec, rewordChangeSpec } from "../../../../core/changespec/ops/reword.ts";
import { mailChangeSpec } from "../../../../core/changespec/ops/mail.ts";
import { readBranchMap } from "../../../../core/vcs/branch_map.ts";
import { fakeGh, type OpsRepo, opsRepo, refExists, STAMP } from "./_repo.ts";

const HEADER = `RUNNING:
  #3 | 4242 | ace | foo | 260101_100000


`;
const FOO = `NAME: foo
DESCRIPTION: Adds foo.
STATUS: Ready
TIMESTAMPS:
  [260101_100000] COMMIT (1)
`;
const BAR = `NAME: bar
DESCRIPTION: Builds on foo.
PARENT: foo
STATUS: WIP
`;

async function withBranch(env: Record<string, string> = {}): Promise<OpsRepo> {
  const repo = await opsRepo(undefined, env);
  await repo.git("checkout", "-q", "-b", "foo");
  await repo.commit("feat: foo\n\nbody", { "foo.txt": "foo\n" });
  await repo.git("checkout", "-q", "main");
  await repo.writeSpecs(`${HEADER}${FOO}\n\n${BAR}`);
  return repo;
}

Deno.test("rename with git: branch renamed, NAME, children's PARENT and RUNNING claims follow, RENAME event", async () => {
  await using repo = await withBranch();
  const tip = (await repo.git("rev-parse", "foo")).trim();
  const result = await renameChangeSpec(repo.app, { name: "foo" }, "foo_better");
  assertEquals(result.branchAction, "renamed");
  assertEquals(result.branch, "foo_better");
  assertEquals((await repo.git("rev-parse", "foo_better")).trim(), tip);
  assertEquals(await refExists(repo, repo.work, "refs/heads/foo"), false);
  assertEquals(
    await repo.activeText(),
    `RUNNING:
  #3 | 4242 | ace | foo_better | 260101_100000


NAME: foo_better
DESCRIPTION: Adds foo.
STATUS: Ready
TIMESTAMPS:
  [260101_100000] COMMIT (1)
  [${STAMP}] RENAME foo -> foo_better


${BAR.replace("PARENT: foo", "PARENT: foo_better")}`,
  );
});

Deno.test("rename with GitHub: the branch keeps its name and branch_map.json maps the new name to it", async () => {
  await using repo = await withBranch({ SASE_VCS_PROVIDER: "github" });
  const calls = await fakeGh(repo.sb);
  const result = await renameChangeSpec(repo.app, { name: "foo" }, "foo_better");
  assertEquals(result.branchAction, "aliased");
  assertEquals(result.branch, "foo");
  assert(await refExists(repo, repo.work, "refs/heads/foo"));
  assertEquals(await refExists(repo, repo.work, "refs/heads/foo_better"), false);
  assertEquals(await readBranchMap("proj", repo.sb.env), { foo_better: "foo" });
  assertEquals(
    await Deno.readTextFile(join(repo.sb.saseHome, "projects", "proj", "branch_map.json")),
    '{\n  "foo_better": "foo"\n}\n',
  );
  // Renamed again: the alias moves with the name.
  await renameChangeSpec(repo.app, { name: "foo_better" }, "foo_best");
  assertEquals(await readBranchMap("proj", repo.sb.env), { foo_best: "foo" });
  assert((await repo.activeText()).includes(`  [${STAMP}] RENAME foo_better -> foo_best\n`));
  assertEquals(await calls(), []);
});

Deno.test("rename refuses a taken name, an invalid name, the same name; a spec without a branch is renamed in its file only", async () => {
  await using repo = await withBranch();
  await assertRejects(
    () => renameChangeSpec(repo.app, { name: "foo" }, "bar"),
    SaseError,
    "project 'proj' already has a ChangeSpec named 'bar'",
  );
  await assertRejects(
    () => renameChangeSpec(repo.app, { name: "foo" }, "has/slash"),
    SaseError,
    "invalid ChangeSpec name 'has/slash'",
  );
  await assertRejects(
    () => renameChangeSpec(repo.app, { name: "foo" }, "foo"),
    SaseError,
    "'foo' already has that name",
  );
  assert(await refExists(repo, repo.work, "refs/heads/foo"));
  const result = await renameChangeSpec(repo.app, { name: "bar" }, "bar2");
  assertEquals(result.branchAction, "none");
  assertEquals(result.branch, null);
  assert((await repo.activeText()).includes("NAME: bar2\n"));
});

Deno.test("reword: the branch's commit gets the new description; DESCRIPTION without trailing tags; REWORD description", async () => {
  await using repo = await withBranch();
  const result = await rewordChangeSpec(
    repo.app,
    { name: "foo" },
    "[proj] feat: better foo\n\nWhy it matters.\n\nBUG=12\nAGENT=bot\n",
  );
  assertEquals(result.description, "feat: better foo\n\nWhy it matters.");
  assertEquals((await repo.git("rev-parse", "--abbrev-ref", "HEAD")).trim(), "foo");
  assertEquals(
    await repo.git("log", "-1", "--format=%B", "foo"),
    "[proj] feat: better foo\n\nWhy it matters.\n\nBUG=12\nAGENT=bot\n\n",
  );
  assertEquals(
    await repo.activeText(),
    `${HEADER}NAME: foo
DESCRIPTION:
  feat: better foo
  ${""}
  Why it matters.
STATUS: Ready
TIMESTAMPS:
  [260101_100000] COMMIT (1)
  [${STAMP}] REWORD description


${BAR}`,
  );
});

Deno.test('reword --add-tag: KEY=VALUE appended to the commit; BUG also sets the BUG field; REWORD tag "KEY"', async () => {
  await using repo = await withBranch();
  const result = await addTagToChangeSpec(repo.app, { name: "foo" }, "BUG", "42");
  assertEquals(result.tag, "BUG=42");
  assertEquals(await repo.git("log", "-1", "--format=%B", "foo"), "feat: foo\n\nbody\nBUG=42\n\n");
  const text = await repo.activeText();
  assert(text.includes("DESCRIPTION: Adds foo.\nBUG: http://b/42\nSTATUS: Ready\n"), text);
  assert(text.includes(`  [${STAMP}] REWORD tag "BUG"\n`), text);
  await assertRejects(
    () => addTagToChangeSpec(repo.app, { name: "foo" }, "bug", "1"),
    SaseError,
    "tag name 'bug' is not KEY form",
  );
  await assertRejects(
    () => addTagToChangeSpec(repo.app, { name: "foo" }, "X", "a\nb"),
    SaseError,
    "the value of tag X must be one non-empty line",
  );
  await assertRejects(
    () => rewordChangeSpec(repo.app, { name: "foo" }, "  \n"),
    SaseError,
    "the new description is empty",
  );
});

Deno.test("mail with git: asks, checks out and pushes the branch; a Ready spec becomes Mailed; bare git has no PR URL", async () => {
  await using repo = await withBranch();
  const asked: string[] = [];
  const result = await mailChangeSpec(repo.app, {
    name: "foo",
    confirm: (summary) => void asked.push(summary),
  });
  assertEquals(asked, ["mail 'foo': push foo for review"]);
  assertEquals(
    (await repo.git("rev-parse", "origin/foo")).trim(),
    (await repo.git("rev-parse", "foo")).trim(),
  );
  assertEquals((await repo.git("rev-parse", "--abbrev-ref", "HEAD")).trim(), "foo");
  assertEquals(result.prUrl, null);
  assertEquals(result.status?.newStatus, "Mailed");
  assertEquals(
    await repo.activeText(),
    `${HEADER}${
      FOO.replace("STATUS: Ready", "STATUS: Mailed")
    }  [${STAMP}] STATUS Ready -> Mailed\n\n\n${BAR}`,
  );
});

Deno.test("mail with GitHub: push, gh creates the PR when the branch has none, its URL goes to the PR field", async () => {
  await using repo = await withBranch({ SASE_VCS_PROVIDER: "github" });
  const calls = await fakeGh(repo.sb);
  const result = await mailChangeSpec(repo.app, { name: "foo" });
  assertEquals(result.prUrl, "https://github.com/o/r/pull/7");
  assertEquals(result.prStored, true);
  assertEquals(await calls(), [
    ["pr", "view", "--json", "number", "-q", ".number"],
    ["pr", "create", "--fill"],
    ["pr", "view", "--json", "url", "-q", ".url"],
  ]);
  assert(await refExists(repo, repo.origin, "refs/heads/foo"));
  assertEquals(
    await repo.activeText(),
    `${HEADER}NAME: foo
DESCRIPTION: Adds foo.
PR: https://github.com/o/r/pull/7
STATUS: Mailed
TIMESTAMPS:
  [260101_100000] COMMIT (1)
  [${STAMP}] STATUS Ready -> Mailed


${BAR}`,
  );
});

Deno.test("mail of a WIP spec pushes and keeps its status; a spec with a PR keeps it; refusals", async () => {
  await using repo = await withBranch({ SASE_VCS_PROVIDER: "github" });
  const calls = await fakeGh(repo.sb);
  await repo.writeSpecs(
    `${FOO.replace("STATUS: Ready", "PR: https://github.com/o/r/pull/1\nSTATUS: WIP")}`,
  );
  const before = await repo.activeText();
  await Deno.writeTextFile(join(repo.work, "README.md"), "dirty\n");
  // Switching to the branch would carry the edit along: refused.
  await assertRejects(
    () => mailChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "refusing to check out the branch to mail over them",
  );
  assertEquals(await refExists(repo, repo.origin, "refs/heads/foo"), false);
  await repo.git("checkout", "--", "README.md");
  const result = await mailChangeSpec(repo.app, { name: "foo" });
  assertEquals(result.status, null);
  assertEquals(result.prUrl, "https://github.com/o/r/pull/1");
  assertEquals(result.prStored, false);
  assertEquals(await repo.activeText(), before);
  assert(await refExists(repo, repo.origin, "refs/heads/foo"));
  assertEquals((await calls()).map((argv) => argv.slice(0, 2).join(" ")), ["pr view", "pr create"]);
  await repo.writeSpecs(FOO.replace("STATUS: Ready", "STATUS: Submitted"));
  await assertRejects(
    () => mailChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "cannot mail 'foo': its status is Submitted",
  );
});
