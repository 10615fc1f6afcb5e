/**
 * `comment_checks` and `pending_checks_poll` through the VCS provider: with
 * `sase axe -v github`, `comment_checks` starts a background
 * `gh pr view <PR> --json comments,reviews` for each Mailed ChangeSpec whose
 * `[critique]` entry allows it, and `pending_checks_poll` files what it
 * printed: comments saved under `~/.sase/comments/` with a new COMMENTS
 * entry, no comments removing an idle entry, a failure logged, an orphaned
 * check reaped. A `gh` stand-in on PATH answers and records its arguments.
 */

import { join } from "node:path";
import { assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { makeRepoWithOrigin } from "../_helpers/git.ts";
import { waitFor } from "../_helpers/runs.ts";
import { type AxeSandbox, axeSandbox } from "./_axe.ts";

const PR = "https://github.com/o/r/pull";

function spec(name: string, pr: number, status: string, comments = ""): string {
  return `NAME: ${name}\nDESCRIPTION:\n  ${name}.\nPR: ${PR}/${pr}\nSTATUS: ${status}\n${comments}`;
}

/** Run `chop` with the GitHub provider; resolves to its run log. */
async function chop(axe: AxeSandbox, name: string, lj: string, path: string): Promise<string> {
  const result = await axe.sase(["axe", "-v", "github", "chop", "run", name, "-j"], {
    PATH: path,
  });
  assertEquals(result.code, 0, result.stderr);
  const run = JSON.parse(result.stdout);
  return await Deno.readTextFile(axe.lj(lj, "chops", name, "runs", `${run.run_id}.log`));
}

Deno.test("reviewer comments: fetched in the background, filed as [critique] entries, idle entries cleared", async () => {
  await using axe = await axeSandbox("");
  const { sb } = axe;
  const { work } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n" });
  const log = join(sb.root, "gh.log");
  await axe.script(
    "bin/gh",
    `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
case "$3" in
  */pull/1) printf '%s' '{"comments":[{"author":{"login":"ann"},"body":"Please add a test.","url":"u1"}],"reviews":[{"author":{"login":"bob"},"body":"Rename x.","state":"CHANGES_REQUESTED"},{"author":{"login":"cy"},"body":"","state":"APPROVED"}]}' ;;
  */pull/2) printf '%s' '{"comments":[],"reviews":[{"author":{"login":"cy"},"body":"  ","state":"APPROVED"}]}' ;;
  */pull/5) echo "HTTP 502: bad gateway" >&2; exit 1 ;;
  *) echo "unexpected PR $3" >&2; exit 9 ;;
esac
`,
  );
  const projectFile = await sb.write(
    "home/.sase/projects/proj/proj.sase",
    `WORKSPACE_DIR: ${work}\n\n\n` + [
      spec("commented", 1, "Mailed"),
      spec("quiet", 2, "Mailed", "COMMENTS:\n  [critique] ~/.sase/comments/old.json - (7d)\n"),
      spec(
        "running",
        3,
        "Mailed",
        "COMMENTS:\n  [critique] ~/.sase/comments/r.json - (260101_120000)\n",
      ),
      spec("draft", 4, "Draft"),
      spec("broken", 5, "Mailed"),
    ].join("\n\n"),
  );
  const path = `${sb.root}/bin:${sb.env.PATH}`;
  const started = await chop(axe, "comment_checks", "comments", path);
  assertStringIncludes(
    started,
    "comment_checks: changespecs=5 mailed=4 started=3 unsupported_provider=0 errors=0",
  );
  // The running workflow's and the draft's PRs are never asked.
  const checks = join(axe.axeDir, "checks");
  await waitFor("three finished checks", async () => {
    const files = [...Deno.readDirSync(checks)].filter((e) => e.name.endsWith(".txt"));
    const texts = await Promise.all(files.map((e) => Deno.readTextFile(join(checks, e.name))));
    return texts.length === 3 && texts.every((t) => t.includes("===CHECK_COMPLETE=== ")) ||
      undefined;
  });
  assertEquals((await Deno.readTextFile(log)).trim().split("\n").sort(), [
    `pr view ${PR}/1 --json comments,reviews`,
    `pr view ${PR}/2 --json comments,reviews`,
    `pr view ${PR}/5 --json comments,reviews`,
  ]);
  // A second start finds them pending.
  assertStringIncludes(await chop(axe, "comment_checks", "comments", path), "started=0");

  const polled = await chop(axe, "pending_checks_poll", "hooks", path);
  assertStringIncludes(
    polled,
    "pending_checks_poll: checks=3 completed=3 updates=2 errors=1 reaped=0",
  );
  assertStringIncludes(
    polled,
    "error: broken: reviewer_comments check exited 1: HTTP 502: bad gateway",
  );
  assertStringIncludes(polled, "quiet: removed [critique] (no comments)");
  const text = await Deno.readTextFile(projectFile);
  const entry =
    /NAME: commented\n[\s\S]*?COMMENTS:\n {2}\[critique\] (~\/\.sase\/comments\/commented-critique-\d{6}_\d{6}\.json)\n/
      .exec(text);
  assertEquals(entry !== null, true, text);
  const saved = JSON.parse(await Deno.readTextFile(join(sb.home, entry![1].slice(2))));
  assertEquals(saved, {
    change: `${PR}/1`,
    comments: [
      { author: "ann", body: "Please add a test.", path: null, line: null, url: "u1" },
      { author: "bob", body: "Rename x.", path: null, line: null, url: null },
    ],
  });
  assertMatch(text, /NAME: quiet\nDESCRIPTION:\n {2}quiet\.\nPR: \S+\/2\nSTATUS: Mailed\n(\n|$)/);
  assertStringIncludes(text, "  [critique] ~/.sase/comments/r.json - (260101_120000)\n");
  assertEquals([...Deno.readDirSync(checks)].length, 0);

  // Now `commented` holds unhandled comments: only `quiet` and `broken` are asked again.
  assertStringIncludes(await chop(axe, "comment_checks", "comments", path), "started=2");
});

Deno.test("pending_checks_poll reaps a check pending past the orphan age; bare git has no comment checks", async () => {
  await using axe = await axeSandbox("");
  const { sb } = axe;
  const { work } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n" });
  await sb.write(
    "home/.sase/projects/proj/proj.sase",
    `WORKSPACE_DIR: ${work}\n\n\n${spec("feat", 1, "Mailed")}`,
  );
  const checks = join(axe.axeDir, "checks");
  await Deno.mkdir(checks, { recursive: true });
  const orphan = join(checks, "feat-reviewer_comments-260101_120000.txt");
  const young = join(checks, "feat-reviewer_comments-260101_120500.txt");
  await Deno.writeTextFile(orphan, "partial output");
  await Deno.writeTextFile(young, "");
  // 181 s is past the 180 s orphan age; 170 s is not.
  const now = Date.now() / 1000;
  await Deno.utime(orphan, now - 181, now - 181);
  await Deno.utime(young, now - 170, now - 170);
  const polled = await chop(axe, "pending_checks_poll", "hooks", sb.env.PATH);
  assertStringIncludes(polled, "checks=2 completed=0 updates=0 errors=0 reaped=1");
  assertEquals([...Deno.readDirSync(checks)].map((e) => e.name), [
    "feat-reviewer_comments-260101_120500.txt",
  ]);
  // With no check pending, bare git (no reviewer comments) is not asked either.
  await Deno.remove(young);
  const bare = await axe.sase(["axe", "-v", "bare_git", "chop", "run", "comment_checks", "-j"]);
  assertEquals(bare.code, 0, bare.stderr);
  const run = JSON.parse(bare.stdout);
  assertStringIncludes(
    await Deno.readTextFile(
      axe.lj("comments", "chops", "comment_checks", "runs", `${run.run_id}.log`),
    ),
    "mailed=1 started=0 unsupported_provider=1 errors=0",
  );
});
