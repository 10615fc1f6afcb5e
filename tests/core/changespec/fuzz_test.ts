import { assert, assertEquals } from "../../_helpers/assert.ts";
import { ProjectSpecEditor } from "../../../core/changespec/edit.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { GOLDEN, GOLDEN_ARCHIVE } from "./_corpus.ts";
import { prng } from "../../_helpers/prng.ts";

/** Small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  return prng(seed).next;
}

const SOURCES = [Deno.readTextFileSync(GOLDEN), Deno.readTextFileSync(GOLDEN_ARCHIVE)];

function mutate(text: string, random: () => number): string {
  const lines = text.split("\n");
  const pick = () => Math.floor(random() * lines.length);
  const rounds = 1 + Math.floor(random() * 4);
  for (let r = 0; r < rounds; r++) {
    const i = pick();
    switch (Math.floor(random() * 7)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, lines[i] ?? "");
        break;
      case 2: {
        const line = lines[i] ?? "";
        const at = Math.floor(random() * (line.length + 1));
        lines[i] = line.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) +
          line.slice(at + 1);
        break;
      }
      case 3:
        lines[i] = " ".repeat(Math.floor(random() * 8)) + (lines[i] ?? "").trimStart();
        break;
      case 4: {
        let junk = "";
        for (let k = 0; k < 6; k++) junk += String.fromCharCode(Math.floor(random() * 256));
        lines[i] = (lines[i] ?? "") + junk + "\uFFFD\u0000";
        break;
      }
      case 5:
        lines.splice(
          i,
          0,
          [
            "NAME:",
            "STATUS:",
            "## ChangeSpec",
            "DELTAS:",
            "      | LINES: x",
            "  (",
            "\t",
          ][Math.floor(random() * 7)],
        );
        break;
      default:
        lines[i] = (lines[i] ?? "").replace(/: /, ":");
    }
  }
  return lines.join("\n");
}

Deno.test("fuzz: 5,000 mutated corpora never crash the parser or yield an unreadable rewrite", () => {
  const random = rng(20260101);
  for (let n = 0; n < 5000; n++) {
    const text = mutate(SOURCES[n % 2], random);
    const file = parseProjectSpec(text, "/fuzz/p/p.sase");
    assertEquals(new ProjectSpecEditor(text, "/fuzz/p/p.sase").text, text);
    for (const warning of file.warnings) {
      assert(warning.line >= 1 && warning.line <= text.split("\n").length + 1);
    }
    if (file.specs.length === 0) continue;
    const editor = new ProjectSpecEditor(text, "/fuzz/p/p.sase");
    const names = file.specs.map((s) => s.name);
    const unique = names.filter((name) => names.indexOf(name) === names.lastIndexOf(name));
    if (unique.length === 0) continue;
    const target = unique[Math.floor(random() * unique.length)];
    editor.setField(target, "STATUS", "Draft");
    editor.appendTimestamp(target, {
      timestamp: "260101_000000",
      eventType: "STATUS",
      detail: "x -> Draft",
    });
    editor.appendRef(target, "bead:fuzz");
    const reread = parseProjectSpec(editor.text, "/fuzz/p/p.sase");
    assertEquals(reread.specs.map((s) => s.name), names, `case ${n}`);
    const edited = reread.specs.find((s) => s.name === target)!;
    assertEquals(edited.status, "Draft", `case ${n}`);
    assert(edited.refs.includes("bead:fuzz"), `case ${n}`);
  }
});
