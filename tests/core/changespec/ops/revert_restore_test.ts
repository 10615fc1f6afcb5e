import { assert, assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { join } from "node:path";
import { SaseError } from "../../../../core/errors.ts";
import { revertChangeSpec } from "../../../../core/changespec/ops/revert.ts";
import {
  listRevertedChangeSpecs,
  restoreChangeSpec,
} from "../../../../core/changespec/ops/restore.ts";
import { archiveChangeSpec } from "../../../../core/changespec/ops/archive.ts";
import { type OpsRepo, opsRepo, refExists, STAMP } from "./_repo.ts";

const FOO = `NAME: foo
DESCRIPTION:
  feat: add foo

  Adds foo.txt.
STATUS: Ready
TIMESTAMPS:
  [260101_100000] COMMIT (1)
`;
const BAR = `NAME: bar
DESCRIPTION: Another change.
STATUS: WIP
`;

/** Branch `foo` off main adding foo.txt and a README line (not pushed); the spec file holds foo and bar. */
async function withFoo(): Promise<OpsRepo> {
  const repo = await opsRepo();
  await repo.git("checkout", "-q", "-b", "foo");
  await repo.commit("feat: add foo", { "foo.txt": "hello\n", "README.md": "# test\nmore\n" });
  await repo.writeSpecs(`${FOO}\n\n${BAR}`);
  return repo;
}

const revertedDiffPath = (repo: OpsRepo) => join(repo.sb.saseHome, "reverted", "foo.diff");

Deno.test("revert: the branch diff goes to SASE_HOME/reverted/foo.diff, branch foo is deleted, foo moves to the archive as Reverted", async () => {
  await using repo = await withFoo();
  const expectedDiff = await repo.git("diff", "origin/main...foo");
  const result = await revertChangeSpec(repo.app, { name: "foo" });
  assertEquals(await Deno.readTextFile(revertedDiffPath(repo)), expectedDiff);
  assert(expectedDiff.includes("+hello"), "the saved diff carries the branch's change");
  assertEquals(await refExists(repo, repo.work, "refs/heads/foo"), false);
  // foo was checked out: the checkout moved to the default branch first.
  assertEquals((await repo.git("rev-parse", "--abbrev-ref", "HEAD")).trim(), "main");
  assertEquals(result.leftFor, "origin/main");
  assertEquals(result.revision, "foo");
  assertEquals(result.diffPath, revertedDiffPath(repo));
  assertEquals(await repo.activeText(), BAR);
  assertEquals(
    await repo.archiveText(),
    FOO.replace("STATUS: Ready", "STATUS: Reverted") +
      `  [${STAMP}] STATUS Ready -> Reverted\n`,
  );
  assertEquals(result.status.archived, "to");
});

Deno.test("revert then restore: the saved diff is applied on main and committed on a new branch foo; foo is WIP again with DELTAS", async () => {
  await using repo = await withFoo();
  await revertChangeSpec(repo.app, { name: "foo" });
  assertEquals(await listRevertedChangeSpecs(repo.app), [{
    name: "foo",
    project: "proj",
    status: "Reverted",
    diffPath: revertedDiffPath(repo),
  }]);
  const result = await restoreChangeSpec(repo.app, { name: "foo" });
  assertEquals(result.base, "origin/main");
  assertEquals(result.diffKind, "reverted");
  assertEquals(result.prUrl, null);
  assertEquals((await repo.git("rev-parse", "--abbrev-ref", "HEAD")).trim(), "foo");
  assertEquals(await Deno.readTextFile(join(repo.work, "foo.txt")), "hello\n");
  assertEquals(await Deno.readTextFile(join(repo.work, "README.md")), "# test\nmore\n");
  assertEquals(await repo.git("status", "--porcelain"), "");
  assertEquals(
    (await repo.git("log", "-1", "--format=%B")).trim(),
    "feat: add foo\n\nAdds foo.txt.",
  );
  // Based on main and pushed (bare_git opens no pull request).
  assertEquals(
    (await repo.git("rev-parse", "foo~1")).trim(),
    (await repo.git("rev-parse", "main")).trim(),
  );
  assert(await refExists(repo, repo.origin, "refs/heads/foo"));
  assertEquals(
    await repo.activeText(),
    `${BAR}\n\n` +
      FOO.replace("STATUS: Ready", "STATUS: WIP") +
      `  [${STAMP}] STATUS Ready -> Reverted\n` +
      `  [${STAMP}] STATUS Reverted -> WIP\n` +
      "DELTAS:\n" +
      "  ~ README.md\n" +
      "      | LINES: +1\n" +
      "  + foo.txt\n" +
      "      | LINES: +1\n",
  );
  assertEquals(await repo.archiveText(), "");
  assertEquals(await listRevertedChangeSpecs(repo.app), []);
});

Deno.test("revert of a spec whose branch is not checked out leaves the checkout where it is", async () => {
  await using repo = await withFoo();
  await repo.git("checkout", "-q", "main");
  const result = await revertChangeSpec(repo.app, { name: "foo" });
  assertEquals(result.leftFor, null);
  assertEquals(await refExists(repo, repo.work, "refs/heads/foo"), false);
});

Deno.test("revert refuses, changing nothing: unknown name, dirty tree, a live child, an existing saved diff, a spec already Reverted", async () => {
  await using repo = await withFoo();
  const before = await repo.activeText();
  const unchanged = async () => {
    assertEquals(await repo.activeText(), before);
    assert(await refExists(repo, repo.work, "refs/heads/foo"), "branch foo kept");
  };
  await assertRejects(
    () => revertChangeSpec(repo.app, { name: "ghost" }),
    SaseError,
    "no ChangeSpec named 'ghost'",
  );

  await Deno.writeTextFile(join(repo.work, "scratch.txt"), "mine\n");
  const dirty = await assertRejects(
    () => revertChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "has uncommitted changes; refusing to revert over them",
  );
  assertEquals((dirty as SaseError).kind, "conflict");
  assert(dirty.message.includes("?? scratch.txt"), dirty.message);
  assertEquals(await Deno.readTextFile(join(repo.work, "scratch.txt")), "mine\n");
  await Deno.remove(join(repo.work, "scratch.txt"));
  await unchanged();

  await repo.writeSpecs(`${FOO}\n\n${BAR.replace("STATUS: WIP", "PARENT: foo\nSTATUS: WIP")}`);
  const child = await assertRejects(
    () => revertChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "cannot revert 'foo': ChangeSpecs bar have it as their parent",
  );
  assertEquals((child as SaseError).kind, "conflict");
  // A Reverted child no longer holds its parent back.
  await repo.writeSpecs(`${FOO}\n\n${BAR.replace("STATUS: WIP", "PARENT: foo\nSTATUS: Reverted")}`);

  await Deno.mkdir(join(repo.sb.saseHome, "reverted"), { recursive: true });
  await Deno.writeTextFile(revertedDiffPath(repo), "earlier revert\n");
  await assertRejects(
    () => revertChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "refusing to overwrite the saved diff of an earlier revert of 'foo'",
  );
  assertEquals(await Deno.readTextFile(revertedDiffPath(repo)), "earlier revert\n");
  assert(await refExists(repo, repo.work, "refs/heads/foo"));
  await Deno.remove(revertedDiffPath(repo));

  await repo.writeSpecs(`${FOO.replace("STATUS: Ready", "STATUS: Reverted")}`);
  await assertRejects(
    () => revertChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "cannot revert 'foo': its status is Reverted",
  );
});

Deno.test("revert asks before changing anything: a declined confirmation leaves branch, spec and reverted/ as they were", async () => {
  await using repo = await withFoo();
  const asked: string[] = [];
  await assertRejects(
    () =>
      revertChangeSpec(repo.app, {
        name: "foo",
        confirm: (summary) => {
          asked.push(summary);
          throw new SaseError("aborted", "declined", { kind: "failed" });
        },
      }),
    SaseError,
    "declined",
  );
  assertEquals(asked, [
    `revert 'foo': save its diff to ${
      revertedDiffPath(repo)
    }, delete branch foo and set STATUS Reverted`,
  ]);
  assert(await refExists(repo, repo.work, "refs/heads/foo"));
  assertEquals(await repo.activeText(), `${FOO}\n\n${BAR}`);
  assertEquals(await Deno.stat(join(repo.sb.saseHome, "reverted")).catch(() => null), null);
});

Deno.test("restore refuses: a spec that is not Reverted/Archived, no saved diff, a branch that still exists, a dirty tree", async () => {
  await using repo = await withFoo();
  await assertRejects(
    () => restoreChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "cannot restore 'foo': its status is Ready, not Reverted or Archived",
  );
  await repo.writeSpecs(`${FOO.replace("STATUS: Ready", "STATUS: Reverted")}\n\n${BAR}`);
  const missing = await assertRejects(
    () => restoreChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    `no saved diff for 'foo': neither ${revertedDiffPath(repo)} nor ${
      join(repo.sb.saseHome, "archived", "foo.diff")
    } exists`,
  );
  assertEquals((missing as SaseError).kind, "not-found");
  await Deno.mkdir(join(repo.sb.saseHome, "reverted"), { recursive: true });
  await Deno.writeTextFile(revertedDiffPath(repo), "");
  await assertRejects(
    () => restoreChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    `the saved diff ${revertedDiffPath(repo)} is empty: 'foo' had no changes to restore`,
  );
  await Deno.writeTextFile(revertedDiffPath(repo), await repo.git("diff", "origin/main...foo"));
  // Branch foo was never pruned: restoring would make it a second time.
  const exists = await assertRejects(
    () => restoreChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "cannot restore 'foo': its branch still exists (foo)",
  );
  assertEquals((exists as SaseError).kind, "conflict");
  await repo.git("checkout", "-q", "main");
  await repo.git("push", "-q", "origin", "foo");
  await repo.git("branch", "-q", "-D", "foo");
  await assertRejects(
    () => restoreChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "its branch still exists (origin/foo)",
  );
  await repo.git("push", "-q", "origin", "--delete", "foo");
  await repo.git("fetch", "-q", "--prune", "origin");
  await Deno.writeTextFile(join(repo.work, "README.md"), "edited\n");
  await assertRejects(
    () => restoreChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "refusing to restore over them",
  );
  assertEquals(await Deno.readTextFile(join(repo.work, "README.md")), "edited\n");
  assertEquals(await repo.archiveText(), "");
});

Deno.test("archive: diff to SASE_HOME/archived/foo.diff, tag archive/foo keeps the commits, branch deleted, Archived; restore takes the archived diff", async () => {
  await using repo = await withFoo();
  const tip = (await repo.git("rev-parse", "foo")).trim();
  const expectedDiff = await repo.git("diff", "origin/main...foo");
  await repo.git("checkout", "-q", "main");
  const result = await archiveChangeSpec(repo.app, { name: "foo" });
  const archivedDiff = join(repo.sb.saseHome, "archived", "foo.diff");
  assertEquals(result.diffPath, archivedDiff);
  assertEquals(await Deno.readTextFile(archivedDiff), expectedDiff);
  assertEquals((await repo.git("rev-parse", "archive/foo")).trim(), tip);
  assertEquals(await refExists(repo, repo.work, "refs/heads/foo"), false);
  assertEquals(await repo.activeText(), BAR);
  assertEquals(
    await repo.archiveText(),
    FOO.replace("STATUS: Ready", "STATUS: Archived") +
      `  [${STAMP}] STATUS Ready -> Archived\n`,
  );
  const restored = await restoreChangeSpec(repo.app, { name: "foo" });
  assertEquals(restored.diffKind, "archived");
  assertEquals(restored.diffPath, archivedDiff);
  assertEquals(await Deno.readTextFile(join(repo.work, "foo.txt")), "hello\n");
  assertEquals(restored.status.oldStatus, "Archived");
  assertEquals(restored.status.newStatus, "WIP");
});

Deno.test("archive refuses a spec with a live child and one already Archived", async () => {
  await using repo = await withFoo();
  await repo.writeSpecs(`${FOO}\n\n${BAR.replace("STATUS: WIP", "PARENT: foo\nSTATUS: WIP")}`);
  await assertRejects(
    () => archiveChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "cannot archive 'foo': ChangeSpecs bar have it as their parent",
  );
  await repo.writeSpecs(FOO.replace("STATUS: Ready", "STATUS: Archived"));
  await assertRejects(
    () => archiveChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "cannot archive 'foo': its status is Archived",
  );
  assert(await refExists(repo, repo.work, "refs/heads/foo"));
});
