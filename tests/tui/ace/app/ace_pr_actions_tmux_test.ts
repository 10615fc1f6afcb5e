/**
 * The PRs tab's actions in the real `sase ace` under tmux, each checked on
 * disk: `s` changes the status from the modal (the ProjectSpec gets the
 * STATUS and its TIMESTAMPS event); `m` marks + `S` bulk status; `d` pages
 * the diff of a real commit (a pager stand-in records what it got, and ACE
 * comes back); `Y` syncs against a real origin; `b` rebases onto a chosen
 * new parent; `n` renames the spec and its branch.
 */

import { join } from "../../../../core/fs/path.ts";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { git, makeRepoWithOrigin } from "../../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../../_helpers/sandbox.ts";
import type { Tmux } from "../../../_helpers/tmux.ts";
import { needing } from "../../../_helpers/tools.ts";
import { shows, spec, startAce, TMUX, writeGuideFixture, writeProject } from "./_ace_tmux.ts";

const ignore = !TMUX;

/** Press `j` until the detail panel shows `name` (the PR under the cursor). */
async function focus(tmux: Tmux, name: string): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const screen = await tmux.capture();
    if (shows(screen, `NAME: ${name}`)) return;
    await tmux.sendKeys("j");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await tmux.waitFor((s) => shows(s, `NAME: ${name}`), `the cursor on ${name}`);
}

/** Wait until the file at `path` satisfies `ok`; its text. */
async function waitFile(
  path: string,
  ok: (text: string) => boolean,
  what: string,
): Promise<string> {
  const deadline = Date.now() + 20_000;
  let text = "";
  while (Date.now() < deadline) {
    text = await Deno.readTextFile(path).catch(() => "");
    if (ok(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; ${path}:\n${text}`);
}

const STAMPED = /\n {2}\[\d{6}_\d{6}\] /;

Deno.test({
  name: needing(
    "ACE PR actions: s opens the status modal; Enter writes STATUS and the TIMESTAMPS event",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeGuideFixture(box);
    const file = join(box.saseHome, "projects", "my_project", "my_project.sase");
    await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+my_project"]);
    await tmux.waitFor((s) => s[2].includes("3 PRs"), "the PRs");
    await focus(tmux, "my_project_a_1");
    await tmux.sendKeys("s");
    const screen = await tmux.waitFor(
      (s) => shows(s, "Status: my_project_a_1"),
      "the status modal",
    );
    assert(
      shows(screen, "Current: WIP") && shows(screen, "▸ Draft") && shows(screen, "  Ready"),
      screen.join("\n"),
    );
    await tmux.sendKeys("j", "Enter");
    const text = await waitFile(file, (t) => t.includes("STATUS WIP -> Ready"), "the change");
    // Leaving WIP for Ready drops the `_1` suffix (the status machine's rule): a RENAME event first.
    assert(
      new RegExp(
        "NAME: my_project_a\\nDESCRIPTION:\\n  Work on my_project_a_1\\nSTATUS: Ready\\n" +
          "TIMESTAMPS:\\n  \\[\\d{6}_\\d{6}\\] RENAME my_project_a_1 -> my_project_a\\n" +
          "  \\[\\d{6}_\\d{6}\\] STATUS WIP -> Ready\\n",
      ).test(text),
      text,
    );
    await tmux.waitFor(
      (s) => shows(s, "my_project_a_1: WIP → Ready (now my_project_a)"),
      "the toast",
    );
    await tmux.waitFor((s) => shows(s, "STATUS: Ready"), "the detail reloaded");
  },
});

Deno.test({
  name: needing(
    "ACE PR actions: m marks two PRs (● shown), S sets their status in one go, u clears",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeGuideFixture(box);
    const file = join(box.saseHome, "projects", "my_project", "my_project.sase");
    await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+my_project"]);
    await tmux.waitFor((s) => s[2].includes("3 PRs"), "the PRs");
    await focus(tmux, "my_project_a_1");
    await tmux.sendKeys("m", "m");
    await tmux.waitFor(
      (s) =>
        shows(s, "● my_project_a_1") && shows(s, "● my_project_b_1") &&
        shows(s, "NAME: my_project_c_1"),
      "two marks and the cursor advanced",
    );
    await tmux.sendKeys("S");
    const screen = await tmux.waitFor((s) => shows(s, "Status of 2 marked PRs"), "the bulk modal");
    // a is WIP (→ Draft, Ready), b is Draft (→ Ready).
    assert(
      shows(screen, "▸ Draft  (1 of 2)") && shows(screen, "  Ready  (2 of 2)"),
      screen.join("\n"),
    );
    await tmux.sendKeys("j", "Enter");
    const text = await waitFile(
      file,
      (t) => (t.match(/STATUS: Ready/g) ?? []).length === 3,
      "both moved",
    );
    assert(/STATUS WIP -> Ready/.test(text) && /STATUS Draft -> Ready/.test(text), text);
    assert(STAMPED.test(text), text);
    await tmux.waitFor((s) => shows(s, "Set Ready on 2 PRs"), "the toast");
    await tmux.sendKeys("u");
    await tmux.waitFor(
      (s) => shows(s, "Cleared 2 marks") && !shows(s, "● my_project"),
      "marks cleared",
    );
  },
});

/** A project `proj` over a real checkout (box.cwd) of a bare origin: main, base → foo, other. */
async function repoProject(box: Sandbox, specs: readonly string[]): Promise<string> {
  await makeRepoWithOrigin(box.root, box.env);
  const run = (...args: string[]) => git(box.cwd, box.env, ...args);
  const commit = async (branch: string, from: string, file: string, text: string) => {
    await run("checkout", "-q", "-b", branch, from);
    await Deno.writeTextFile(join(box.cwd, file), text);
    await run("add", "-A");
    await run("commit", "-qm", `add ${file}`);
  };
  await commit("base", "main", "base.txt", "base\n");
  await commit("foo", "base", "foo.txt", "hello foo\n");
  await commit("other", "main", "other.txt", "other\n");
  await run("checkout", "-q", "main");
  return await writeProject(box, "proj", specs);
}

Deno.test({
  name: needing(
    "ACE PR actions: d pages the diff of a real commit and ACE comes back; Y syncs with the real origin",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    const file = await repoProject(box, [spec("foo", "WIP")]);
    const seen = join(box.root, "paged.txt");
    const pager = join(box.root, "pager.sh");
    await Deno.writeTextFile(
      pager,
      `#!/bin/sh\ncat "$1" > "${seen}.tmp" && mv "${seen}.tmp" "${seen}"\n`,
    );
    await Deno.chmod(pager, 0o755);
    await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+proj"], undefined, {
      PAGER: pager,
    });
    await tmux.waitFor((s) => s[2].includes("1 PRs") || s[2].includes("1 PR"), "the PR");
    await focus(tmux, "foo");
    await tmux.sendKeys("d");
    const paged = await waitFile(seen, (t) => t.length > 0, "the pager's input");
    assert(
      paged.includes("diff --git a/foo.txt b/foo.txt") && paged.includes("\n+hello foo\n"),
      paged,
    );
    // Only foo's own commit against main's merge base: base's commit is in it too (foo's branch holds both).
    assert(paged.includes("+base"), paged);
    await tmux.waitFor(
      (s) => shows(s, "PRs    Agents    AXE") && shows(s, "NAME: foo"),
      "ACE back on screen",
    );

    // Y: a commit lands on origin/main; the sync puts foo on top of it.
    const other = join(box.root, "other");
    await git(box.root, box.env, "clone", "-q", join(box.root, "origin.git"), other);
    await Deno.writeTextFile(join(other, "up.txt"), "upstream\n");
    await git(other, box.env, "add", "-A");
    await git(other, box.env, "commit", "-qm", "upstream");
    await git(other, box.env, "push", "-q", "origin", "main");
    await tmux.sendKeys("Y");
    await waitFile(file, (t) => /\] SYNC Synced with remote\n/.test(t), "the SYNC event");
    await tmux.waitFor((s) => shows(s, "Synced foo"), "the sync toast");
    const upstream = (await git(other, box.env, "rev-parse", "HEAD")).trim();
    const log = await git(box.cwd, box.env, "rev-list", "foo");
    assert(log.split("\n").includes(upstream), "foo contains the upstream commit");
  },
});

Deno.test({
  name: needing(
    "ACE PR actions: b rebases onto the chosen new parent; n renames the spec and its branch",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    const file = await repoProject(box, [
      spec("base", "WIP"),
      `NAME: foo\nDESCRIPTION:\n  Work on foo\nPARENT: base\nSTATUS: WIP\n`,
      spec("other", "WIP"),
    ]);
    await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+proj"]);
    await tmux.waitFor((s) => s[2].includes("3 PRs"), "the PRs");
    await focus(tmux, "foo");
    await tmux.sendKeys("b");
    let screen = await tmux.waitFor((s) => shows(s, "Rebase foo"), "the new-parent chooser");
    assert(shows(screen, "Current parent: base"), screen.join("\n"));
    assert(
      shows(screen, "▸ (no parent: the default branch)") && shows(screen, "  other  WIP"),
      screen.join("\n"),
    );
    assert(!shows(screen, "  base  WIP"), "the current parent is not offered");
    await tmux.sendKeys("j", "Enter");
    await waitFile(file, (t) => /\] REBASE base -> other\n/.test(t), "the REBASE event");
    await tmux.waitFor((s) => shows(s, "Rebased foo onto other"), "the rebase toast");
    const parent = (await git(box.cwd, box.env, "rev-parse", "foo~1")).trim();
    assertEquals(parent, (await git(box.cwd, box.env, "rev-parse", "other")).trim());

    await focus(tmux, "foo");
    await tmux.sendKeys("n");
    screen = await tmux.waitFor(
      (s) => shows(s, "Rename foo") && shows(s, "New name: foo"),
      "the rename input",
    );
    await tmux.sendText("_v2");
    await tmux.sendKeys("Enter");
    const text = await waitFile(file, (t) => t.includes("NAME: foo_v2\n"), "the rename");
    assert(/\] RENAME foo -> foo_v2\n/.test(text), text);
    await tmux.waitFor((s) => shows(s, "Renamed foo to foo_v2"), "the rename toast");
    assertEquals(
      await git(box.cwd, box.env, "branch", "--list", "--format=%(refname:short)", "foo*"),
      "foo_v2\n",
    );
  },
});
