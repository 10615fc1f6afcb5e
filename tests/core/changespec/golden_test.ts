import { assert, assertEquals } from "../../_helpers/assert.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { projectSpecBasename } from "../../../core/changespec/paths.ts";
import { ProjectSpecEditor } from "../../../core/changespec/edit.ts";
import { formatChangeSpec, formatDeltas } from "../../../core/changespec/format.ts";
import { GOLDEN, GOLDEN_ARCHIVE } from "./_corpus.ts";

const goldenText = Deno.readTextFileSync(GOLDEN);
const archiveText = Deno.readTextFileSync(GOLDEN_ARCHIVE);

Deno.test("golden corpus: names, statuses, PR, bug, description, span (A1)", () => {
  const file = parseProjectSpec(goldenText, GOLDEN);
  assertEquals(file.warnings, []);
  assertEquals(file.specs.map((s) => s.name), ["alpha", "beta", "beta__260102_010101", "gamma"]);
  const alpha = file.specs[0];
  assertEquals(alpha.status, "Submitted");
  assertEquals(alpha.pr, "https://example.test/repo/pull/1");
  assertEquals(alpha.bug, "BUG-100");
  assertEquals(alpha.description, "Initial feature work.\nSpans multiple lines.");
  assertEquals(alpha.span.startLine, 2);
  assertEquals(alpha.span.headerLine, 1);
  assertEquals(alpha.span.endLine, 26);
  assertEquals(alpha.parent, null);
  assertEquals(alpha.prOrigin, "unknown");
  assertEquals(alpha.deltas?.map((d) => [d.path, d.changeType]), [["src/alpha.py", "A"], [
    "src/util.py",
    "M",
  ]]);
  assertEquals(alpha.comments, [{
    reviewer: "critique",
    filePath: "~/.sase/comments/alpha.json",
    suffix: "Unresolved Critique Comments",
    suffixType: "error",
  }]);
  assertEquals(alpha.timestamps, [{
    timestamp: "260101_120000",
    eventType: "STATUS",
    detail: "WIP -> Submitted",
  }]);
  assertEquals(alpha.commits[0].chat, "~/.sase/chats/alpha.md (0s)");
  assertEquals(alpha.mentors[0].profiles, ["profileA"]);
  assertEquals(alpha.mentors[0].statusLines[0].duration, "1m0s");
  const gamma = file.specs[3];
  assertEquals(gamma.hooks[0].statusLines[0], {
    commitEntryNum: "1",
    timestamp: "260103_140000",
    status: "RUNNING",
    duration: null,
    suffix: "ace-260103_140000",
    suffixType: "running_agent",
    summary: null,
  });
  assertEquals(file.specs[1].parent, "alpha");
  assertEquals(file.specs[1].deltas, null);
});

Deno.test("golden archive: names, basename, PR_ORIGIN, blank-run description (A1)", () => {
  const file = parseProjectSpec(archiveText, GOLDEN_ARCHIVE);
  assertEquals(file.specs.map((s) => s.name), [
    "archived_one",
    "reverted_two",
    "release_blank_run_1",
  ]);
  assertEquals(file.specs.every((s) => s.projectBasename === "myproj"), true);
  const release = file.specs[2];
  assertEquals(release.prOrigin, "external");
  assertEquals(
    release.description,
    "chore(master): release 1.2.3\n\n:robot: Body text after an indented blank run.\n\n\n" +
      "## [1.2.3](https://example.test/repo/compare/v1.2.2...v1.2.3)",
  );
});

Deno.test("golden corpus round-trips byte-identically, and a no-op edit changes nothing", () => {
  for (const [text, path] of [[goldenText, GOLDEN], [archiveText, GOLDEN_ARCHIVE]]) {
    const editor = new ProjectSpecEditor(text, path);
    assertEquals(editor.parsed.text, text);
    assertEquals(editor.text, text);
    for (const spec of editor.parsed.specs) editor.setField(spec.name, "STATUS", spec.status);
    assertEquals(editor.text, text);
  }
});

Deno.test("canonical writer reproduces canonical specs byte for byte", () => {
  const file = parseProjectSpec(goldenText, GOLDEN);
  const gammaText = goldenText.slice(goldenText.indexOf("NAME: gamma"));
  assertEquals(formatChangeSpec(file.specs[3]), gammaText.replace("PARENT:\nPR:\n", ""));
  const archive = parseProjectSpec(archiveText, GOLDEN_ARCHIVE);
  const releaseText = archiveText.slice(archiveText.indexOf("NAME: release_blank_run_1"));
  assertEquals(formatChangeSpec(archive.specs[2]), releaseText);
  const example = [
    "NAME: auth_system_integrate_validator",
    "DESCRIPTION:",
    "  Integrate JWT validator into authentication middleware",
    "  ",
    "  This CL integrates the JWT validator from the previous CL into",
    "  the main authentication middleware.",
    "PARENT: auth_system_add_jwt_validator",
    "STATUS: WIP",
    "",
  ].join("\n");
  const parsed = parseProjectSpec(example, "/p/x/x.sase").specs[0];
  assertEquals(
    parsed.description.split("\n")[0],
    "Integrate JWT validator into authentication middleware",
  );
  assertEquals(parsed.bug, null);
  assertEquals(formatChangeSpec(parsed), example);
});

Deno.test("parser boundary rules (A2)", () => {
  assertEquals(projectSpecBasename("/tmp/myproj-archive.sase"), "myproj");
  assertEquals(projectSpecBasename("foo.bar.sase"), "foo.bar");
  assertEquals(projectSpecBasename("/tmp/no_ext"), "no_ext");
  assertEquals(projectSpecBasename("/tmp/legacy.gp"), "legacy");
  assertEquals(parseProjectSpec("STATUS: WIP\n", "x.sase").specs, []);
  const noStatus = parseProjectSpec("NAME: foo\nDESCRIPTION: x\n", "x.sase");
  assertEquals(noStatus.specs, []);
  assertEquals(noStatus.warnings[0].field, "STATUS");
  assertEquals(noStatus.warnings[0].line, 1);
  const two = parseProjectSpec(
    "NAME: alpha\nSTATUS: WIP\n\n\nNAME: beta\nSTATUS: Ready\n",
    "x.sase",
  );
  assertEquals(two.specs.length, 2);
  assertEquals([two.specs[1].span.startLine, two.specs[1].span.endLine], [5, 6]);
  const adjacent = parseProjectSpec(
    "NAME: a\nSTATUS: WIP\nNAME: b\nSTATUS: WIP\n## ChangeSpec\nNAME: c\nSTATUS: WIP\n",
    "x.sase",
  );
  assertEquals(adjacent.specs.map((s) => s.name), ["a", "b", "c"]);
  assertEquals(adjacent.specs[2].span.headerLine, 5);
  const empties = parseProjectSpec("NAME: a\nPARENT:\nPR:\nSTATUS: WIP\n", "x.sase").specs[0];
  assertEquals([empties.parent, empties.pr], [null, null]);
  assertEquals(parseProjectSpec("NAME: a\nPARENT: \nSTATUS: WIP\n", "x.sase").specs[0].parent, "");
  const named = parseProjectSpec(
    "PROJECT_NAME: Widgets\n\nNAME: a\nSTATUS: WIP\n\n\nNAME: b\nSTATUS: WIP\n",
    "x.sase",
  );
  assertEquals(named.specs.map((s) => s.projectDisplayName), ["Widgets", "Widgets"]);
  assertEquals(
    parseProjectSpec("PROJECT_NAME: .hidden\nNAME: a\nSTATUS: WIP\n", "x.sase").specs[0]
      .projectDisplayName,
    null,
  );
  const refs = parseProjectSpec(
    "NAME: a\nSTATUS: WIP\nREFS:\n  research:202607/report.md\n  bead:sase-bb\n  not valid ref\n",
    "x.sase",
  );
  assertEquals(refs.specs[0].refs, ["research:202607/report.md", "bead:sase-bb", "not valid ref"]);
  for (
    const [header, starts] of [["##\tChangeSpec", true], ["##ChangeSpec", false], [
      "# ChangeSpec",
      false,
    ], ["## Patch", true]] as const
  ) {
    const file = parseProjectSpec(
      `NAME: a\nSTATUS: WIP\n${header}\nNAME: b\nSTATUS: WIP\n`,
      "x.sase",
    );
    assertEquals(file.specs[1].span.headerLine !== null, starts, header);
  }
  const legacy = parseProjectSpec(
    "NAME: a\nCL: http://cl/1\nSTATUS: WIP\nCOMMITTS:\n  (1) one\nSTITCHES:\n  (2) two\n",
    "x.sase",
  );
  assertEquals(legacy.specs[0].pr, "http://cl/1");
  assertEquals(legacy.specs[0].commits.map((c) => c.note), ["one", "two"]);
});

Deno.test("malformed lines become warnings with file:line while the rest loads", () => {
  const text =
    "NAME: a\nSTATUS: WIP\nthis is junk\n   stray indent\nHOOKS:\n  just test\n      | nonsense\n\n\nNAME: b\nSTATUS: Ready\n";
  const file = parseProjectSpec(text, "/p/x/x.sase");
  assertEquals(file.specs.map((s) => s.name), ["a", "b"]);
  assertEquals(file.warnings.map((w) => w.line), [3, 4, 7]);
  assert(file.warnings.every((w) => w.file === "/p/x/x.sase"));
  assertEquals(file.warnings[2].field, "HOOKS");
});

Deno.test("DELTAS parse and format (A4)", () => {
  const text =
    "NAME: a\nSTATUS: WIP\nDELTAS:\n  + path/with spaces/file name.py\n      | LINES: +2 ~3 -1\n  - gone.py\n      | LINES: binary\n   ~ ignored.py\n";
  const spec = parseProjectSpec(text, "x.sase").specs[0];
  assertEquals(spec.deltas, [
    {
      path: "path/with spaces/file name.py",
      changeType: "A",
      lines: { kind: "counts", added: 2, modified: 3, removed: 1 },
    },
    { path: "gone.py", changeType: "D", lines: { kind: "binary" } },
  ]);
  assertEquals(formatDeltas([]), []);
  assertEquals(
    formatDeltas([
      { path: "z/last.py", changeType: "D", lines: null },
      { path: "a/first.py", changeType: "M", lines: null },
      { path: "m/middle.py", changeType: "A", lines: null },
    ]),
    ["DELTAS:\n", "  ~ a/first.py\n", "  + m/middle.py\n", "  - z/last.py\n"],
  );
  assertEquals(
    formatDeltas([{
      path: "e.py",
      changeType: "M",
      lines: { kind: "counts", added: 0, modified: 0, removed: 0 },
    }])[2],
    "      | LINES: 0\n",
  );
});

Deno.test("COMMITS entries, bodies, drawers and proposals; timestamp variants", () => {
  const text = [
    "NAME: a",
    "STATUS: WIP",
    "COMMITTS:",
    "  (1) First commit note",
    "      | CHAT: ~/.sase/chats/mybranch-commit-260328_143052.md (2m15s)",
    "      | DIFF: ~/.sase/diffs/mybranch-260328_143052.diff",
    "      | PLAN: sdd/tales/202603/my_plan.md",
    "  (2) Second commit note",
    "      Multi-line body continues here.",
    "      .",
    "      Another paragraph.",
    "  (2a) Proposed alternative - (!: NEW PROPOSAL)",
    "      | DIFF: ~/.sase/diffs/x.diff",
    "TIMESTAMPS:",
    "  [260328_143052] COMMIT (1)",
    "  260328_143052 COMMIT (1)",
    "  [2026-03-28 14:30:52] COMMIT (1)",
    "  [260328_170100] RENAME old_name -> new_name",
    "",
  ].join("\n");
  const spec = parseProjectSpec(text, "x.sase").specs[0];
  assertEquals(spec.commits.map((c) => [c.number, c.proposalLetter, c.note]), [
    [1, null, "First commit note"],
    [2, null, "Second commit note"],
    [2, "a", "Proposed alternative"],
  ]);
  assertEquals(spec.commits[0].plan, "sdd/tales/202603/my_plan.md");
  assertEquals(spec.commits[1].body, ["Multi-line body continues here.", "", "Another paragraph."]);
  assertEquals([spec.commits[2].suffix, spec.commits[2].suffixType], ["NEW PROPOSAL", "error"]);
  assertEquals(spec.timestamps.map((t) => [t.eventType, t.detail]), [
    ["COMMIT", "(1)"],
    ["COMMIT", "(1)"],
    ["COMMIT", "(1)"],
    ["RENAME", "old_name -> new_name"],
  ]);
  assertEquals(formatChangeSpec(spec).includes("      .\n"), true);
});
