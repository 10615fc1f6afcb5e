import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { createPrsState, type PrsState } from "../../../../tui/ace/prs/context.ts";
import { prsKey, reducePrs } from "../../../../tui/ace/prs/controller.ts";
import type { AceEffect } from "../../../../tui/ace/effects.ts";
import { scenarioSpecs } from "../_specs.ts";

const NOW = new Date(2026, 2, 28, 15, 0, 0);

function names(state: PrsState): string[] {
  return state.rows.flatMap((row) => row.kind === "spec" ? [row.spec.name] : []);
}

/** Open the editor, type `text`, submit. */
function submit(state: PrsState, text: string) {
  const opened = prsKey(state, "/")!.state;
  const typed = reducePrs(opened, { type: "editorText", text }).state;
  return reducePrs(typed, { type: "editorSubmit" });
}

function kinds(effects: readonly AceEffect[]): string[] {
  return effects.map((effect) => effect.kind);
}

Deno.test("/ pre-fills the canonical query; a new query filters, records history and the last query", () => {
  const state = createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW });
  assertEquals(prsKey(state, "/")!.state.editor, {
    open: true,
    text: "project:my_project",
    error: null,
  });
  const wip = submit(state, "%w");
  assertEquals(names(wip.state), ["my_project_a_1", "other_x_1"]);
  assertEquals(wip.state.rows.filter((row) => row.kind === "banner").length, 2);
  assertEquals(wip.state.editor.open, false);
  assertEquals(wip.state.query, "status:WIP");
  assertEquals(wip.effects, [
    { kind: "writeQueryHistory", history: { prev: ["project:my_project"], next: [] } },
    { kind: "writeLastQuery", query: "status:WIP" },
  ]);
});

Deno.test("a query that does not parse keeps the editor open with the error inline", () => {
  const state = createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW });
  const bad = submit(state, "(%w");
  assertEquals(bad.state.editor.open, true);
  assertEquals(bad.state.editor.error, "Expected RPAREN, got EOF (at position 3)");
  assertEquals(bad.state.query, "project:my_project");
  assertEquals(bad.effects, []);
  const cancelled = reducePrs(bad.state, { type: "editorCancel" }).state;
  assertEquals(cancelled.editor.open, false);
  assertEquals(names(cancelled), names(state));
});

Deno.test("^ and _ walk the query history", () => {
  let state = createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW });
  state = submit(state, "%w").state;
  state = submit(state, "%d").state;
  assertEquals(names(state), ["my_project_b_1"]);
  const back = prsKey(state, "^")!;
  assertEquals(names(back.state), ["my_project_a_1", "other_x_1"]);
  assertEquals(kinds(back.effects), ["writeQueryHistory", "writeLastQuery"]);
  const forward = prsKey(back.state, "_")!;
  assertEquals(names(forward.state), ["my_project_b_1"]);
  assertEquals(prsKey(forward.state, "_")!.effects, [
    { kind: "toast", severity: "info", text: "No next query" },
  ]);
});

Deno.test("#3 +other saves slot 3 and applies it; 3 loads it later; #3 alone deletes it", () => {
  let state = createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW });
  const saved = submit(state, "#3 +other");
  assertEquals(saved.state.saved, { "3": "project:other" });
  assertEquals(saved.effects.slice(0, 2), [
    { kind: "saveQuerySlot", slot: "3", query: "project:other" },
    { kind: "toast", severity: "info", text: "Saved query 3: project:other" },
  ]);
  state = submit(saved.state, "%d").state;
  assertEquals(names(state), ["my_project_b_1"]);
  const loaded = prsKey(state, "3")!;
  assertEquals(names(loaded.state), ["other_x_1"]);
  const deleted = submit(loaded.state, "#3");
  assertEquals(deleted.state.saved, {});
  assertEquals(deleted.effects[0], { kind: "deleteQuerySlot", slot: "3" });
  assertEquals(prsKey(deleted.state, "3")!.effects, [
    { kind: "toast", severity: "warning", text: "No saved query in slot 3" },
  ]);
});

Deno.test("# <query> takes the next free slot (1-9, then 0) and moves a query saved elsewhere", () => {
  let state = createPrsState({
    specs: scenarioSpecs(),
    query: "+my_project",
    now: NOW,
    saved: { "1": "status:WIP", "2": "project:other" },
  });
  const next = submit(state, "# %d");
  assertEquals(next.state.saved, { "1": "status:WIP", "2": "project:other", "3": "status:DRAFT" });
  state = submit(next.state, "#7 +other").state;
  assertEquals(state.saved, { "1": "status:WIP", "3": "status:DRAFT", "7": "project:other" });
  const full = createPrsState({
    specs: scenarioSpecs(),
    query: "+my_project",
    now: NOW,
    saved: Object.fromEntries(
      ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"].map((s) => [s, `"q${s}"`]),
    ),
  });
  const refused = submit(full, "# %d");
  assertEquals(
    refused.state.editor.error,
    "all ten query slots are taken: name one, e.g. #3 <query>",
  );
  assertEquals(refused.effects, []);
  assertEquals(
    submit(full, "#x %d").state.editor.error,
    "'#x' is not a slot: use #0 to #9, or # for the next free one",
  );
});

Deno.test("z is a prefix: z t cycles TIMESTAMPS, z T toggles, an unknown fold key just ends the prefix", () => {
  const state = createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW });
  const pending = prsKey(state, "z")!.state;
  assertEquals(pending.pending, "z");
  const cycled = prsKey(pending, "t")!.state;
  assertEquals([cycled.pending, cycled.folds.timestamps], [null, "expanded"]);
  const toggled = prsKey(prsKey(cycled, "z")!.state, "T")!.state;
  assertEquals(toggled.folds.timestamps, "collapsed");
  const unknown = prsKey(prsKey(state, "z")!.state, "q")!.state;
  assertEquals([unknown.pending, unknown.folds], [null, state.folds]);
  assert(prsKey(state, "q") === null, "q is not a PRs key");
});
