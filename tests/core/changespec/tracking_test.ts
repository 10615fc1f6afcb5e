import { assertEquals, assertRejects, assertThrows } from "../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { ChangeSpecStore } from "../../../core/changespec/store.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import {
  appendCommitEntry,
  recordTimestampEvent,
  replaceDeltas,
} from "../../../core/changespec/tracking.ts";
import {
  chatDrawerValue,
  type CommitEntryDraft,
  formatEntryDuration,
  nextProposalId,
  splitCommitMessage,
} from "../../../core/changespec/commit_entry.ts";
import { SaseError } from "../../../core/errors.ts";
import type { CommitEntry } from "../../../core/changespec/types.ts";
import { GOLDEN, GOLDEN_ARCHIVE } from "./_corpus.ts";

const golden = Deno.readTextFileSync(GOLDEN);
const goldenArchive = Deno.readTextFileSync(GOLDEN_ARCHIVE);
/** 2026-01-02 03:04:05 local time: `260102_030405`. */
const NOW = new Date(2026, 0, 2, 3, 4, 5);

interface Project {
  sandbox: Sandbox;
  store: ChangeSpecStore;
  active: string;
  archive: string;
}

async function goldenProject(): Promise<Project> {
  const sandbox = await makeSandbox();
  const projects = `${sandbox.saseHome}/projects`;
  const active = await sandbox.write("home/.sase/projects/myproj/myproj.sase", golden);
  const archive = await sandbox.write(
    "home/.sase/projects/myproj/myproj-archive.sase",
    goldenArchive,
  );
  return { sandbox, store: new ChangeSpecStore(projects), active, archive };
}

/** Insert `lines` (each with its newline) right after the first line equal to `after`. */
function insertAfter(text: string, after: string, lines: string[]): string {
  const marker = `${after}\n`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`anchor not found: ${after}`);
  const end = at + marker.length;
  return text.slice(0, end) + lines.map((line) => `${line}\n`).join("") + text.slice(end);
}

function noWarnings(path: string): void {
  const text = Deno.readTextFileSync(path);
  assertEquals(parseProjectSpec(text, path).warnings, []);
}

const DRAFT: CommitEntryDraft = {
  note: "feat: x",
  body: [],
  chat: null,
  diff: null,
  plan: null,
};

Deno.test("commit entry on a spec with COMMITS: (2) after the last drawer, COMMIT (2) event, nothing else moves", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  const result = await appendCommitEntry(p.store, {
    target: { name: "alpha" },
    kind: "commit",
    draft: {
      note: "feat: x",
      body: ["First paragraph.", "", "Second."],
      chat: "~/.sase/chats/alpha-commit-260102_030000.md (4m5s)",
      diff: "~/.sase/diffs/202601/alpha-260102_030405.diff",
      plan: "sdd/tales/202601/x.md",
    },
    now: NOW,
  });
  assertEquals(result, {
    entryId: "2",
    project: "myproj",
    projectFile: p.active,
    written: true,
  });
  let expected = insertAfter(golden, "      | DIFF: ~/.sase/diffs/alpha.diff", [
    "  (2) feat: x",
    "      First paragraph.",
    "      .",
    "      Second.",
    "      | CHAT: ~/.sase/chats/alpha-commit-260102_030000.md (4m5s)",
    "      | DIFF: ~/.sase/diffs/202601/alpha-260102_030405.diff",
    "      | PLAN: sdd/tales/202601/x.md",
  ]);
  expected = insertAfter(expected, "  260101_120000 STATUS WIP -> Submitted", [
    "  [260102_030405] COMMIT (2)",
  ]);
  assertEquals(Deno.readTextFileSync(p.active), expected);
  assertEquals(Deno.readTextFileSync(p.archive), goldenArchive);
  noWarnings(p.active);
  const alpha = parseProjectSpec(expected, p.active).specs[0];
  assertEquals(alpha.commits[1], {
    number: 2,
    proposalLetter: null,
    note: "feat: x",
    body: ["First paragraph.", "", "Second."],
    chat: "~/.sase/chats/alpha-commit-260102_030000.md (4m5s)",
    diff: "~/.sase/diffs/202601/alpha-260102_030405.diff",
    plan: "sdd/tales/202601/x.md",
    suffix: null,
    suffixType: null,
  });
});

Deno.test("commit entry on a spec without COMMITS/TIMESTAMPS: both sections appear after STATUS", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  const result = await appendCommitEntry(p.store, {
    target: { name: "beta", project: "myproj" },
    kind: "commit",
    draft: DRAFT,
    now: NOW,
  });
  assertEquals(result.entryId, "1");
  const expected = golden.replace(
    "NAME: beta\nDESCRIPTION: Sibling feature.\nPARENT: alpha\nPR:\nSTATUS: WIP\n",
    "NAME: beta\nDESCRIPTION: Sibling feature.\nPARENT: alpha\nPR:\nSTATUS: WIP\n" +
      "COMMITS:\n  (1) feat: x\nTIMESTAMPS:\n  [260102_030405] COMMIT (1)\n",
  );
  assertEquals(Deno.readTextFileSync(p.active), expected);
  noWarnings(p.active);
});

Deno.test("proposals: (Na) after the last landed commit, next letter each time, (0a) before any commit", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  const draft = { ...DRAFT, note: "try y", diff: "~/.sase/diffs/alpha-1.diff" };
  const first = await appendCommitEntry(p.store, {
    target: { name: "alpha" },
    kind: "proposal",
    draft,
    now: NOW,
  });
  const second = await appendCommitEntry(p.store, {
    target: { name: "alpha" },
    kind: "proposal",
    draft: { ...draft, diff: null },
    now: NOW,
  });
  const onBeta = await appendCommitEntry(p.store, {
    target: { name: "beta" },
    kind: "proposal",
    draft: DRAFT,
    now: NOW,
  });
  assertEquals([first.entryId, second.entryId, onBeta.entryId], ["1a", "1b", "0a"]);
  let expected = insertAfter(golden, "      | DIFF: ~/.sase/diffs/alpha.diff", [
    "  (1a) try y - (!: NEW PROPOSAL)",
    "      | DIFF: ~/.sase/diffs/alpha-1.diff",
    "  (1b) try y - (!: NEW PROPOSAL)",
  ]);
  expected = insertAfter(expected, "  260101_120000 STATUS WIP -> Submitted", [
    "  [260102_030405] COMMIT (1a)",
    "  [260102_030405] COMMIT (1b)",
  ]);
  expected = insertAfter(expected, "STATUS: WIP", [
    "COMMITS:",
    "  (0a) feat: x - (!: NEW PROPOSAL)",
    "TIMESTAMPS:",
    "  [260102_030405] COMMIT (0a)",
  ]);
  assertEquals(Deno.readTextFileSync(p.active), expected);
  noWarnings(p.active);
  const alpha = parseProjectSpec(expected, p.active).specs[0];
  assertEquals(
    alpha.commits.map((c) => [c.number, c.proposalLetter, c.note, c.suffix, c.suffixType]),
    [
      [1, null, "[run] Initial Commit", null, null],
      [1, "a", "try y", "NEW PROPOSAL", "error"],
      [1, "b", "try y", "NEW PROPOSAL", "error"],
    ],
  );
  // A landed commit after proposals takes the next number, not a letter.
  const third = await appendCommitEntry(p.store, {
    target: { name: "alpha" },
    kind: "commit",
    draft: DRAFT,
    now: NOW,
  });
  assertEquals(third.entryId, "2");
});

Deno.test("resume: an entry id already present is reported, not written again", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  const first = await appendCommitEntry(p.store, {
    target: { name: "alpha" },
    kind: "commit",
    draft: DRAFT,
    now: NOW,
  });
  const after = Deno.readTextFileSync(p.active);
  const again = await appendCommitEntry(p.store, {
    target: { name: "alpha" },
    kind: "commit",
    draft: DRAFT,
    expectedEntryId: first.entryId,
    now: NOW,
  });
  assertEquals(again, { ...first, written: false });
  assertEquals(Deno.readTextFileSync(p.active), after);
  // An expected id that is not there yet is written under the next free id.
  const missing = await appendCommitEntry(p.store, {
    target: { name: "alpha" },
    kind: "commit",
    draft: DRAFT,
    expectedEntryId: "7",
    now: NOW,
  });
  assertEquals([missing.entryId, missing.written], ["3", true]);
});

Deno.test("entries in the archive file and through SASE_AGENT_PROJECT_FILE's path", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  await appendCommitEntry(p.store, {
    target: { name: "archived_one", projectFile: p.active },
    kind: "commit",
    draft: DRAFT,
    now: NOW,
  });
  const expected = insertAfter(
    goldenArchive,
    "      | CHAT: ~/.sase/chats/archived_one.md (0s)",
    ["  (2) feat: x", "TIMESTAMPS:", "  [260102_030405] COMMIT (2)"],
  );
  assertEquals(Deno.readTextFileSync(p.archive), expected);
  assertEquals(Deno.readTextFileSync(p.active), golden);
  noWarnings(p.archive);
  await assertRejects(
    () =>
      appendCommitEntry(p.store, {
        target: { name: "nope", projectFile: p.active },
        kind: "commit",
        draft: DRAFT,
      }),
    SaseError,
    `no ChangeSpec named 'nope' in ${p.active}`,
  );
  assertEquals(Deno.readTextFileSync(p.active), golden);
});

Deno.test("CRLF files get CRLF entry lines; a byte-order mark stays", async () => {
  await using sandbox = await makeSandbox();
  const text = "\uFEFFNAME: a\r\nDESCRIPTION: d\r\nSTATUS: WIP\r\nCOMMITS:\r\n  (1) one\r\n";
  const path = await sandbox.write("home/.sase/projects/p/p.sase", text);
  const store = new ChangeSpecStore(`${sandbox.saseHome}/projects`);
  await appendCommitEntry(store, { target: { name: "a" }, kind: "commit", draft: DRAFT, now: NOW });
  assertEquals(
    Deno.readTextFileSync(path),
    "\uFEFFNAME: a\r\nDESCRIPTION: d\r\nSTATUS: WIP\r\nCOMMITS:\r\n  (1) one\r\n  (2) feat: x\r\n" +
      "TIMESTAMPS:\r\n  [260102_030405] COMMIT (2)\r\n",
  );
});

Deno.test("TIMESTAMPS events: each type's detail as chapter 8 writes it", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  const target = { name: "gamma" };
  await recordTimestampEvent(p.store, target, { type: "COMMIT", entryId: "3" }, NOW);
  await recordTimestampEvent(p.store, target, { type: "STATUS", from: "WIP", to: "Draft" }, NOW);
  await recordTimestampEvent(p.store, target, { type: "SYNC", detail: "Synced\nwith remote" }, NOW);
  await recordTimestampEvent(p.store, target, { type: "REWORD", detail: 'tag "BUG"' }, NOW);
  await recordTimestampEvent(p.store, target, { type: "REWIND", entryId: "2" }, NOW);
  await recordTimestampEvent(p.store, target, { type: "RENAME", from: "old", to: "gamma" }, NOW);
  await recordTimestampEvent(p.store, target, { type: "REBASE", from: null, to: "alpha" }, NOW);
  await recordTimestampEvent(p.store, target, { type: "REBASE", from: "alpha", to: null }, NOW);
  const expected = golden + [
    "TIMESTAMPS:",
    "  [260102_030405] COMMIT (3)",
    "  [260102_030405] STATUS WIP -> Draft",
    "  [260102_030405] SYNC Synced with remote",
    '  [260102_030405] REWORD tag "BUG"',
    "  [260102_030405] REWIND (2)",
    "  [260102_030405] RENAME old -> gamma",
    "  [260102_030405] REBASE root -> alpha",
    "  [260102_030405] REBASE alpha -> root",
  ].map((line) => `${line}\n`).join("");
  assertEquals(Deno.readTextFileSync(p.active), expected);
  noWarnings(p.active);
  const gamma = parseProjectSpec(expected, p.active).specs[3];
  assertEquals(gamma.timestamps.map((t) => t.eventType), [
    "COMMIT",
    "STATUS",
    "SYNC",
    "REWORD",
    "REWIND",
    "RENAME",
    "REBASE",
    "REBASE",
  ]);
});

Deno.test("DELTAS: replaced in place, inserted where missing, removed when empty", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  await replaceDeltas(p.store, { name: "alpha" }, [
    {
      path: "src/z.py",
      changeType: "D",
      lines: { kind: "counts", added: 0, modified: 0, removed: 4 },
    },
    { path: "img.png", changeType: "A", lines: { kind: "binary" } },
    {
      path: "src/alpha.py",
      changeType: "M",
      lines: { kind: "counts", added: 12, modified: 7, removed: 3 },
    },
  ]);
  const replaced = golden.replace(
    "DELTAS:\n  + src/alpha.py\n  ~ src/util.py\n",
    "DELTAS:\n  + img.png\n      | LINES: binary\n  ~ src/alpha.py\n      | LINES: +12 ~7 -3\n" +
      "  - src/z.py\n      | LINES: -4\n",
  );
  assertEquals(Deno.readTextFileSync(p.active), replaced);
  noWarnings(p.active);

  await replaceDeltas(p.store, { name: "beta" }, [
    { path: "b.txt", changeType: "A", lines: null },
  ]);
  const inserted = insertAfter(replaced, "STATUS: WIP", ["DELTAS:", "  + b.txt"]);
  assertEquals(Deno.readTextFileSync(p.active), inserted);

  await replaceDeltas(p.store, { name: "alpha" }, []);
  await replaceDeltas(p.store, { name: "beta" }, []);
  const removed = golden.replace("DELTAS:\n  + src/alpha.py\n  ~ src/util.py\n", "");
  assertEquals(Deno.readTextFileSync(p.active), removed);
  noWarnings(p.active);
  // Removing a section that is not there writes nothing.
  const before = Deno.statSync(p.active).mtime;
  await replaceDeltas(p.store, { name: "gamma" }, []);
  assertEquals(Deno.statSync(p.active).mtime, before);
});

Deno.test("splitCommitMessage: first line is the note, the text after the first blank line the body", () => {
  assertEquals(splitCommitMessage("feat: x"), { note: "feat: x", body: [] });
  assertEquals(splitCommitMessage("feat: x\nwrapped head\n\nbody 1\n\n  body 2  \n\n"), {
    note: "feat: x",
    body: ["body 1", "", "  body 2"],
  });
  assertEquals(splitCommitMessage("\n\nbody"), { note: "Manual changes", body: ["body"] });
  assertEquals(splitCommitMessage("a\r\n\r\nb\r\n"), { note: "a", body: ["b"] });
  assertEquals(splitCommitMessage("a\n\n   \n"), { note: "a", body: [] });
});

Deno.test("CHAT drawer duration from the chat file's timestamp", () => {
  const end = new Date(2026, 2, 28, 14, 33, 7);
  assertEquals(
    chatDrawerValue("~/.sase/chats/b-commit-260328_143052.md", end),
    "~/.sase/chats/b-commit-260328_143052.md (2m15s)",
  );
  assertEquals(
    chatDrawerValue("~/.sase/chats/b-260328_143307.md", end),
    "~/.sase/chats/b-260328_143307.md (0s)",
  );
  // A start after the end, or a name without a timestamp, gives the bare path.
  assertEquals(chatDrawerValue("/c/b-260328_143308.md", end), "/c/b-260328_143308.md");
  assertEquals(chatDrawerValue("/c/b.md", end), "/c/b.md");
  assertEquals(chatDrawerValue("/c/b-260328_143052.txt", end), "/c/b-260328_143052.txt");
  assertEquals(
    [formatEntryDuration(59), formatEntryDuration(60), formatEntryDuration(3723)],
    ["59s", "1m0s", "1h2m3s"],
  );
});

Deno.test("proposal letters run a-z, then the 27th proposal is refused", () => {
  const entry = (number: number, letter: string | null): CommitEntry => ({
    number,
    proposalLetter: letter,
    note: "n",
    body: [],
    chat: null,
    diff: null,
    plan: null,
    suffix: null,
    suffixType: null,
  });
  const letters = "abcdefghijklmnopqrstuvwxyz".split("");
  assertEquals(nextProposalId([entry(1, null), entry(1, "a"), entry(1, "c")]), "1b");
  // Letters of an older base do not count.
  assertEquals(nextProposalId([entry(1, null), entry(1, "a"), entry(2, null)]), "2a");
  const full = [entry(1, null), ...letters.map((l) => entry(1, l))];
  assertThrows(() => nextProposalId(full), SaseError, "commit entry (1) already has 26 proposals");
});
