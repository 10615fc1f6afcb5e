import { assertEquals } from "../../../_helpers/assert.ts";
import { changeSpecDetail, deltaSummary } from "../../../../tui/ace/prs/detail.ts";
import {
  applyFoldKey,
  DEFAULT_FOLDS,
  type DetailFolds,
} from "../../../../tui/ace/prs/detail_folds.ts";
import { RelationIndex, relationLines } from "../../../../tui/ace/prs/relations.ts";
import { lineText } from "../../../../tui/ace/segments.ts";
import { projectSpecs } from "../_specs.ts";

const SECTIONS = `COMMITS:
  (1) First commit note
      Body line one
      Body line two
      | CHAT: ~/.sase/chats/a.md (2m15s)
      | DIFF: ~/.sase/diffs/a.diff
  (1a) Proposed alternative - (!: NEW PROPOSAL)
      | DIFF: ~/.sase/diffs/b.diff
  (2) Second note
      | DIFF: ~/.sase/diffs/c.diff
HOOKS:
  just test
      | (1) [260328_143000] FAILED (12s) - (!: Hook Command Failed)
      | (2) [260328_150000] PASSED (10s)
TIMESTAMPS:
  [260328_143052] COMMIT (1)
  [260328_151203] STATUS WIP -> Draft
  [260328_150000] SYNC Synced with remote
DELTAS:
  + src/new.py
      | LINES: +428
  ~ src/a.py
      | LINES: +91 ~37 -14
  - src/old.py
      | LINES: -22
  ~ assets/logo.png
      | LINES: binary
  ~ src/renamed.py
      | LINES: 0
`;

function spec() {
  return projectSpecs("p", [{ name: "feat_1", status: "Draft", extra: SECTIONS }])[0];
}

function text(folds: DetailFolds): string[] {
  return changeSpecDetail(spec(), folds).map(lineText);
}

Deno.test("collapsed sections: latest drawers, proposals and bodies folded, newest timestamp", () => {
  assertEquals(text(DEFAULT_FOLDS), [
    "NAME: feat_1",
    "DESCRIPTION: About feat_1",
    "STATUS: Draft",
    "COMMITS:",
    "  (1) First commit note [folded: CHAT + DIFF + 1 proposal]",
    "      [+2 lines]",
    "  (2) Second note",
    "      | DIFF: ~/.sase/diffs/c.diff",
    "HOOKS:",
    "  just test [folded: 1]",
    "      | (2) [260328_150000] PASSED (10s)",
    "TIMESTAMPS: [folded: 3]",
    "  [260328_151203] STATUS WIP -> Draft",
    "DELTAS: +1 (+428) ~3 (+91 ~37 -14) -1 (-22) (5 files)",
  ]);
});

Deno.test("z t cycles TIMESTAMPS to all entries; z d unfolds DELTAS alphabetically with tokens", () => {
  const folds = applyFoldKey(applyFoldKey(DEFAULT_FOLDS, "t")!, "d")!;
  const lines = text(folds);
  const at = lines.indexOf("TIMESTAMPS:");
  assertEquals(lines.slice(at), [
    "TIMESTAMPS:",
    "  [260328_143052] COMMIT (1)",
    "  [260328_151203] STATUS WIP -> Draft",
    "  [260328_150000] SYNC Synced with remote",
    "DELTAS:",
    "  ~ assets/logo.png  binary",
    "  ~ src/a.py  +91 ~37 -14",
    "  + src/new.py  +428",
    "  - src/old.py  -22",
    "  ~ src/renamed.py  0 lines",
  ]);
});

Deno.test("expanded COMMITS shows bodies, every drawer and open proposals; full adds rejected ones", () => {
  const rejected = SECTIONS.replace("(!: NEW PROPOSAL)", "(~!: REJECTED)");
  const withRejected = projectSpecs("p", [{ name: "feat_1", status: "Draft", extra: rejected }])[0];
  const expanded = { ...DEFAULT_FOLDS, commits: "expanded" as const };
  const commits = (s = spec(), folds: DetailFolds = expanded) => {
    const lines = changeSpecDetail(s, folds).map(lineText);
    return lines.slice(lines.indexOf("COMMITS:"), lines.indexOf("HOOKS:"));
  };
  assertEquals(commits(), [
    "COMMITS:",
    "  (1) First commit note",
    "      Body line one",
    "      Body line two",
    "      | CHAT: ~/.sase/chats/a.md (2m15s)",
    "      | DIFF: ~/.sase/diffs/a.diff",
    "  (1a) Proposed alternative - (!: NEW PROPOSAL)",
    "      | DIFF: ~/.sase/diffs/b.diff",
    "  (2) Second note",
    "      | DIFF: ~/.sase/diffs/c.diff",
  ]);
  assertEquals(withRejected.commits[1].suffixType, "rejected_proposal");
  assertEquals(commits(withRejected).some((line) => line.includes("(1a)")), false);
  assertEquals(
    commits(withRejected, { ...DEFAULT_FOLDS, commits: "full" }).some((l) => l.includes("(1a)")),
    true,
  );
});

Deno.test("fold keys: lower case cycles three levels, upper case skips Expanded, z Z toggles all", () => {
  let folds = DEFAULT_FOLDS;
  const seen = [];
  for (let i = 0; i < 3; i++) {
    folds = applyFoldKey(folds, "c")!;
    seen.push(folds.commits);
  }
  assertEquals(seen, ["expanded", "full", "collapsed"]);
  assertEquals(applyFoldKey(DEFAULT_FOLDS, "C")!.commits, "full");
  assertEquals(applyFoldKey({ ...DEFAULT_FOLDS, commits: "expanded" }, "C")!.commits, "collapsed");
  assertEquals(applyFoldKey(DEFAULT_FOLDS, "D")!.deltasUnfolded, true);
  const all = applyFoldKey(DEFAULT_FOLDS, "Z")!;
  assertEquals(all, {
    commits: "full",
    hooks: "full",
    mentors: "full",
    timestamps: "full",
    deltasUnfolded: true,
  });
  assertEquals(applyFoldKey(all, "Z"), DEFAULT_FOLDS);
  assertEquals(applyFoldKey(DEFAULT_FOLDS, "q"), null);
});

Deno.test("no DELTAS section means no DELTAS line; a summary omits empty change kinds", () => {
  const bare = projectSpecs("p", [{ name: "x_1", status: "WIP" }])[0];
  assertEquals(
    changeSpecDetail(bare, DEFAULT_FOLDS).map(lineText).some((l) => l.startsWith("DELTAS")),
    false,
  );
  assertEquals(
    deltaSummary([{ path: "a", changeType: "A", lines: null }]).map((s) => s.text).join(""),
    "+1 (1 file)",
  );
});

Deno.test("text written by agents is neutralised in the detail", () => {
  const hostile = projectSpecs("p", [{
    name: "x_1",
    status: "WIP",
    description: "evil \x1b]52;c;AAAA\x07 title",
  }])[0];
  const line = changeSpecDetail(hostile, DEFAULT_FOLDS).map(lineText)[1];
  assertEquals(line, "DESCRIPTION: evil ^[]52;c;AAAA^G title");
});

Deno.test("ancestors follow PARENT nearest first (cycle-safe); children name the spec as PARENT", () => {
  const specs = projectSpecs("p", [
    { name: "base_1", status: "Submitted", parent: "ghost_1" },
    { name: "mid_1", status: "Mailed", parent: "base_1" },
    { name: "top_1", status: "WIP", parent: "mid_1" },
    { name: "side_1", status: "Draft", parent: "mid_1" },
    { name: "loop_a", status: "WIP", parent: "loop_b" },
    { name: "loop_b", status: "WIP", parent: "loop_a" },
  ]);
  const index = new RelationIndex(specs);
  const mid = index.relations(specs[1]);
  assertEquals(mid.ancestors, [{ name: "base_1", status: "Submitted" }, {
    name: "ghost_1",
    status: null,
  }]);
  assertEquals(mid.children.map((c) => c.name), ["top_1", "side_1"]);
  assertEquals(index.relations(specs[4]).ancestors.map((a) => a.name), ["loop_b"]);
  assertEquals(relationLines(mid).map(lineText), [
    "ANCESTORS:",
    "  ↑ base_1  Submitted",
    "  ↑ ghost_1  (unknown)",
    "CHILDREN:",
    "  ↓ top_1  WIP",
    "  ↓ side_1  Draft",
  ]);
});
