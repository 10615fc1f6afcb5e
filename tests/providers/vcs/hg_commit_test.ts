/**
 * The hg provider's commit dispatch against a real Mercurial repository:
 * `hg addremove`, `hg commit --name --logfile`, `hg mail -r`, the bead
 * amend, and proposals saved as git-style diffs then cleaned by
 * `sase_hg_clean` (or, for `-f` files, reverted one by one).
 */

import {
  assert,
  assertEquals,
  assertRejects,
  assertStringIncludes,
} from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { hgAvailable, hgWorkspace } from "./_hg.ts";
import { join } from "node:path";

const ignore = !hgAvailable;

Deno.test({
  name: "hg createCommit: every change addremoved, committed under branch_name's CL, mailed",
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await hgWorkspace(sb, { site: true });
    await Deno.writeTextFile(join(ws.repo, "a.txt"), "a\nchanged\n");
    await Deno.writeTextFile(join(ws.repo, "new.txt"), "new\n");
    const hash = await ws.vcs.createCommit(ws.repo, { message: "feat: x\n\nBody line." });
    const node = (await ws.hg("log", "-r", ".", "-T", "{node|short}")).trim();
    assertEquals(hash, node);
    assertEquals(await ws.hg("log", "-r", ".", "-T", "{desc}"), "feat: x\n\nBody line.");
    assertEquals(await ws.hg("log", "-r", ".", "-T", "{join(files, ' ')}"), "a.txt new.txt");
    // No -n: the CL name comes from the branch_name wrapper; the commit is mailed under it.
    assertEquals(await ws.named(), [["my_cl", node]]);
    assertEquals(await ws.mailed(), ["my_cl"]);
    assertEquals(await ws.hg("status"), "");
    // The committed diff (for the COMMITS entry's DIFF drawer) is the commit's own, new file included.
    const committed = (await ws.vcs.committedDiff(ws.repo))!;
    assertStringIncludes(committed, "diff --git a/new.txt b/new.txt\nnew file mode 100644");
    assertStringIncludes(committed, "+changed");
  },
});

Deno.test({
  name:
    "hg createCommit: -f limits the commit to the files, the bead store and the plan; -n names it",
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await hgWorkspace(sb, { site: true });
    await Deno.writeTextFile(join(ws.repo, "a.txt"), "a\nmine\n");
    await Deno.writeTextFile(join(ws.repo, "other.txt"), "not mine\n");
    await Deno.mkdir(join(ws.repo, "sdd", "beads"), { recursive: true });
    await Deno.writeTextFile(join(ws.repo, "sdd", "beads", "issues.jsonl"), "{}\n");
    const plan = join(ws.repo, "plan.md");
    await Deno.writeTextFile(plan, "status: done\n");
    await ws.vcs.createCommit(ws.repo, {
      message: "feat: only a",
      name: "named_cl",
      files: ["a.txt"],
      extraPaths: [plan],
    });
    assertEquals(
      await ws.hg("log", "-r", ".", "-T", "{join(files, ' ')}"),
      "a.txt plan.md sdd/beads/issues.jsonl",
    );
    // Work that was not named stays in the workspace, untracked as it was.
    assertEquals(await ws.hg("status"), "? other.txt\n");
    assertEquals((await ws.named()).map(([name]) => name), ["named_cl"]);
    assertEquals(await ws.mailed(), ["named_cl"]);
  },
});

Deno.test({
  name: "hg createCommit: nothing to commit fails before committing or mailing anything",
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await hgWorkspace(sb, { site: true });
    const clean = await assertRejects(
      () => ws.vcs.createCommit(ws.repo, { message: "feat: none" }),
      SaseError,
      "No staged changes to commit",
    );
    assertEquals([(clean as SaseError).code, (clean as SaseError).kind], [
      "vcs.nothing_staged",
      "failed",
    ]);
    // A named file without a change: the hint names the -f paths.
    await Deno.writeTextFile(join(ws.repo, "b.txt"), "b\n");
    const named = await assertRejects(
      () => ws.vcs.createCommit(ws.repo, { message: "feat: none", files: ["a.txt"] }),
      SaseError,
      "No staged changes to commit",
    );
    assertEquals((named as SaseError).hint, "none of a.txt has a change; check the -f paths");
    assertEquals(await ws.named(), []);
    assertEquals(await ws.mailed(), []);
    assertEquals((await ws.hg("log", "-T", "{rev}\n")).trim(), "0");
  },
});

Deno.test({
  name:
    "hg createCommit: no -n and an empty branch_name is a usage error; a failed mail keeps the commit",
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await hgWorkspace(sb, { site: true });
    await Deno.writeTextFile(join(ws.bin, "branch_name"), "#!/bin/sh\n");
    await Deno.writeTextFile(join(ws.repo, "a.txt"), "a\nb\n");
    const unnamed = await assertRejects(
      () => ws.vcs.createCommit(ws.repo, { message: "feat: x" }),
      SaseError,
      "hg commit: no CL name to commit under",
    );
    assertEquals((unnamed as SaseError).kind, "usage");
    assertEquals((await ws.hg("log", "-T", "{rev}\n")).trim(), "0");
    // Refused before anything was added.
    await Deno.writeTextFile(join(ws.repo, "u.txt"), "u\n");
    await assertRejects(
      () => ws.vcs.createCommit(ws.repo, { message: "feat: x" }),
      SaseError,
      "no CL name",
    );
    assertEquals(await ws.hg("status"), "M a.txt\n? u.txt\n");
    await Deno.remove(join(ws.repo, "u.txt"));

    await Deno.writeTextFile(join(ws.repo, ".hg", "mail_fails"), "");
    const mail = await assertRejects(
      () => ws.vcs.createCommit(ws.repo, { message: "feat: x", name: "cl" }),
      SaseError,
      "hg commit failed: hg mail -r cl: abort: mail server down",
    );
    assertEquals([(mail as SaseError).code, (mail as SaseError).hint], [
      "vcs.push_failed",
      "the commit is kept locally; fix the cause, then run hg mail -r cl",
    ]);
    assertEquals(await ws.hg("log", "-r", ".", "-T", "{desc}"), "feat: x");
  },
});

Deno.test({
  name: "hg finalizeCommit: a bead's store changes are amended into the commit, then it is mailed",
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await hgWorkspace(sb, { site: true });
    await Deno.mkdir(join(ws.repo, "sdd", "beads"), { recursive: true });
    const store = join(ws.repo, "sdd", "beads", "issues.jsonl");
    await Deno.writeTextFile(store, "{}\n");
    await Deno.writeTextFile(join(ws.repo, "a.txt"), "a\nb\n");
    await ws.hg("commit", "-A", "-m", "feat: bead (b-1)");
    // The bead store changed after the commit (the bead was noted).
    await Deno.writeTextFile(store, '{}\n{"note": 1}\n');
    const payload = { message: "feat: bead (b-1)", name: "cl", beadId: "b-1" };
    await ws.vcs.finalizeCommit(ws.repo, payload);
    assertEquals((await ws.hg("log", "-T", "{rev}\n")).trim().split("\n").length, 2);
    assertEquals(await ws.hg("log", "-r", ".", "-T", "{desc}"), "feat: bead (b-1)");
    assertEquals(await ws.hg("cat", "-r", ".", "sdd/beads/issues.jsonl"), '{}\n{"note": 1}\n');
    assertEquals(await ws.hg("status"), "");
    assertEquals(await ws.mailed(), ["cl"]);
    // Without a bead the store is left alone: only the mail is replayed.
    await Deno.writeTextFile(store, "changed later\n");
    await ws.vcs.finalizeCommit(ws.repo, { message: "feat: bead (b-1)", name: "cl" });
    assertEquals(await ws.hg("status"), "M sdd/beads/issues.jsonl\n");
    assertEquals(await ws.mailed(), ["cl", "cl"]);
  },
});

Deno.test({
  name: "hg createProposal: a git-style diff (new and binary files) saved, then sase_hg_clean",
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await hgWorkspace(sb);
    await Deno.writeTextFile(join(ws.repo, "a.txt"), "a\nproposed\n");
    await Deno.writeTextFile(join(ws.repo, "n.txt"), "new\n");
    await Deno.writeFile(join(ws.repo, "b.bin"), new Uint8Array([0, 1, 2, 0, 255]));
    const target = join(sb.saseHome, "diffs", "202601", "my_cl-260101_120000.diff");
    assertEquals(await ws.vcs.createProposal(ws.repo, { message: "m", diffPath: target }), target);
    const saved = await Deno.readTextFile(target);
    assertStringIncludes(saved, "diff --git a/a.txt b/a.txt");
    assertStringIncludes(saved, "diff --git a/n.txt b/n.txt\nnew file mode 100644");
    assertStringIncludes(saved, "diff --git a/b.bin b/b.bin\nnew file mode 100644\nindex");
    assertStringIncludes(saved, "GIT binary patch");
    // The wrapper got the diff's name and cleaned the workspace.
    assertEquals(await ws.recorded(), [["sase_hg_clean", "my_cl-260101_120000"]]);
    assertEquals(await ws.hg("status"), "");
    // The saved diff brings the whole proposal back.
    await ws.hg("import", "--no-commit", target);
    assertEquals(await Deno.readTextFile(join(ws.repo, "a.txt")), "a\nproposed\n");
    assertEquals(await Deno.readFile(join(ws.repo, "b.bin")), new Uint8Array([0, 1, 2, 0, 255]));
  },
});

Deno.test({
  name: "hg createProposal -f: only the named files are saved and taken back; other work stays",
  ignore,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await hgWorkspace(sb);
    await Deno.writeTextFile(join(ws.repo, "a.txt"), "a\nproposed\n");
    await Deno.writeTextFile(join(ws.repo, "n.txt"), "new\n");
    await Deno.writeTextFile(join(ws.repo, "keep.txt"), "other work\n");
    const target = join(sb.root, "p.diff");
    await ws.vcs.createProposal(ws.repo, {
      message: "m",
      diffPath: target,
      files: ["a.txt", "n.txt"],
    });
    const saved = await Deno.readTextFile(target);
    assertStringIncludes(saved, "+proposed");
    assertStringIncludes(saved, "diff --git a/n.txt b/n.txt");
    assert(!saved.includes("keep.txt"), "an unnamed file is not in the proposal");
    assertEquals(await ws.hg("status"), "? keep.txt\n");
    assertEquals(await Deno.readTextFile(join(ws.repo, "a.txt")), "a\n");
    assertEquals(await Deno.stat(join(ws.repo, "n.txt")).then(() => true, () => false), false);
    assertEquals(await ws.recorded(), [], "sase_hg_clean would discard the other work");

    const none = await assertRejects(
      () => ws.vcs.createProposal(ws.repo, { message: "m", diffPath: target, files: ["a.txt"] }),
      SaseError,
      "No changes to save as proposal diff",
    );
    assertEquals([(none as SaseError).kind, (none as SaseError).hint], [
      "failed",
      "none of a.txt has a change",
    ]);
  },
});
