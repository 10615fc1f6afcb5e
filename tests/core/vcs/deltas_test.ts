import { assertEquals } from "../../_helpers/assert.ts";
import { git, makeRepoWithOrigin } from "../../_helpers/git.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { computeDeltas, formatDeltasSection, semanticLineStats } from "../../../core/vcs/deltas.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { createVcsProviderRegistry } from "../../../providers/vcs/registry.ts";
import {
  parseNameStatusZ,
  parseNumstatZ,
  parseRawNumstatZ,
} from "../../../providers/vcs/git_parse.ts";
import { join } from "node:path";

Deno.test("DELTAS of a commit that adds, modifies, renames, deletes and adds a binary file, exactly as the handbook formats it", async () => {
  await using sb = await makeSandbox();
  const base = {
    "src/keep.py": "a\nb\nc\nd\n",
    "docs/old_name.md": "one\ntwo\nthree\n",
    "gone.txt": "x\ny\n",
    "moved_and_edited.txt": "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n",
  };
  const { work } = await makeRepoWithOrigin(sb.root, sb.env, base);
  await git(work, sb.env, "checkout", "-q", "-b", "my_cl");
  await Deno.writeTextFile(join(work, "src/keep.py"), "A\nB\nc\nnew1\nnew2\n");
  await Deno.mkdir(join(work, "docs/new"), { recursive: true });
  await git(work, sb.env, "mv", "docs/old_name.md", "docs/new/name.md"); // pure rename
  await git(work, sb.env, "mv", "moved_and_edited.txt", "z_moved.txt");
  await Deno.writeTextFile(join(work, "z_moved.txt"), "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nL10\n");
  await git(work, sb.env, "rm", "-q", "gone.txt");
  await Deno.writeTextFile(join(work, "added.py"), "print(1)\nprint(2)\nprint(3)\n");
  await Deno.writeFile(
    join(work, "logo.png"),
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0, 3]),
  );
  await git(work, sb.env, "add", "-A");
  await git(work, sb.env, "commit", "-qm", "feat: everything");

  const vcs = createVcsProviderRegistry().get("bare_git", sb.env);
  const parent = await vcs.defaultParentRevision(work);
  const deltas = computeDeltas(
    await vcs.diffNameStatus(work, parent, "HEAD"),
    await vcs.diffLineStats(work, parent, "HEAD"),
  );
  // One `git diff --raw --numstat` answers what `--name-status` and `--numstat` each say.
  const own = async (flag: string) =>
    await git(work, sb.env, "diff", flag, "-z", `${parent}...HEAD`);
  assertEquals(
    await vcs.diffNameStatus(work, parent, "HEAD"),
    parseNameStatusZ(await own("--name-status")),
  );
  assertEquals(
    await vcs.diffLineStats(work, parent, "HEAD"),
    parseNumstatZ(await own("--numstat")),
  );
  // keep.py: git counts +4 -3 (A, B, new1, new2 in; a, b, d out): 3 pairs are modified lines.
  // z_moved.txt: a rename with one line changed: +1 -1 is ~1 on the target; the source is "-".
  const expected = [
    "DELTAS:",
    "  + added.py",
    "      | LINES: +3",
    "  + docs/new/name.md",
    "      | LINES: 0",
    "  - docs/old_name.md",
    "  - gone.txt",
    "      | LINES: -2",
    "  + logo.png",
    "      | LINES: binary",
    "  - moved_and_edited.txt",
    "  ~ src/keep.py",
    "      | LINES: +1 ~3",
    "  + z_moved.txt",
    "      | LINES: ~1",
    "",
  ].join("\n");
  const section = formatDeltasSection(deltas);
  assertEquals(section, expected);

  // What we write reads back through the ChangeSpec parser unchanged.
  const spec = parseProjectSpec(
    `NAME: my_cl\nDESCRIPTION:\n  feat: everything\nSTATUS: WIP\n${section}`,
    join(sb.root, "proj.sase"),
  );
  assertEquals(spec.warnings, []);
  assertEquals(spec.specs[0].deltas, deltas);
  assertEquals(formatDeltasSection(spec.specs[0].deltas!), section);
});

Deno.test("DELTAS: no changes is no section; without line stats entries carry no LINES drawer", () => {
  assertEquals(formatDeltasSection(computeDeltas([], [])), "");
  assertEquals(
    formatDeltasSection(
      computeDeltas([{ status: "M", path: "b" }, { status: "A", path: "a" }], null),
    ),
    "DELTAS:\n  + a\n  ~ b\n",
  );
  // Typechange, unmerged and unknown statuses are modified; a copy adds its target only.
  assertEquals(
    computeDeltas(
      [
        { status: "T", path: "t" },
        { status: "U", path: "u" },
        { status: "X", path: "x" },
        { status: "C75", oldPath: "src", path: "copy" },
      ],
      null,
    ).map((d) => `${d.changeType} ${d.path}`),
    ["A copy", "M t", "M u", "M x"],
  );
});

Deno.test("DELTAS: paired additions and deletions become modified lines", () => {
  const stats = (added: number | null, removed: number | null) =>
    semanticLineStats({ path: "f", added, removed });
  assertEquals(stats(5, 3), { kind: "counts", added: 2, modified: 3, removed: 0 });
  assertEquals(stats(3, 5), { kind: "counts", added: 0, modified: 3, removed: 2 });
  assertEquals(stats(4, 4), { kind: "counts", added: 0, modified: 4, removed: 0 });
  assertEquals(stats(7, 0), { kind: "counts", added: 7, modified: 0, removed: 0 });
  assertEquals(stats(0, 0), { kind: "counts", added: 0, modified: 0, removed: 0 });
  assertEquals(stats(null, null), { kind: "binary" });
});

Deno.test("git -z parsers: renames carry both paths, binary counts are null, truncated records are dropped", () => {
  assertEquals(parseNameStatusZ("M\0a b.txt\0R090\0old\0new\0D\0tab\there\0A\0"), [
    { status: "M", path: "a b.txt" },
    { status: "R090", oldPath: "old", path: "new" },
    { status: "D", path: "tab\there" },
  ]);
  assertEquals(parseNameStatusZ(""), []);
  assertEquals(parseNumstatZ("3\t1\tsrc/a.ts\0-\t-\timg.png\x000\t0\t\0old\0new\0"), [
    { path: "src/a.ts", added: 3, removed: 1 },
    { path: "img.png", added: null, removed: null },
    { path: "new", added: 0, removed: 0 },
  ]);
  assertEquals(parseNumstatZ("1\t2\t\0only_old\0"), []);
});

Deno.test("git --raw --numstat -z parser: the raw records' statuses and paths, then the counts", () => {
  const raw = (status: string) => `:100644 100644 1111111 2222222 ${status}`;
  const out = [
    raw("M"),
    "a b.txt",
    raw("R090"),
    ":old",
    "new",
    raw("D"),
    "tab\there",
    "3\t1\ta b.txt",
    "0\t0\t",
    ":old",
    "new",
    "-\t-\ttab\there",
    "",
  ].join("\0");
  assertEquals(parseRawNumstatZ(out), {
    nameStatus: [
      { status: "M", path: "a b.txt" },
      // A path that starts with a colon is a path: it comes where a path is due.
      { status: "R090", oldPath: ":old", path: "new" },
      { status: "D", path: "tab\there" },
    ],
    lineStats: [
      { path: "a b.txt", added: 3, removed: 1 },
      { path: "new", added: 0, removed: 0 },
      { path: "tab\there", added: null, removed: null },
    ],
  });
  assertEquals(parseRawNumstatZ(""), { nameStatus: [], lineStats: [] });
  // A record cut short ends the answer: nothing after it is guessed at.
  assertEquals(parseRawNumstatZ(`${raw("R100")}\0only_old\0`), { nameStatus: [], lineStats: [] });
});
