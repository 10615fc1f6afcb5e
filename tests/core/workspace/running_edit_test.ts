import { assertEquals } from "../../_helpers/assert.ts";
import { ProjectSpecEditor } from "../../../core/changespec/edit.ts";
import { formatRunningClaim, parseRunningClaim } from "../../../core/changespec/header.ts";
import type { RunningClaim } from "../../../core/changespec/types.ts";

const CLAIM: RunningClaim = {
  workspace: 10,
  pid: 4242,
  workflow: "run",
  changespec: "agent_a",
  timestamp: "260509_121314",
  pinned: false,
};

Deno.test("RUNNING lines: format is the parser's inverse, with optional timestamp and PINNED", () => {
  // The handbook's shape (26.3): `#<WORKSPACE_NUM> | <PID> | <WORKFLOW> | <CHANGESPEC_NAME> |
  // <TIMESTAMP> | PINNED`, timestamp and PINNED optional; entries indented as in 26.1.
  assertEquals(formatRunningClaim(CLAIM), "  #10 | 4242 | run | agent_a | 260509_121314");
  assertEquals(
    formatRunningClaim({ ...CLAIM, pinned: true }),
    "  #10 | 4242 | run | agent_a | 260509_121314 | PINNED",
  );
  assertEquals(formatRunningClaim({ ...CLAIM, timestamp: null }), "  #10 | 4242 | run | agent_a");
  for (const claim of [CLAIM, { ...CLAIM, timestamp: null }, { ...CLAIM, pinned: true }]) {
    assertEquals(parseRunningClaim(formatRunningClaim(claim)), claim);
  }
});

const FILES: Record<string, string> = {
  "header and specs":
    "WORKSPACE_DIR: /w\nPROJECT_STATE: active\n\n\nNAME: a\nDESCRIPTION:\n  A\nSTATUS: WIP\n",
  "header only": "BARE_REPO_DIR: /b.git\nWORKSPACE_DIR: /w\n",
  "specs only": "NAME: a\nDESCRIPTION:\n  A\nSTATUS: WIP\n",
  "empty": "",
};

for (const [label, text] of Object.entries(FILES)) {
  Deno.test(`RUNNING add then release restores the exact bytes (${label})`, () => {
    const editor = new ProjectSpecEditor(text, "/p/p.sase");
    editor.addRunningClaim(CLAIM);
    editor.addRunningClaim({ ...CLAIM, workspace: 11, pid: 5 });
    assertEquals(editor.parsed.header.running.map((c) => c.workspace), [10, 11]);
    assertEquals(editor.parsed.warnings, []);
    assertEquals(editor.parsed.specs.length, text.includes("NAME:") ? 1 : 0);
    editor.updateRunningClaims((claim) => claim.workspace === 10 ? null : claim);
    assertEquals(editor.parsed.header.running.map((c) => c.pid), [5]);
    editor.updateRunningClaims(() => null);
    assertEquals(editor.text, text);
  });
}

Deno.test("RUNNING: the field goes after the header fields, new header fields before it", () => {
  const editor = new ProjectSpecEditor(FILES["header and specs"], "/p/p.sase");
  editor.addRunningClaim(CLAIM);
  editor.setHeaderField("PROJECT_ALIASES", "x");
  assertEquals(
    editor.text.split("\n").slice(0, 6),
    [
      "WORKSPACE_DIR: /w",
      "PROJECT_STATE: active",
      "PROJECT_ALIASES: x",
      "RUNNING:",
      "  #10 | 4242 | run | agent_a | 260509_121314",
      "",
    ],
  );
});

Deno.test("RUNNING rewrite keeps unparseable lines and unchanged lines byte for byte", () => {
  const text =
    "RUNNING:\n  #10 |  4242 | run | a\n  garbage line\n  #11 | 7 | run | b\n\n\nNAME: a\nSTATUS: WIP\n";
  const editor = new ProjectSpecEditor(text, "/p/p.sase");
  editor.updateRunningClaims((claim) => claim.workspace === 11 ? { ...claim, pid: 8 } : claim);
  assertEquals(
    editor.text,
    text.replace("  #11 | 7 | run | b", "  #11 | 8 | run | b"),
  );
});
