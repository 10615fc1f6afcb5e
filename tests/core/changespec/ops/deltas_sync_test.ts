import { assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { join } from "node:path";
import { SaseError } from "../../../../core/errors.ts";
import { refreshChangeSpecDeltas, syncDeltas } from "../../../../core/changespec/ops/deltas.ts";
import { type OpsRepo, opsRepo } from "./_repo.ts";

const FOO = `NAME: foo
DESCRIPTION: Adds foo.
STATUS: WIP
TIMESTAMPS:
  [260101_100000] COMMIT (1)
DELTAS:
  + stale.txt
`;
const BAR = `NAME: bar
DESCRIPTION: Untouched.
STATUS: WIP
`;

/** Branch foo adding, modifying, renaming, deleting and adding a binary file. */
async function everyKindOfChange(): Promise<OpsRepo> {
  const repo = await opsRepo({
    "README.md": "# title\nold line\n",
    "old.txt": "one\ntwo\nthree\nfour\nfive\n",
    "del.txt": "x\ny\n",
  });
  await repo.git("checkout", "-q", "-b", "foo");
  await Deno.writeTextFile(join(repo.work, "README.md"), "# title\nnew line\n");
  await Deno.writeTextFile(join(repo.work, "a.txt"), "1\n2\n3\n");
  await Deno.writeFile(join(repo.work, "bin.dat"), new Uint8Array([0, 1, 2, 0, 255, 0]));
  await repo.git("mv", "old.txt", "new.txt");
  await repo.git("rm", "-q", "del.txt");
  await repo.git("add", "-A");
  await repo.git("commit", "-qm", "every kind");
  await repo.writeSpecs(`${FOO}\n\n${BAR}`);
  return repo;
}

const EXPECTED_DELTAS = `DELTAS:
  ~ README.md
      | LINES: ~1
  + a.txt
      | LINES: +3
  + bin.dat
      | LINES: binary
  - del.txt
      | LINES: -2
  + new.txt
      | LINES: 0
  - old.txt
`;

Deno.test("sync-deltas: add, modify, rename (split, 0 lines on the target), delete and a binary file, sorted by path, replacing the old section", async () => {
  await using repo = await everyKindOfChange();
  const result = await syncDeltas(repo.app, { name: "foo" });
  assertEquals(result.project, "proj");
  assertEquals(result.deltas.map((d) => `${d.changeType} ${d.path}`), [
    "M README.md",
    "A a.txt",
    "A bin.dat",
    "D del.txt",
    "A new.txt",
    "D old.txt",
  ]);
  assertEquals(
    await repo.activeText(),
    `${FOO.replace("DELTAS:\n  + stale.txt\n", EXPECTED_DELTAS)}\n\n${BAR}`,
  );
});

Deno.test("sync-deltas: -p names the project file, -w the checkout; against the parent's branch when it has one", async () => {
  await using repo = await everyKindOfChange();
  await repo.git("checkout", "-q", "-b", "child");
  await repo.commit("child", { "child.txt": "c\n" });
  await repo.git("checkout", "-q", "main");
  await repo.writeSpecs(
    `${FOO}\n\n${BAR}\n\nNAME: child\nDESCRIPTION: On foo.\nPARENT: foo\nSTATUS: WIP\n`,
  );
  const elsewhere = repo.sb.cwd;
  const app = repo.app.at(elsewhere);
  const result = await syncDeltas(app, {
    name: "child",
    projectFile: repo.active,
    workspaceDir: repo.work,
  });
  assertEquals(result.projectFile, repo.active);
  assertEquals(
    (await repo.activeText()).endsWith(
      "NAME: child\nDESCRIPTION: On foo.\nPARENT: foo\nSTATUS: WIP\n" +
        "DELTAS:\n  + child.txt\n      | LINES: +1\n",
    ),
    true,
  );
  await assertRejects(
    () => syncDeltas(app, { name: "child", projectFile: join(elsewhere, "nope.sase") }),
    SaseError,
    `project file not found: ${join(elsewhere, "nope.sase")}`,
  );
});

Deno.test("sync-deltas: a VCS failure is an error and the DELTAS section stays as it was; no checkout is not-found", async () => {
  await using repo = await everyKindOfChange();
  await repo.git("checkout", "-q", "main");
  await repo.git("branch", "-q", "-D", "foo");
  const before = await repo.activeText();
  await assertRejects(
    () => syncDeltas(repo.app, { name: "foo" }),
    SaseError,
    "could not compute DELTAS for 'foo' (DELTAS left as they were): no branch found for ChangeSpec foo",
  );
  assertEquals(await repo.activeText(), before);
  const missing = await assertRejects(
    () => syncDeltas(repo.app, { name: "foo", workspaceDir: join(repo.sb.root, "gone") }),
    SaseError,
    `workspace directory ${join(repo.sb.root, "gone")} does not exist`,
  );
  assertEquals((missing as SaseError).kind, "not-found");
});

Deno.test("refreshChangeSpecDeltas (after a commit or an accepted proposal) writes DELTAS, and never throws: a failure is returned", async () => {
  await using repo = await everyKindOfChange();
  const done = await refreshChangeSpecDeltas(repo.app, { name: "foo" });
  assertEquals(done.refreshed, true);
  assertEquals(done.error, null);
  assertEquals(done.deltas?.length, 6);
  assertEquals(
    await repo.activeText(),
    `${FOO.replace("DELTAS:\n  + stale.txt\n", EXPECTED_DELTAS)}\n\n${BAR}`,
  );
  const before = await repo.activeText();
  assertEquals(await refreshChangeSpecDeltas(repo.app, { name: "ghost" }), {
    refreshed: false,
    deltas: null,
    error: "no ChangeSpec named 'ghost'",
  });
  await repo.git("checkout", "-q", "main");
  await repo.git("branch", "-q", "-D", "foo");
  const failed = await refreshChangeSpecDeltas(repo.app, { name: "foo" });
  assertEquals(failed.refreshed, false);
  assertEquals(failed.error?.startsWith("no branch found for ChangeSpec foo"), true);
  assertEquals(await repo.activeText(), before);
});
