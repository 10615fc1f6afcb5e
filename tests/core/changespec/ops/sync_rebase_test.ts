import { assert, assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { join } from "node:path";
import { git } from "../../../_helpers/git.ts";
import { SaseError } from "../../../../core/errors.ts";
import { syncChangeSpec } from "../../../../core/changespec/ops/sync.ts";
import { rebaseChangeSpec } from "../../../../core/changespec/ops/rebase.ts";
import { type OpsRepo, opsRepo, STAMP } from "./_repo.ts";

const FOO = `NAME: foo
DESCRIPTION: Adds foo.
STATUS: WIP
`;

/** Push a commit to origin's main from a second clone (once per test). */
async function upstreamCommit(repo: OpsRepo, files: Record<string, string>, message: string) {
  const other = join(repo.sb.root, "other");
  await git(repo.sb.root, repo.sb.env, "clone", "-q", repo.origin, other);
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(join(other, name), text);
  }
  await git(other, repo.sb.env, "add", "-A");
  await git(other, repo.sb.env, "commit", "-qm", message);
  await git(other, repo.sb.env, "push", "-q", "origin", "main");
}

const rev = async (repo: OpsRepo, ref: string) => (await repo.git("rev-parse", ref)).trim();

Deno.test("sync: checks out the branch, fetches and rebases onto origin/main, records SYNC and refreshes DELTAS", async () => {
  await using repo = await opsRepo();
  await repo.git("checkout", "-q", "-b", "foo");
  await repo.commit("feat: foo", { "foo.txt": "one\ntwo\n" });
  await repo.git("checkout", "-q", "main");
  await repo.writeSpecs(FOO);
  await upstreamCommit(repo, { "up.txt": "upstream\n" }, "upstream work");
  const result = await syncChangeSpec(repo.app, { name: "foo" });
  assertEquals(result.revision, "foo");
  assertEquals((await repo.git("rev-parse", "--abbrev-ref", "HEAD")).trim(), "foo");
  assertEquals(await rev(repo, "foo~1"), await rev(repo, "origin/main"));
  assertEquals(await Deno.readTextFile(join(repo.work, "up.txt")), "upstream\n");
  assertEquals(result.deltas.refreshed, true);
  assertEquals(
    await repo.activeText(),
    FOO +
      "TIMESTAMPS:\n" +
      `  [${STAMP}] SYNC Synced with remote\n` +
      "DELTAS:\n" +
      "  + foo.txt\n" +
      "      | LINES: +2\n",
  );
});

Deno.test("sync: a conflict with upstream is abandoned: the branch is as it was, no rebase left, the spec unchanged", async () => {
  await using repo = await opsRepo();
  await repo.git("checkout", "-q", "-b", "foo");
  const tip = await repo.commit("feat: foo", { "README.md": "mine\n" });
  await repo.writeSpecs(FOO);
  await upstreamCommit(repo, { "README.md": "theirs\n" }, "upstream edit");
  const error = await assertRejects(
    () => syncChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "sync of 'foo' stopped on conflicts in README.md; it was abandoned and the branch is unchanged",
  );
  assertEquals((error as SaseError).kind, "conflict");
  assertEquals(await rev(repo, "foo"), tip);
  assertEquals(await repo.git("status", "--porcelain"), "");
  assertEquals(await Deno.stat(join(repo.work, ".git", "rebase-merge")).catch(() => null), null);
  assertEquals(await repo.activeText(), FOO);
});

Deno.test("sync refuses a dirty tree and a settled spec", async () => {
  await using repo = await opsRepo();
  await repo.git("checkout", "-q", "-b", "foo");
  await repo.commit("feat: foo", { "foo.txt": "x\n" });
  await repo.writeSpecs(FOO);
  await Deno.writeTextFile(join(repo.work, "foo.txt"), "edited\n");
  await assertRejects(
    () => syncChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "has uncommitted changes; refusing to sync over them",
  );
  assertEquals(await Deno.readTextFile(join(repo.work, "foo.txt")), "edited\n");
  await repo.git("checkout", "--", "foo.txt");
  await repo.writeSpecs(FOO.replace("WIP", "Submitted"));
  await assertRejects(
    () => syncChangeSpec(repo.app, { name: "foo" }),
    SaseError,
    "cannot sync 'foo': its status is Submitted",
  );
});

const BASE = `NAME: base
DESCRIPTION: The base change.
STATUS: WIP
`;
const CHILD = `NAME: foo
DESCRIPTION: Adds foo.
PARENT: base
STATUS: WIP
`;
const OTHER = `NAME: other
DESCRIPTION: Another parent.
STATUS: WIP
`;

/** Branches base (base.txt) -> foo (foo.txt) and other (other.txt), all off main. */
async function family(): Promise<OpsRepo> {
  const repo = await opsRepo();
  await repo.git("checkout", "-q", "-b", "base");
  await repo.commit("base", { "base.txt": "base\n" });
  await repo.git("checkout", "-q", "-b", "foo");
  await repo.commit("foo", { "foo.txt": "foo\n" });
  await repo.git("checkout", "-q", "-b", "other", "main");
  await repo.commit("other", { "other.txt": "other\n" });
  await repo.git("checkout", "-q", "main");
  await repo.writeSpecs(`${BASE}\n\n${CHILD}\n\n${OTHER}`);
  return repo;
}

Deno.test("rebase --root: only foo's own commit moves onto origin/main; PARENT goes; REBASE base -> root; DELTAS against main", async () => {
  await using repo = await family();
  const result = await rebaseChangeSpec(repo.app, { name: "foo" }, null);
  assertEquals(result.oldParent, "base");
  assertEquals(result.newParent, null);
  assertEquals(result.onto, "origin/main");
  assertEquals(await rev(repo, "foo~1"), await rev(repo, "origin/main"));
  assertEquals(await repo.git("ls-tree", "--name-only", "foo"), "README.md\nfoo.txt\n");
  assertEquals(
    await repo.activeText(),
    `${BASE}\n\n` +
      "NAME: foo\nDESCRIPTION: Adds foo.\nSTATUS: WIP\n" +
      `TIMESTAMPS:\n  [${STAMP}] REBASE base -> root\n` +
      "DELTAS:\n  + foo.txt\n      | LINES: +1\n" +
      `\n\n${OTHER}`,
  );
});

Deno.test("rebase onto another spec: foo's commit moves from base onto other; PARENT rewritten; REBASE base -> other", async () => {
  await using repo = await family();
  await rebaseChangeSpec(repo.app, { name: "foo" }, "other");
  assertEquals(await rev(repo, "foo~1"), await rev(repo, "other"));
  assertEquals(
    await repo.git("ls-tree", "--name-only", "foo"),
    "README.md\nfoo.txt\nother.txt\n",
  );
  const text = await repo.activeText();
  assert(text.includes("NAME: foo\nDESCRIPTION: Adds foo.\nPARENT: other\nSTATUS: WIP\n"), text);
  assert(text.includes(`  [${STAMP}] REBASE base -> other\n`), text);
  // DELTAS are against the new parent: only foo's own file.
  assert(text.includes("DELTAS:\n  + foo.txt\n      | LINES: +1\n"), text);
  assert(text.startsWith(`${BASE}\n\n`) && text.endsWith(`\n\n${OTHER}`), text);
});

Deno.test("rebase refuses: same parent, unknown parent, itself, a descendant, a Ready spec under a WIP parent, a dirty tree", async () => {
  await using repo = await family();
  const before = await repo.activeText();
  const fooTip = await rev(repo, "foo");
  const refused = async (newParent: string | null, message: string, kind: string) => {
    const error = await assertRejects(
      () => rebaseChangeSpec(repo.app, { name: "foo" }, newParent),
      SaseError,
      message,
    );
    assertEquals((error as SaseError).kind, kind);
    assertEquals(await rev(repo, "foo"), fooTip);
  };
  await refused("base", "'foo' already has parent 'base'", "conflict");
  await refused(
    "ghost",
    "no ChangeSpec named 'ghost' in project 'proj' to rebase onto",
    "not-found",
  );
  await refused("foo", "'foo' cannot be its own parent", "invalid-input");
  assertEquals(await repo.activeText(), before);
  await assertRejects(
    () => rebaseChangeSpec(repo.app, { name: "base" }, "foo"),
    SaseError,
    "cannot rebase 'base' onto its own descendant 'foo'",
  );
  await repo.writeSpecs(`${BASE}\n\n${CHILD.replace("WIP", "Ready")}\n\n${OTHER}`);
  await refused(
    "other",
    "cannot rebase 'foo' (Ready) onto 'other': its parent would be WIP",
    "conflict",
  );
  await repo.writeSpecs(before);
  await Deno.writeTextFile(join(repo.work, "README.md"), "dirty\n");
  await refused("other", "refusing to rebase over them", "conflict");
  assertEquals(await Deno.readTextFile(join(repo.work, "README.md")), "dirty\n");
});
