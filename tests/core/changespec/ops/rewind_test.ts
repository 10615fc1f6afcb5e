import { assertEquals, assertRejects, assertThrows } from "../../../_helpers/assert.ts";
import { join } from "node:path";
import { SaseError } from "../../../../core/errors.ts";
import {
  remapCommentLines,
  remapHookLines,
  remapMentorLines,
  rewindCommitsBlock,
} from "../../../../core/changespec/ops/rewind_entries.ts";
import { rewindChangeSpec } from "../../../../core/changespec/ops/rewind.ts";
import { parseProjectSpec } from "../../../../core/changespec/parser.ts";
import { type OpsRepo, opsRepo, STAMP } from "./_repo.ts";

const COMMITS = [
  "COMMITS:",
  "  (1) first",
  "      | DIFF: ~/d1.diff",
  "  (1a) proposal of one - (!: NEW PROPOSAL)",
  "  (2) second - (!: some error)",
  "      body line",
  "      .",
  "      | DIFF: ~/d2.diff",
  "  (2a) earlier proposal",
  "  (3) third",
  "      | CHAT: ~/chat.md (1m2s)",
  "      | DIFF: ~/d3.diff",
  "  (3a) third's proposal",
  "  (4) fourth",
  "      | DIFF: ~/d4.diff",
];

Deno.test("rewind renumbering: earlier entries kept, (N) and the first undone entry flagged NEW PROPOSAL, later ones dropped", () => {
  const result = rewindCommitsBlock(COMMITS, 2);
  assertEquals(result.lines, [
    "COMMITS:",
    "  (1) first",
    "      | DIFF: ~/d1.diff",
    "  (1a) proposal of one - (!: NEW PROPOSAL)",
    // The earlier marker is replaced, body and drawers stay.
    "  (2) second - (!: NEW PROPOSAL)",
    "      body line",
    "      .",
    "      | DIFF: ~/d2.diff",
    "  (2a) earlier proposal",
    // (3) becomes the first letter (2)'s proposals leave free.
    "  (2b) third - (!: NEW PROPOSAL)",
    "      | CHAT: ~/chat.md (1m2s)",
    "      | DIFF: ~/d3.diff",
  ]);
  assertEquals(result.proposalId, "2b");
  assertEquals([...result.ids], [
    ["1", "1"],
    ["1a", "1a"],
    ["2", "2"],
    ["2a", "2a"],
    ["3", "2b"],
    ["3a", null],
    ["4", null],
  ]);
});

Deno.test("rewind renumbering: a gap after (N) takes the next landed entry; the spec changing under the lock is a conflict", () => {
  const gapped = ["COMMITS:", "  (1) one", "  (3) three", "  (4) four"];
  const result = rewindCommitsBlock(gapped, 1);
  assertEquals(result.lines, [
    "COMMITS:",
    "  (1) one - (!: NEW PROPOSAL)",
    "  (1a) three - (!: NEW PROPOSAL)",
  ]);
  const error = assertThrows(
    () => rewindCommitsBlock(gapped, 4),
    SaseError,
    "COMMITS has no entry (4) with a landed entry after it",
  );
  assertEquals((error as SaseError).kind, "conflict");
});

Deno.test("rewind renumbering: HOOKS status lines follow, those of removed entries go; entry references too", () => {
  const ids = rewindCommitsBlock(COMMITS, 2).ids;
  assertEquals(
    remapHookLines([
      "HOOKS:",
      "  just test",
      "      | (1) [260101_100000] PASSED (1s)",
      "      | (3) [260101_100000] FAILED (2s) - (!: Hook Command Failed)",
      "      | (4) [260101_100000] PASSED (1s)",
      "      | (3a) [260101_100000] PASSED (1s)",
      "  !$just lint",
      "      | (2) [260101_100000] PASSED (1s) - (3 | summary text)",
      "      | (2a) [260101_100000] PASSED (1s) - (3a)",
      "      | (9) [260101_100000] PASSED (1s)",
    ], ids),
    [
      "HOOKS:",
      "  just test",
      "      | (1) [260101_100000] PASSED (1s)",
      "      | (2b) [260101_100000] FAILED (2s) - (!: Hook Command Failed)",
      "  !$just lint",
      "      | (2) [260101_100000] PASSED (1s) - (2b | summary text)",
      "      | (2a) [260101_100000] PASSED (1s)",
      // An id COMMITS never had is left alone.
      "      | (9) [260101_100000] PASSED (1s)",
    ],
  );
});

Deno.test("rewind renumbering: MENTORS entries follow; removed and orphaned later entries go with their status lines; COMMENTS references", () => {
  const ids = rewindCommitsBlock(COMMITS, 2).ids;
  assertEquals(
    remapMentorLines(
      [
        "MENTORS:",
        "  (2) code[1/1]",
        "      | code:style - PASSED - (1m2s)",
        "  (3) code[1/1] #Draft",
        "      | code:style - COMMENTED - (3a)",
        "  (4) code[1/1]",
        "      | code:style - PASSED",
        "  (5) code[1/1]",
        "      | code:style - PASSED",
        "  (2a) code[1/1]",
        "      | code:style - PASSED",
      ],
      ids,
      2,
    ),
    [
      "MENTORS:",
      "  (2) code[1/1]",
      "      | code:style - PASSED - (1m2s)",
      "  (2b) code[1/1] #Draft",
      "      | code:style - COMMENTED",
      "  (2a) code[1/1]",
      "      | code:style - PASSED",
    ],
  );
  assertEquals(
    remapCommentLines([
      "COMMENTS:",
      "  [critique] ~/c1.json - (3a)",
      "  [critique] ~/c2.json - (2a)",
      "  [critique] ~/c3.json - (3)",
      "  [critique] ~/c4.json - (!: unresolved)",
    ], ids),
    [
      "COMMENTS:",
      "  [critique] ~/c1.json",
      "  [critique] ~/c2.json - (2a)",
      "  [critique] ~/c3.json - (2b)",
      "  [critique] ~/c4.json - (!: unresolved)",
    ],
  );
});

const SPEC = `NAME: foo
DESCRIPTION: Adds foo.
STATUS: WIP
COMMITS:
  (1) one
      | DIFF: ~/.sase/diffs/one.diff
  (2) two
      | DIFF: ~/.sase/diffs/two.diff
  (3) three
      | DIFF: ~/.sase/diffs/three.diff
HOOKS:
  just test
      | (3) [260101_100000] PASSED (1s)
TIMESTAMPS:
  [260101_100000] COMMIT (3)
`;
const BAR = `NAME: bar
DESCRIPTION: Untouched.
STATUS: WIP
`;

/** Branch foo with three commits, each saving its diff where its DIFF drawer says. */
async function threeCommits(): Promise<OpsRepo> {
  const repo = await opsRepo({ "f.txt": "a\n" });
  await repo.git("checkout", "-q", "-b", "foo");
  const diffs = join(repo.sb.home, ".sase", "diffs");
  await Deno.mkdir(diffs, { recursive: true });
  const steps: Array<[string, Record<string, string>]> = [
    ["one", { "f.txt": "a\nb\n" }],
    ["two", { "f.txt": "a\nb\nc\n", "g.txt": "g\n" }],
    ["three", { "f.txt": "a\nb\nc\nd\n" }],
  ];
  for (const [name, files] of steps) {
    for (const [file, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(repo.work, file), text);
    }
    await repo.git("add", "-A");
    await Deno.writeTextFile(join(diffs, `${name}.diff`), await repo.git("diff", "--cached"));
    await repo.git("commit", "-qm", name);
  }
  await repo.writeSpecs(`${SPEC}\n\n${BAR}`);
  return repo;
}

Deno.test("rewind to (1): later diffs undone newest first and committed as [rewind] (1); COMMITS renumbered; REWIND (1); DELTAS", async () => {
  await using repo = await threeCommits();
  const threeTip = (await repo.git("rev-parse", "HEAD")).trim();
  const asked: string[] = [];
  const result = await rewindChangeSpec(repo.app, {
    name: "foo",
    confirm: (summary) => void asked.push(summary),
  }, 1);
  assertEquals(asked, [
    "rewind 'foo' to (1): undo 2 later entries on foo with a new commit and renumber its COMMITS",
  ]);
  const diffs = join(repo.sb.home, ".sase", "diffs");
  assertEquals(result.undone, [join(diffs, "three.diff"), join(diffs, "two.diff")]);
  assertEquals(result.proposalId, "1a");
  assertEquals(result.removed, ["3"]);
  assertEquals(await Deno.readTextFile(join(repo.work, "f.txt")), "a\nb\n");
  assertEquals(await Deno.stat(join(repo.work, "g.txt")).catch(() => null), null);
  assertEquals(await repo.git("status", "--porcelain"), "");
  // A new commit on top: history is kept.
  assertEquals(await repo.git("log", "-1", "--format=%s"), "[rewind] (1)\n");
  assertEquals((await repo.git("rev-parse", "HEAD~1")).trim(), threeTip);
  assertEquals(
    await repo.activeText(),
    `NAME: foo
DESCRIPTION: Adds foo.
STATUS: WIP
COMMITS:
  (1) one - (!: NEW PROPOSAL)
      | DIFF: ~/.sase/diffs/one.diff
  (1a) two - (!: NEW PROPOSAL)
      | DIFF: ~/.sase/diffs/two.diff
HOOKS:
  just test
TIMESTAMPS:
  [260101_100000] COMMIT (3)
  [${STAMP}] REWIND (1)
DELTAS:
  ~ f.txt
      | LINES: +1
\n\n${BAR}`,
  );
  const parsed = parseProjectSpec(await repo.activeText(), repo.active);
  assertEquals(parsed.warnings, []);
  assertEquals(parsed.specs[0].commits.map((c) => [c.number, c.proposalLetter, c.suffix]), [
    [1, null, "NEW PROPOSAL"],
    [1, "a", "NEW PROPOSAL"],
  ]);
});

Deno.test("rewind refuses before changing anything: missing entry, the last entry, no DIFF drawer, a gone diff, a dirty tree, a declined confirmation", async () => {
  await using repo = await threeCommits();
  const before = await repo.activeText();
  const tip = (await repo.git("rev-parse", "HEAD")).trim();
  const refused = async (entry: number, message: string, kind: string, confirm?: () => void) => {
    const error = await assertRejects(
      () => rewindChangeSpec(repo.app, { name: "foo", confirm }, entry),
      SaseError,
      message,
    );
    assertEquals((error as SaseError).kind, kind);
    assertEquals(await repo.activeText(), before);
    assertEquals((await repo.git("rev-parse", "HEAD")).trim(), tip);
  };
  await refused(
    5,
    "'foo' has no COMMITS entry (5) to rewind to (entries: (1), (2), (3))",
    "not-found",
  );
  await refused(
    3,
    "(3) is the last COMMITS entry of 'foo'; there is nothing to rewind",
    "conflict",
  );
  await refused(0, "'foo' has no COMMITS entry (0)", "not-found");
  await Deno.remove(join(repo.sb.home, ".sase", "diffs", "two.diff"));
  await refused(
    1,
    `the saved diff of COMMITS entry (2) of 'foo' is gone: ${
      join(repo.sb.home, ".sase", "diffs", "two.diff")
    }`,
    "not-found",
  );
  // Every entry to undo needs its saved diff.
  await repo.writeSpecs(before.replace("      | DIFF: ~/.sase/diffs/three.diff\n", ""));
  const withoutDrawer = await repo.activeText();
  const error = await assertRejects(
    () => rewindChangeSpec(repo.app, { name: "foo" }, 2),
    SaseError,
    "COMMITS entry (3) of 'foo' has no DIFF drawer; it cannot be undone",
  );
  assertEquals((error as SaseError).kind, "not-found");
  assertEquals(await repo.activeText(), withoutDrawer);
  await repo.writeSpecs(before);
  await Deno.writeTextFile(join(repo.sb.home, ".sase", "diffs", "two.diff"), "restored\n");
  await Deno.writeTextFile(join(repo.work, "f.txt"), "dirty\n");
  await refused(2, "refusing to rewind over them", "conflict");
  assertEquals(await Deno.readTextFile(join(repo.work, "f.txt")), "dirty\n");
  await repo.git("checkout", "--", "f.txt");
  await refused(2, "declined", "failed", () => {
    throw new SaseError("aborted", "declined", { kind: "failed" });
  });
});
