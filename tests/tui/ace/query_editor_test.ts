import { assertEquals } from "../../_helpers/assert.ts";
import {
  CLOSED_EDITOR,
  parsePrsSubmission,
  reduceEditor,
  withError,
} from "../../../tui/ace/query_editor.ts";

Deno.test("PRs submissions: a query, #N save, # next free, #N delete, and the refused forms", () => {
  assertEquals(parsePrsSubmission("  %w  "), { kind: "query", query: "%w" });
  assertEquals(parsePrsSubmission("#3 +other"), { kind: "save", slot: "3", query: "+other" });
  assertEquals(parsePrsSubmission('# "myproject"'), {
    kind: "save",
    slot: null,
    query: '"myproject"',
  });
  assertEquals(parsePrsSubmission("#0\t%d"), { kind: "save", slot: "0", query: "%d" });
  assertEquals(parsePrsSubmission("#3"), { kind: "delete", slot: "3" });
  assertEquals(parsePrsSubmission("#3   "), { kind: "delete", slot: "3" });
  assertEquals(parsePrsSubmission("#"), { kind: "invalid", error: "'#' needs a query to save" });
  assertEquals(parsePrsSubmission("#a %w"), {
    kind: "invalid",
    error: "'#a' is not a slot: use #0 to #9, or # for the next free one",
  });
  assertEquals(parsePrsSubmission("#12 %w"), { kind: "query", query: "#12 %w" });
});

Deno.test("editor actions: open pre-fills, typing clears the error, cancel closes; errors are inert", () => {
  const open = reduceEditor(CLOSED_EDITOR, { type: "openEditor" }, "status:WIP");
  assertEquals(open, { open: true, text: "status:WIP", error: null });
  const failed = withError(open, "bad \x1b[31mquery");
  assertEquals(failed.error, "bad ^[[31mquery");
  assertEquals(reduceEditor(failed, { type: "editorText", text: "x" }, "")?.error, null);
  assertEquals(reduceEditor(failed, { type: "editorCancel" }, ""), CLOSED_EDITOR);
});
