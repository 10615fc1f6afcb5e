import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { ansiCEscape } from "../../../providers/vcs/hg.ts";
import { hgAvailable, hgWorkspace } from "./_hg.ts";
import { join } from "node:path";

Deno.test({
  name: "hg: commit with --name/--logfile, diffs, patch import, wrappers for checkout and clean",
  ignore: !hgAvailable,
  async fn() {
    await using sb = await makeSandbox();
    const { repo, hg, recorded, vcs } = await hgWorkspace(sb);
    assertEquals(await vcs.diff(repo), null);
    await Deno.writeTextFile(join(repo, "a.txt"), "a\nb\n");
    const diff = (await vcs.diff(repo))!;
    assertEquals(diff.includes("+b"), true);
    const logfile = await sb.write("msg.txt", "feat: b\n");
    // `--name` is an extension flag of the site's hg; plain hg refuses it, which proves the argv.
    await assertRejects(
      () => vcs.commit(repo, "my_cl", logfile),
      SaseError,
      `hg commit failed: hg commit --name my_cl --logfile ${logfile}`,
    );
    await hg("commit", "-l", logfile);
    assertEquals(await vcs.diffRevision(repo, "tip"), await hg("diff", "-c", "tip"));
    const patch = await sb.write("p.diff", await vcs.diffRevision(repo, "tip"));
    await vcs.checkout(repo, "0");
    await vcs.applyPatch(repo, patch);
    assertEquals(await Deno.readTextFile(join(repo, "a.txt")), "a\nb\n");
    await vcs.stashAndClean(repo, "my_cl-1");
    // The wrapper saved the applied change (hg stamps the file times, so compare the hunk).
    const saved = await Deno.readTextFile(join(sb.home, "my_cl-1.diff"));
    assertEquals(saved.slice(saved.indexOf("@@")), "@@ -1,1 +1,2 @@\n a\n+b\n");
    assertEquals(await vcs.diff(repo), null);
    assertEquals(await recorded(), [["sase_hg_update", "0"], ["sase_hg_clean", "my_cl-1"]]);
    assertEquals(await vcs.defaultParentRevision(repo), "p4head");
  },
});

Deno.test({
  name:
    "hg: reword takes the ANSI-C escaped description; add-tag, amend, info commands and the CL URL",
  ignore: !hgAvailable,
  async fn() {
    await using sb = await makeSandbox();
    const { repo, recorded, vcs } = await hgWorkspace(sb);
    const description = "fix: it's a\\b\n\tindented\r";
    const prepared = vcs.prepareDescriptionForReword(description);
    // Backslashes first, then quote, newline, tab, carriage return.
    assertEquals(prepared, "fix: it\\'s a\\\\b\\n\\tindented\\r");
    assertEquals(ansiCEscape("\\'"), "\\\\\\'");
    await vcs.reword(repo, prepared);
    await vcs.rewordAddTag(repo, "BUG", "42");
    await vcs.amend(repo, "note", { noUpload: true });
    await vcs.amend(repo, "note2");
    assertEquals(await recorded(), [
      ["sase_hg_reword", "fix: it\\'s a\\\\b\\n\\tindented\\r"],
      ["sase_hg_reword", "--add-tag", "BUG", "42"],
      ["sase_hg_amend", "--no-upload", "note"],
      ["sase_hg_amend", "note2"],
    ]);
    assertEquals(await vcs.clNumber(repo), "12345");
    assertEquals(await vcs.changeUrl(repo), "http://cl/12345");
    assertEquals(await vcs.branchName(repo), "my_cl");
    assertEquals(await vcs.bugNumber(repo), "777");
  },
});

Deno.test({
  name:
    "hg: a missing wrapper says to put the sase_hg_* scripts on PATH; pull requests are unsupported",
  ignore: !hgAvailable,
  async fn() {
    await using sb = await makeSandbox();
    const { repo, vcs } = await hgWorkspace(sb);
    const missing = await assertRejects(
      () => vcs.syncWorkspace(repo),
      SaseError,
      "hg sync: sase_hg_sync: command not found",
    );
    assertEquals((missing as SaseError).kind, "unavailable");
    assertEquals(
      (missing as SaseError).hint,
      "put the directory holding the sase_hg_* wrapper commands (sase_hg_sync) on PATH",
    );
    const unsupported = await assertRejects(
      () => vcs.createPullRequest(repo, { name: "x", message: "m" }),
      SaseError,
      "the hg VCS provider does not support createPullRequest",
    );
    assertEquals([(unsupported as SaseError).code, (unsupported as SaseError).kind], [
      "vcs.unsupported",
      "unavailable",
    ]);
  },
});
