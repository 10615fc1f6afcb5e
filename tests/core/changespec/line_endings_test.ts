/**
 * ProjectSpec edits keep a file's byte-order mark and line endings: untouched
 * lines keep their exact bytes, new lines end with `\r\n` in a CRLF file.
 * Expected bytes are written out literally.
 */
import { assert, assertEquals } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { ProjectSpecEditor } from "../../../core/changespec/edit.ts";
import { ChangeSpecStore } from "../../../core/changespec/store.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";

const BOM = "\uFEFF";
const crlf = (lines: string[]) => lines.map((line) => line + "\r\n").join("");

const ORIGINAL = [
  "WORKSPACE_DIR: ~/projects/git/p/",
  "",
  "NAME: p_first",
  "DESCRIPTION:",
  "  First change",
  "STATUS: WIP",
  "",
  "",
  "NAME: p_second",
  "DESCRIPTION: Second",
  "STATUS: Draft",
];

Deno.test("editor: a BOM + CRLF file keeps both; added and changed lines end with CRLF", () => {
  const editor = new ProjectSpecEditor(BOM + crlf(ORIGINAL), "/p/p/p.sase");
  assertEquals(editor.text, BOM + crlf(ORIGINAL), "no edit, same bytes");
  assertEquals(editor.parsed.specs.map((spec) => [spec.name, spec.status]), [
    ["p_first", "WIP"],
    ["p_second", "Draft"],
  ]);
  assertEquals(editor.parsed.header.workspaceDir, "~/projects/git/p/");
  editor.setField("p_first", "STATUS", "Ready");
  editor.setField("p_first", "PARENT", "base");
  editor.appendTimestamp("p_second", {
    timestamp: "260430_120000",
    eventType: "STATUS",
    detail: "Draft -> Ready",
  });
  editor.addRunningClaim({
    workspace: 3,
    pid: 42,
    workflow: "run",
    changespec: "p_first",
    timestamp: null,
    pinned: false,
  });
  assertEquals(
    editor.text,
    BOM + crlf([
      "WORKSPACE_DIR: ~/projects/git/p/",
      "RUNNING:",
      "  #3 | 42 | run | p_first",
      "",
      "NAME: p_first",
      "DESCRIPTION:",
      "  First change",
      "PARENT: base",
      "STATUS: Ready",
      "",
      "",
      "NAME: p_second",
      "DESCRIPTION: Second",
      "STATUS: Draft",
      "TIMESTAMPS:",
      "  [260430_120000] STATUS Draft -> Ready",
    ]),
  );
});

Deno.test("editor: a spec moved from a CRLF file into an LF file takes the LF endings", () => {
  const active = new ProjectSpecEditor(crlf(ORIGINAL), "/p/p/p.sase");
  const archive = new ProjectSpecEditor("NAME: old\nSTATUS: Submitted\n", "/p/p/p-archive.sase");
  archive.appendSpecText(active.removeSpec("p_second"));
  assertEquals(
    archive.text,
    "NAME: old\nSTATUS: Submitted\n\n\nNAME: p_second\nDESCRIPTION: Second\nSTATUS: Draft\n",
  );
  assertEquals(active.text, crlf(ORIGINAL.slice(0, 6)));
});

Deno.test("editor: mixed endings keep each line's own; new lines follow the majority", () => {
  // Two LF breaks and one CRLF break: new lines end with LF.
  const mixed = "NAME: a\r\nDESCRIPTION: x\nSTATUS: WIP\n";
  const editor = new ProjectSpecEditor(mixed, "/p/p/p.sase");
  editor.setField("a", "BUG", "b/1");
  assertEquals(editor.text, "NAME: a\r\nDESCRIPTION: x\nBUG: b/1\nSTATUS: WIP\n");
  // A file without a final line break keeps none; a line added after it gets the file's ending.
  const open = new ProjectSpecEditor("NAME: a\r\nSTATUS: WIP", "/p/p/p.sase");
  open.appendTimestamp("a", { timestamp: "260430_120000", eventType: "X", detail: "y" });
  assertEquals(open.text, "NAME: a\r\nSTATUS: WIP\r\nTIMESTAMPS:\r\n  [260430_120000] X y");
});

Deno.test("parser: a BOM does not hide the first line", () => {
  const file = parseProjectSpec(BOM + "NAME: a\r\nSTATUS: WIP\r\n", "/p/p/p.sase");
  assertEquals(file.specs.map((spec) => [spec.name, spec.status, spec.span.startLine]), [
    ["a", "WIP", 1],
  ]);
  assertEquals(file.warnings, []);
});

Deno.test("store: a real BOM + CRLF ProjectSpec is rewritten byte-exactly but for the edit", async () => {
  await using sb = await makeSandbox();
  const store = new ChangeSpecStore(join(sb.saseHome, "projects"));
  const ref = store.newProjectRef("p");
  await Deno.mkdir(ref.dir, { recursive: true });
  const encoder = new TextEncoder();
  await Deno.writeFile(ref.activePath, encoder.encode(BOM + crlf(ORIGINAL)));
  await store.mutate(ref, ({ active }) => active.setField("p_second", "STATUS", "Ready"));
  const bytes = await Deno.readFile(ref.activePath);
  const expected = encoder.encode(BOM + crlf([...ORIGINAL.slice(0, -1), "STATUS: Ready"]));
  assertEquals(bytes, expected);
  assertEquals([bytes[0], bytes[1], bytes[2]], [0xef, 0xbb, 0xbf], "the mark is still first");
  const snapshot = await store.snapshot(ref);
  assert(snapshot.active);
  assertEquals(snapshot.active.specs.map((spec) => spec.status), ["WIP", "Ready"]);
});
