/**
 * `core/yaml/lib.ts` serves the YAML package's ES module build, and that
 * build answers as the package's CommonJS entry does.
 */

import * as entry from "yaml";
import { assert, assertEquals } from "../../_helpers/assert.ts";
import * as lib from "../../../core/yaml/lib.ts";

const TEXTS = [
  "a: 1\nb: [x, 'y', \"z\"]\nc: { d: null, e: true, f: 1.5 }\n",
  "- &anchor {k: v}\n- *anchor\n- ~\n- 0x1A\n- .inf\n- 2026-01-01\n",
  "key: |\n  block\n  text\nfolded: >\n  one\n  two\n",
  "tier: epic\ntitle: 'Quotes: inside'\nbead_id: 42\n",
];

Deno.test("yaml lib: the ES module build is the one in use", () => {
  // If an upgrade of the package moves its ES build, sase still works (the
  // package's entry is the fallback) but starts ~25 ms slower: notice it here.
  assert(lib.YAML_ESM_BUILD, "the yaml package's ES module build was not found");
});

Deno.test("yaml lib: parses, counts lines and stringifies as the package's entry does", () => {
  for (const text of TEXTS) {
    assertEquals(lib.parse(text), entry.parse(text), text);
    assertEquals(lib.stringify(lib.parse(text)), entry.stringify(entry.parse(text)), text);
    const counter = new lib.LineCounter();
    const doc = lib.parseDocument(text, { lineCounter: counter });
    assertEquals(doc.errors.length, 0);
    assert(lib.isMap(doc.contents) || lib.isSeq(doc.contents), text);
    assertEquals(counter.linePos(text.length - 1).line, text.split("\n").length - 1);
  }
  const bad = "a: [unclosed\n";
  assertEquals(
    lib.parseDocument(bad).errors.map((error) => error.code),
    entry.parseDocument(bad).errors.map((error) => error.code),
  );
});
