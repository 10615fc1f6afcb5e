/**
 * The ChangeSpec VCS commands through the real CLI: the revert/restore round
 * trip (acceptance 27), confirmation and refusals with their exit codes, the
 * JSON shapes, sync-deltas and mail with a `gh` stand-in.
 */

import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { join } from "node:path";
import { runSase } from "../_helpers/cli.ts";
import { fakeGh, type OpsRepo, opsRepo } from "../core/changespec/ops/_repo.ts";

const FOO = `NAME: foo
DESCRIPTION:
  feat: add foo

  Adds foo.txt.
STATUS: WIP
COMMITS:
  (1) feat: add foo
`;

async function withFoo(env: Record<string, string> = {}): Promise<OpsRepo> {
  const repo = await opsRepo(undefined, env);
  await repo.git("checkout", "-q", "-b", "foo");
  await repo.commit("feat: add foo", { "foo.txt": "hello\n" });
  await repo.writeSpecs(FOO);
  return repo;
}

const sase = (repo: OpsRepo, ...args: string[]) =>
  runSase(args, { env: repo.sb.env, cwd: repo.work });

Deno.test("acceptance 27 through the CLI: revert needs -y, writes reverted/foo.diff and deletes branch foo; restore applies it with git apply", async () => {
  await using repo = await withFoo();
  const diff = await repo.git("diff", "origin/main...foo");
  const unconfirmed = await sase(repo, "revert", "foo");
  assertEquals(unconfirmed.code, 2, unconfirmed.stderr);
  assertStringIncludes(
    unconfirmed.stderr,
    "revert 'foo': save its diff to",
  );
  assertStringIncludes(unconfirmed.stderr, "needs confirmation, and stdin is not a terminal");
  assertStringIncludes(unconfirmed.stderr, "pass -y/--yes to confirm");
  assertEquals(await repo.activeText(), FOO);
  assertEquals((await repo.git("branch", "--list", "foo")).trim(), "* foo");

  const reverted = await sase(repo, "revert", "foo", "-y", "-j");
  assertEquals(reverted.code, 0, reverted.stderr);
  const diffPath = join(repo.sb.saseHome, "reverted", "foo.diff");
  assertEquals(JSON.parse(reverted.stdout), {
    schema_version: 1,
    name: "foo",
    project: "proj",
    revision: "foo",
    diff_path: diffPath,
    left_for: "origin/main",
    status: {
      schema_version: 1,
      project: "proj",
      old_name: "foo",
      new_name: "foo",
      old_status: "WIP",
      new_status: "Reverted",
      archive: "to",
      reverted: [],
    },
  });
  assertEquals(await Deno.readTextFile(diffPath), diff);
  assertEquals(await repo.git("branch", "--list", "foo"), "");

  const listed = await sase(repo, "restore", "-l");
  assertEquals(listed.code, 0, listed.stderr);
  assertEquals(listed.stdout, `NAME  PROJECT  SAVED DIFF\nfoo   proj     ${diffPath}\n`);

  const restored = await sase(repo, "restore", "foo");
  assertEquals(restored.code, 0, restored.stderr);
  assertEquals(
    restored.stdout,
    "restored foo (project proj)\n" +
      `  applied ${diffPath} on origin/main\n` +
      "  STATUS: Reverted -> WIP (moved back to proj.sase)\n" +
      "DELTAS: 1 file(s)\n",
  );
  assertEquals(await Deno.readTextFile(join(repo.work, "foo.txt")), "hello\n");
  assertEquals((await repo.git("rev-parse", "--abbrev-ref", "HEAD")).trim(), "foo");
  const emptied = await sase(repo, "restore", "--list", "-j");
  assertEquals(JSON.parse(emptied.stdout), { schema_version: 1, reverted: [] });
});

Deno.test("refusals keep their kinds as exit codes: unknown name 1, dirty tree 1, bad entry 2, conflicting flags 2", async () => {
  await using repo = await withFoo();
  const unknown = await sase(repo, "revert", "ghost", "-y");
  assertEquals(unknown.code, 1);
  assertStringIncludes(unknown.stderr, "error: no ChangeSpec named 'ghost'");

  await Deno.writeTextFile(join(repo.work, "foo.txt"), "mine\n");
  const dirty = await sase(repo, "changespec", "sync", "foo");
  assertEquals(dirty.code, 1);
  assertStringIncludes(dirty.stderr, "has uncommitted changes; refusing to sync over them");
  assertStringIncludes(dirty.stderr, " M foo.txt");
  assertEquals(await Deno.readTextFile(join(repo.work, "foo.txt")), "mine\n");
  await repo.git("checkout", "--", "foo.txt");

  const proposal = await sase(repo, "changespec", "rewind", "foo", "1a", "-y");
  assertEquals(proposal.code, 2);
  assertStringIncludes(proposal.stderr, "'1a' is not a COMMITS entry number");
  const missing = await sase(repo, "changespec", "rewind", "foo", "7", "-y");
  assertEquals(missing.code, 1);
  assertStringIncludes(
    missing.stderr,
    "'foo' has no COMMITS entry (7) to rewind to (entries: (1))",
  );
  const last = await sase(repo, "changespec", "rewind", "foo", "1");
  assertEquals(last.code, 1);
  assertStringIncludes(last.stderr, "(1) is the last COMMITS entry of 'foo'");

  const both = await sase(repo, "changespec", "rebase", "foo", "bar", "--root");
  assertEquals(both.code, 2);
  assertStringIncludes(both.stderr, "give the new parent's NAME or --root");
  const neither = await sase(repo, "changespec", "rebase", "foo");
  assertEquals(neither.code, 2);
  const noName = await sase(repo, "restore");
  assertEquals(noName.code, 2);
  assertStringIncludes(noName.stderr, "missing NAME");
  const twoMessages = await sase(repo, "changespec", "reword", "foo", "-m", "x", "-t", "A=1");
  assertEquals(twoMessages.code, 2);
  assertStringIncludes(twoMessages.stderr, "-m, -M and -t exclude each other");
  const noMessage = await sase(repo, "changespec", "reword", "foo");
  assertEquals(noMessage.code, 2);
  assertStringIncludes(noMessage.stderr, "pass -m TEXT, -M FILE or -t KEY=VALUE");
  assertEquals(await repo.activeText(), FOO);
});

Deno.test("sync-deltas through the CLI: -c names the spec, -j prints the entries; a failure exits 1 and keeps DELTAS", async () => {
  await using repo = await withFoo();
  const out = await sase(repo, "changespec", "sync-deltas", "-c", "foo", "-j");
  assertEquals(out.code, 0, out.stderr);
  assertEquals(JSON.parse(out.stdout), {
    schema_version: 1,
    name: "foo",
    project: "proj",
    project_file: repo.active,
    deltas: [{
      path: "foo.txt",
      change_type: "A",
      lines: { kind: "counts", added: 1, modified: 0, removed: 0 },
    }],
  });
  assertEquals(await repo.activeText(), `${FOO}DELTAS:\n  + foo.txt\n      | LINES: +1\n`);
  const human = await sase(repo, "changespec", "sync-deltas", "-c", "foo", "-p", repo.active);
  assertEquals(human.stdout, `DELTAS refreshed for foo in ${repo.active}: 1 file(s)\n`);
  await repo.git("checkout", "-q", "main");
  await repo.git("branch", "-q", "-D", "foo");
  const failed = await sase(repo, "changespec", "sync-deltas", "-c", "foo");
  assertEquals(failed.code, 1);
  assertStringIncludes(
    failed.stderr,
    "could not compute DELTAS for 'foo' (DELTAS left as they were)",
  );
  assertEquals(await repo.activeText(), `${FOO}DELTAS:\n  + foo.txt\n      | LINES: +1\n`);
  const noName = await sase(repo, "changespec", "sync-deltas");
  assertEquals(noName.code, 2);
  assertStringIncludes(noName.stderr, "-c, --cl-name <name>");
});

Deno.test("mail through the CLI with GitHub: -y pushes, gh opens the PR, its URL lands in the PR field", async () => {
  await using repo = await withFoo({ SASE_VCS_PROVIDER: "github" });
  const calls = await fakeGh(repo.sb);
  await repo.writeSpecs(FOO.replace("STATUS: WIP", "STATUS: Ready"));
  const unconfirmed = await sase(repo, "changespec", "mail", "foo");
  assertEquals(unconfirmed.code, 2);
  assertEquals(await calls(), []);
  const mailed = await sase(repo, "changespec", "mail", "foo", "-y");
  assertEquals(mailed.code, 0, mailed.stderr);
  assertEquals(
    mailed.stdout,
    "mailed foo (foo)\n  PR: https://github.com/o/r/pull/7 (stored)\n  STATUS: Ready -> Mailed\n",
  );
  const text = await repo.activeText();
  assert(text.includes("PR: https://github.com/o/r/pull/7\nSTATUS: Mailed\n"), text);
  assertEquals((await calls()).length, 3);
});

Deno.test("reword through the CLI: -M reads the description relative to the working directory; a missing file is not-found", async () => {
  await using repo = await withFoo();
  const missing = await sase(repo, "changespec", "reword", "foo", "-M", "nope.md");
  assertEquals(missing.code, 1);
  assertStringIncludes(
    missing.stderr,
    `error: message file not found: ${join(repo.work, "nope.md")}`,
  );
  await Deno.writeTextFile(
    join(repo.sb.root, "msg.md"),
    "feat: better foo\n\nMore words.\nBUG=9\n",
  );
  // Run from the sandbox root: -M is relative to it, -w names the checkout.
  const done = await runSase(
    ["changespec", "reword", "foo", "-M", "msg.md", "-w", repo.work, "-j"],
    { env: repo.sb.env, cwd: repo.sb.root },
  );
  assertEquals(done.code, 0, done.stderr);
  assertEquals(JSON.parse(done.stdout), {
    schema_version: 1,
    name: "foo",
    project: "proj",
    revision: "foo",
    description: "feat: better foo\n\nMore words.",
    tag: null,
  });
  assertEquals(
    await repo.git("log", "-1", "--format=%B"),
    "feat: better foo\n\nMore words.\nBUG=9\n\n",
  );
});
