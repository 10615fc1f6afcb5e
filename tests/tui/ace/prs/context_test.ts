import { assert, assertEquals } from "../../../_helpers/assert.ts";
import {
  collapseAll,
  createPrsState,
  cycleMode,
  expandAll,
  foldCollapse,
  foldExpand,
  moveCursor,
  type PrsState,
  selectedRow,
  selectedSpec,
  toggleHidden,
  withSpecs,
} from "../../../../tui/ace/prs/context.ts";
import { lineText } from "../../../../tui/ace/segments.ts";
import { PR_GROUPING_LABELS } from "../../../../tui/ace/prs/tree.ts";
import { projectSpecs, scenarioSpecs } from "../_specs.ts";

const NOW = new Date(2026, 2, 28, 15, 0, 0); // Sat Mar 28 2026, 15:00 local

function rowsText(state: PrsState): string[] {
  return state.rows.map((row) =>
    row.kind === "banner"
      ? `[${row.level}] ${row.label}${row.collapsed ? " +" : ""}`
      : row.spec.name
  );
}

Deno.test("a project query shows one banner and its three PRs; other projects are absent", () => {
  const state = createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW });
  assertEquals(state.mode, "BY_PROJECT");
  assertEquals(PR_GROUPING_LABELS[state.mode], "by project");
  assertEquals(rowsText(state), [
    "[0] my_project",
    "my_project_a_1",
    "my_project_b_1",
    "my_project_c_1",
  ]);
  assertEquals(state.cursor, 0);
  assertEquals(lineText(state.rows[0].line), "▾ my_project (3)");
});

Deno.test("o cycles BY_DATE (no TIMESTAMPS: Earlier / (no timestamp)) then BY_STATUS; O goes back", () => {
  let state = createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW });
  state = cycleMode(state, 1);
  assertEquals(state.mode, "BY_DATE");
  assertEquals(rowsText(state), [
    "[0] Earlier",
    "[1] (no timestamp)",
    "my_project_a_1",
    "my_project_b_1",
    "my_project_c_1",
  ]);
  state = cycleMode(state, 1);
  assertEquals(state.mode, "BY_STATUS");
  // Ready before WIP before Draft; the empty Mailed bucket is absent.
  assertEquals(rowsText(state), [
    "[0] Ready",
    "my_project_c_1",
    "[0] WIP",
    "my_project_a_1",
    "[0] Draft",
    "my_project_b_1",
  ]);
  assertEquals(cycleMode(state, -1).mode, "BY_DATE");
  assertEquals(cycleMode(state, 1).mode, "BY_PROJECT");
});

Deno.test("BY_DATE buckets by the latest TIMESTAMPS entry with windows, hours, days and weeks", () => {
  const stamped = (name: string, ...stamps: string[]) => ({
    name,
    status: "WIP",
    extra: `TIMESTAMPS:\n${stamps.map((s) => `  [${s}] STATUS WIP -> Draft`).join("\n")}`,
  });
  const specs = projectSpecs("p", [
    stamped("t_a", "260328_091500"), // today 09:15 (window 8AM-12PM)
    stamped("t_b", "260320_090000", "260328_094500"), // latest today 09:45
    stamped("t_c", "260328_101000"), // today 10:10
    stamped("t_d", "260328_130000"), // today 1PM window, alone
    stamped("y_a", "260327_230000"), // yesterday 8PM-12AM
    stamped("w_a", "260324_120000"), // Tue this week (week starts Mon Mar 23)
    stamped("e_a", "260317_120000"), // week Mar 16 - Mar 22
    { name: "none", status: "WIP" },
  ]);
  const state = cycleMode(createPrsState({ specs, query: "+p", now: NOW }), 1);
  assertEquals(rowsText(state), [
    "[0] Today",
    "[1] 12PM-4PM",
    "t_d",
    "[1] 8AM-12PM",
    "[2] 10:00",
    "t_c",
    "[2] 09:00",
    "t_b",
    "t_a",
    "[0] Yesterday",
    "[1] 8PM-12AM",
    "y_a",
    "[0] This Week",
    "[1] Tue Mar 24",
    "w_a",
    "[0] Earlier",
    "[1] Mar 16 - Mar 22",
    "e_a",
    "[1] (no timestamp)",
    "none",
  ]);
});

Deno.test("sibling roots share an L1 banner in BY_PROJECT and BY_STATUS; singletons get none", () => {
  const specs = projectSpecs("p", [
    { name: "foobar_1", status: "WIP" },
    { name: "solo_1", status: "WIP" },
    { name: "foobar_2", status: "WIP" },
  ]);
  const state = createPrsState({ specs, query: "+p", now: NOW });
  assertEquals(rowsText(state), ["[0] p", "[1] foobar", "foobar_1", "foobar_2", "solo_1"]);
  assertEquals(rowsText(cycleMode(cycleMode(state, 1), 1)), [
    "[0] WIP",
    "[1] foobar",
    "foobar_1",
    "foobar_2",
    "solo_1",
  ]);
});

Deno.test("j/k step over banners and PRs without rebuilding rows, clamped at both ends", () => {
  const state = createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW });
  const down = moveCursor(state, 1);
  assert(down.rows === state.rows, "a cursor move keeps the same rows");
  assertEquals(selectedSpec(down)?.name, "my_project_a_1");
  const end = moveCursor(moveCursor(moveCursor(down, 1), 1), 1);
  assertEquals(end.cursor, 3);
  assertEquals(moveCursor(state, -1), state);
});

Deno.test("H shows only banners with focus on the enclosing banner; l re-expands one level; L all", () => {
  let state = createPrsState({ specs: scenarioSpecs(), query: "%w", now: NOW });
  assertEquals(rowsText(state), ["[0] my_project", "my_project_a_1", "[0] other", "other_x_1"]);
  state = moveCursor(state, 3); // other_x_1
  state = collapseAll(state);
  assertEquals(rowsText(state), ["[0] my_project +", "[0] other +"]);
  assertEquals(selectedRow(state)?.id, "BY_PROJECT/other");
  assertEquals(moveCursor(state, -1).cursor, 0);
  state = foldExpand(state);
  assertEquals(rowsText(state), ["[0] my_project +", "[0] other", "other_x_1"]);
  assertEquals(selectedRow(state)?.id, "BY_PROJECT/other");
  state = expandAll(state);
  assertEquals(rowsText(state), ["[0] my_project", "my_project_a_1", "[0] other", "other_x_1"]);
});

Deno.test("l on an expanded row peels the shallowest collapsed layer, one level at a time", () => {
  const specs = projectSpecs("p", [
    { name: "foobar_1", status: "WIP" },
    { name: "foobar_2", status: "WIP" },
  ]);
  let state = collapseAll(createPrsState({ specs, query: "+p", now: NOW }));
  assertEquals(rowsText(state), ["[0] p +"]);
  state = foldExpand(state);
  assertEquals(rowsText(state), ["[0] p", "[1] foobar +"]);
  state = foldExpand(state); // focus is on the expanded L0 banner: peel the L1 layer
  assertEquals(rowsText(state), ["[0] p", "[1] foobar", "foobar_1", "foobar_2"]);
});

Deno.test("h on a PR collapses its innermost group; on a collapsed L1 banner it escalates", () => {
  const specs = projectSpecs("p", [
    { name: "foobar_1", status: "WIP" },
    { name: "foobar_2", status: "WIP" },
    { name: "solo_1", status: "WIP" },
  ]);
  let state = moveCursor(createPrsState({ specs, query: "+p", now: NOW }), 3); // foobar_2
  state = foldCollapse(state);
  assertEquals(rowsText(state), ["[0] p", "[1] foobar +", "solo_1"]);
  assertEquals(selectedRow(state)?.id, "BY_PROJECT/p/foobar");
  state = foldCollapse(state);
  assertEquals(rowsText(state), ["[0] p +"]);
  assertEquals(state.cursor, 0);
  assertEquals(foldCollapse(state), state, "a collapsed top banner has nothing above it");
});

Deno.test("each grouping mode keeps its own folds", () => {
  let state = collapseAll(
    createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW }),
  );
  state = cycleMode(state, 1);
  assert(state.rows.every((row) => row.kind !== "banner" || !row.collapsed));
  state = cycleMode(cycleMode(state, 1), 1);
  assertEquals(rowsText(state), ["[0] my_project +"]);
});

Deno.test("a refresh keeps the cursor on its PR, or on the same position when it is gone", () => {
  let state = moveCursor(
    createPrsState({ specs: scenarioSpecs(), query: "+my_project", now: NOW }),
    2,
  );
  assertEquals(selectedSpec(state)?.name, "my_project_b_1");
  const reordered = [...scenarioSpecs()].reverse();
  state = withSpecs(state, reordered, NOW);
  assertEquals(selectedSpec(state)?.name, "my_project_b_1");
  const without = scenarioSpecs().filter((spec) => spec.name !== "my_project_b_1");
  const after = withSpecs(state, without, NOW);
  // b sat at row 2; the rows are now [banner, a, c]: row 2 is c.
  assertEquals(state.cursor, 2);
  assertEquals(after.cursor, 2);
  assertEquals(selectedSpec(after)?.name, "my_project_c_1");
  assertEquals(withSpecs(after, [], NOW).cursor, -1);
});

Deno.test("Reverted specs are hidden until . shows them", () => {
  const specs = projectSpecs("p", [
    { name: "live_1", status: "WIP" },
    { name: "gone_1", status: "Reverted" },
  ]);
  const state = createPrsState({ specs, query: "+p", now: NOW });
  assertEquals(rowsText(state), ["[0] p", "live_1"]);
  assertEquals(rowsText(toggleHidden(state)), ["[0] p", "live_1", "gone_1"]);
});

Deno.test("rows carry mentor stats (accepted ✓, unread ●) and an error marker", () => {
  const specs = projectSpecs("p", [
    { name: "a_1", status: "Mailed" },
    { name: "b_1", status: "Ready", extra: "COMMITS:\n  (1) note - (!: NEW PROPOSAL)" },
  ]);
  const stats = new Map([["a_1", { accepted: 3, unread: 2 }], ["b_1", { accepted: 0, unread: 1 }]]);
  const state = createPrsState({ specs, query: "+p", now: NOW, mentorStats: stats });
  assertEquals(state.rows.slice(1).map((row) => lineText(row.line)), [
    "│ a_1  Mailed  ✓3 ●2",
    "│ b_1  Ready  !  ●1",
  ]);
  assertEquals(state.rows[1].line.find((s) => s.text === "Mailed")?.style, "status.mailed");
});
