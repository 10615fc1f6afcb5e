import { assertEquals } from "../../_helpers/assert.ts";
import { diffPaths, globRegExp, matchProfiles } from "../../../core/axe/mentors/profiles.ts";
import { hooksReady, parseMentorAnswer } from "../../../core/axe/chops/mentor_checks.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import type { MentorProfileConfig } from "../../../core/config/types.ts";

function spec(body: string) {
  return parseProjectSpec(`NAME: feat\nSTATUS: Ready\n${body}`, "/p/proj/proj.sase").specs[0];
}

const MENTORS = [{ mentor_name: "m", role: "r", focus_areas: [] }];

Deno.test("fnmatch-style globs: * crosses directories, ? is one character, [!x] negates", () => {
  assertEquals(globRegExp("*.py").test("src/deep/a.py"), true);
  assertEquals(globRegExp("*.py").test("a.pyc"), false);
  assertEquals(globRegExp("src/?.ts").test("src/a.ts"), true);
  assertEquals(globRegExp("src/?.ts").test("src/ab.ts"), false);
  assertEquals(globRegExp("[!a]*.md").test("b.md"), true);
  assertEquals(globRegExp("[!a]*.md").test("a.md"), false);
  assertEquals(globRegExp("a+b.txt").test("a+b.txt"), true);
});

Deno.test("diff paths come from diff --git and +++ lines; +++ /dev/null names none", () => {
  const diff = [
    "diff --git a/old.py b/new.py",
    "--- a/old.py",
    "+++ b/new.py",
    "diff --git a/gone.txt b/gone.txt",
    "+++ /dev/null",
  ].join("\n");
  assertEquals(diffPaths(diff), ["new.py", "gone.txt"]);
});

Deno.test("profiles: criteria OR-ed, projects restrict, proposals and mentored entries ignored", () => {
  const cs = spec(
    "COMMITS:\n  (1) first\n  (2) fix the token handling\n  (2a) proposal\nMENTORS:\n  (1) p[1/1]\n",
  );
  const reviewed = {
    commits: cs.commits.filter((c) => c.number === 2 && !c.proposalLetter),
    paths: ["src/a.py"],
    diff: "+api_key = 1",
  };
  const profiles: MentorProfileConfig[] = [
    { profile_name: "glob", file_globs: ["*.py"], mentors: MENTORS },
    { profile_name: "regex", diff_regexes: ["secret|api_key"], mentors: MENTORS },
    { profile_name: "note", amend_note_regexes: ["^fix"], mentors: MENTORS },
    { profile_name: "first", first_commit: true, mentors: MENTORS },
    { profile_name: "other_project", projects: ["elsewhere"], file_globs: ["*"], mentors: MENTORS },
    { profile_name: "ts", file_globs: ["*.ts"], diff_regexes: ["password"], mentors: MENTORS },
  ];
  const matches = matchProfiles(profiles, cs, reviewed);
  assertEquals(matches.map((m) => [m.profile.profile_name, m.matched]), [
    ["glob", true],
    ["regex", true],
    ["note", true],
    ["first", false],
    ["other_project", false],
    ["ts", false],
  ]);
  assertEquals(matches[4].criteria, [{
    criterion: "projects",
    matched: false,
    detail: "project proj is not in [elsewhere]",
  }]);
  // Nothing under review (every regular entry already mentored): nothing matches.
  assertEquals(
    matchProfiles(profiles, cs, { ...reviewed, commits: [] }).some((m) => m.matched),
    false,
  );
});

Deno.test("mentor answers: JSON comments validated field by field", () => {
  const good = {
    focus_name: "f",
    file_path: "a.py",
    line_number: 3,
    description: "d",
    severity: "warning",
  };
  assertEquals(parseMentorAnswer(`Here:\n${JSON.stringify({ comments: [good] })}\n`), [good]);
  assertEquals(parseMentorAnswer('{"comments": []}'), []);
  assertEquals(parseMentorAnswer("no json"), { error: "the answer holds no JSON object" });
  assertEquals(parseMentorAnswer('{"x": 1}'), { error: "the JSON object has no comments list" });
  assertEquals(
    parseMentorAnswer(JSON.stringify({ comments: [{ ...good, line_number: "3" }] })),
    { error: "comments[0].line_number is missing or invalid" },
  );
  assertEquals(
    parseMentorAnswer(JSON.stringify({ comments: [{ ...good, severity: "nit" }] })),
    { error: "comments[0].severity is missing or invalid" },
  );
});

Deno.test("hooks are ready when every non-! hook passed, or failed and was handled, for the entry", () => {
  const ready = (hooks: string) => hooksReady(spec(`COMMITS:\n  (1) x\nHOOKS:\n${hooks}`), "1");
  assertEquals(ready("  a\n      | (1) [260101_120000] PASSED (1s)\n"), true);
  assertEquals(ready("  a\n      | (1) [260101_120000] RUNNING - ($: 12)\n"), false);
  assertEquals(ready("  a\n"), false);
  assertEquals(
    ready("  a\n      | (1) [260101_120000] FAILED (1s) - (!: Hook Command Failed)\n"),
    false,
  );
  assertEquals(ready("  a\n      | (1) [260101_120000] FAILED (1s)\n"), true);
  assertEquals(
    ready("  !a\n      | (1) [260101_120000] FAILED (1s) - (!: Hook Command Failed)\n"),
    true,
  );
  assertEquals(ready("  !a\n"), true);
});
