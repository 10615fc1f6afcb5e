/**
 * The PRs tab of the real `sase ace` in tmux (reading guide §9 scenarios
 * 1-5): default tab and query fallback, grouping modes, j/k over banners
 * with the detail panel, folding, the status shorthand filter with query
 * history, saved query slots and the persisted last query.
 */

import { readSavedQueries } from "../../../../core/query/persist/saved_queries.ts";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { needing } from "../../../_helpers/tools.ts";
import { body, shows, startAce, TMUX, writeGuideFixture, writeProject } from "./_ace_tmux.ts";

const ignore = !TMUX;

/** The list's part of a body row: left of the divider (the last `│`; guides come before it). */
function listPart(row: string): string {
  const divider = row.lastIndexOf("│");
  return divider === -1 ? row : row.slice(0, divider);
}

/** The PR rows (`my_project_a_1`-style names) of the list, in screen order. */
function prRows(screen: readonly string[]): string[] {
  return body(screen).flatMap((row) => {
    const list = listPart(row);
    const match = /\b((?:my_project|other)_[a-z]_1)\b/.exec(list);
    return match && !list.includes("▾") && !list.includes("▸") ? [match[1]] : [];
  });
}

/** The banner labels of the list, in screen order. */
function banners(screen: readonly string[]): string[] {
  return body(screen).flatMap((row) => {
    const match = /[▾▸] (.+?) \(\d+\)\s*$/.exec(listPart(row));
    return match ? [match[1].trim()] : [];
  });
}

Deno.test({
  name: needing(
    "ACE §9.1: Agents is the default tab; the PRs query falls back to !!!; Shift+Tab / Tab",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeGuideFixture(box);
    await using tmux = await startAce(box, ["-x"]);
    let screen = await tmux.waitFor((s) => shows(s, "PRs    Agents    AXE"), "the tab bar");
    assert(shows(screen, "sase ace"), "the top bar");
    screen = await tmux.waitFor((s) => s.at(-1)!.includes("STOPPED"), "axe STOPPED in the footer");
    assert(/0 Agents|Agents: \.\.\./.test(screen[2]), `the Agents header: ${screen[2]}`);
    // The bar's order is PRs, Agents, AXE: Shift+Tab from Agents is PRs (Tab would be AXE).
    await tmux.sendKeys("BTab");
    screen = await tmux.waitFor((s) => s[2].startsWith("!!!"), "the PRs tab with the !!! query");
    assert(screen[2].includes("0 PRs"), screen[2]);
    assertEquals(prRows(screen), []);
    await tmux.sendKeys("Tab");
    await tmux.waitFor(
      (s) => /Agents \[|0 Agents/.test(s[2]) || s[2].startsWith("Agents"),
      "Agents again",
    );
  },
});

Deno.test({
  name: needing(
    "ACE §9.2: +my_project by project, then o by date, o by status, O back",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeGuideFixture(box);
    await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+my_project"]);
    let screen = await tmux.waitFor(
      (s) => s[2].includes("[group: by project]") && prRows(s).length === 3,
      "3 PRs by project",
    );
    assertEquals(banners(screen)[0], "my_project");
    assertEquals(prRows(screen), ["my_project_a_1", "my_project_b_1", "my_project_c_1"]);
    assert(!shows(screen, "other_x_1"), "other_x_1 is not listed");
    await tmux.sendKeys("o");
    screen = await tmux.waitFor((s) => s[2].includes("[group: by date]"), "by date");
    assertEquals(banners(screen), ["Earlier", "(no timestamp)"]);
    assertEquals(prRows(screen).length, 3);
    await tmux.sendKeys("o");
    screen = await tmux.waitFor((s) => s[2].includes("[group: by status]"), "by status");
    assertEquals(banners(screen), ["Ready", "WIP", "Draft"]);
    await tmux.sendKeys("O");
    screen = await tmux.waitFor((s) => s[2].includes("[group: by date]"), "back to by date");
  },
});

Deno.test({
  name: needing(
    "ACE §9.3: L, j from the banner shows the PR's detail; H leaves banners; l expands",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeGuideFixture(box);
    await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+my_project"]);
    await tmux.waitFor((s) => prRows(s).length === 3, "the rows");
    await tmux.sendKeys("L", "j");
    let screen = await tmux.waitFor(
      (s) => shows(s, "NAME: my_project_a_1"),
      "the first PR's detail",
    );
    assert(shows(screen, "STATUS: WIP"), "its STATUS");
    await tmux.sendKeys("j", "j");
    screen = await tmux.waitFor((s) => shows(s, "NAME: my_project_c_1"), "the third PR");
    await tmux.sendKeys("H");
    screen = await tmux.waitFor((s) => prRows(s).length === 0, "only banners");
    assertEquals(banners(screen), ["my_project"]);
    await tmux.sendKeys("j", "k");
    screen = await tmux.waitFor(
      (s) => banners(s).length === 1 && prRows(s).length === 0,
      "still banners",
    );
    await tmux.sendKeys("l");
    await tmux.waitFor((s) => prRows(s).length === 3, "one level expanded");
  },
});

Deno.test({
  name: needing(
    "ACE §9.4: / pre-filled, %w and %d filters, ^ and _ walk the query history",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeGuideFixture(box);
    await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+my_project"]);
    await tmux.waitFor((s) => prRows(s).length === 3, "the rows");
    await tmux.sendKeys("/");
    await tmux.waitFor(
      (s) => shows(s, "ChangeSpec query") && shows(s, "│project:my_project"),
      "the editor pre-filled",
    );
    await tmux.sendKeys("C-u");
    await tmux.sendText("%w");
    await tmux.sendKeys("Enter");
    let screen = await tmux.waitFor((s) => s[2].startsWith("status:WIP"), "the %w query");
    await tmux.waitFor((s) => prRows(s).length === 2, "two WIP PRs");
    screen = await tmux.capture();
    assertEquals(prRows(screen).sort(), ["my_project_a_1", "other_x_1"]);
    assertEquals(banners(screen).sort(), ["my_project", "other"]);
    await tmux.sendKeys("/", "C-u");
    await tmux.sendText("%d");
    await tmux.sendKeys("Enter");
    screen = await tmux.waitFor(
      (s) => s[2].startsWith("status:DRAFT") && prRows(s).length === 1,
      "the %d query",
    );
    assertEquals(prRows(screen), ["my_project_b_1"]);
    await tmux.sendKeys("^");
    screen = await tmux.waitFor(
      (s) => s[2].startsWith("status:WIP") && prRows(s).length === 2,
      "^ back to %w",
    );
    await tmux.sendKeys("_");
    await tmux.waitFor(
      (s) => s[2].startsWith("status:DRAFT") && prRows(s).length === 1,
      "_ forward to %d",
    );
  },
});

Deno.test({
  name: needing(
    "ACE §9.5: #3 saves a slot, 3 loads it, the last query survives a restart, #3 deletes",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeGuideFixture(box);
    {
      await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+my_project"]);
      await tmux.waitFor((s) => prRows(s).length === 3, "the rows");
      await tmux.sendKeys("/", "C-u");
      await tmux.sendText("#3 +other");
      await tmux.sendKeys("Enter");
      await tmux.waitFor((s) => prRows(s).length === 1, "the saved query applied");
      await tmux.sendKeys("/", "C-u");
      await tmux.sendText("%d");
      await tmux.sendKeys("Enter");
      await tmux.waitFor((s) => prRows(s).join() === "my_project_b_1", "another query");
      await tmux.sendKeys("3");
      const screen = await tmux.waitFor((s) => prRows(s).join() === "other_x_1", "slot 3");
      assert(screen[2].startsWith("project:other"), screen[2]);
      assertEquals((await readSavedQueries(box.env))["3"], "project:other");
      await tmux.sendKeys("q");
      assertEquals(
        (await tmux.waitFor((s) => shows(s, "ace exited"), "the exit")).some((r) =>
          r.includes("ace exited 0")
        ),
        true,
      );
    }
    {
      await using tmux = await startAce(box, ["-x", "-t", "changespecs"]);
      await tmux.waitFor(
        (s) => s[2].startsWith("project:other") && prRows(s).join() === "other_x_1",
        "the last query restored",
      );
      await tmux.sendKeys("/", "C-u");
      await tmux.sendText("#3");
      await tmux.sendKeys("Enter");
      await tmux.waitFor((s) => shows(s, "Deleted saved query 3"), "the deletion toast");
    }
    assertEquals((await readSavedQueries(box.env))["3"], undefined);
  },
});

Deno.test({
  name: needing(
    "ACE §9.8 fold mode: z t / z T cycle and toggle TIMESTAMPS, z c COMMITS, z d DELTAS",
    "tmux",
    TMUX,
  ),
  ignore,
  async fn() {
    await using box = await makeSandbox();
    await writeProject(box, "fold", [`NAME: fold_a_1
DESCRIPTION:
  Folding
STATUS: WIP
COMMITS:
  (1) Initial commit
      | CHAT: ~/.sase/chats/fold_a_1.md (1m2s)
      | DIFF: ~/.sase/diffs/fold_a_1.diff
  (1a) Alternative approach - (!: NEW PROPOSAL)
      | DIFF: ~/.sase/diffs/fold_a_1-a.diff
TIMESTAMPS:
  [260328_143052] COMMIT (1)
  [260328_150000] STATUS WIP -> Draft
  [260328_160000] STATUS Draft -> WIP
DELTAS:
  + src/a.ts
      | LINES: +40
  ~ src/b.ts
      | LINES: +3 ~2 -1
`]);
    await using tmux = await startAce(box, ["-x", "-t", "changespecs", "+fold"]);
    await tmux.waitFor((s) => s[2].includes("1 PR"), "the PR");
    await tmux.sendKeys("j");
    const stamps = (s: string[]) => s.filter((row) => /\[2603\d\d_\d{6}\]/.test(row)).length;
    let screen = await tmux.waitFor((s) => shows(s, "TIMESTAMPS: [folded: 3]"), "collapsed");
    assertEquals(stamps(screen), 1);
    assert(shows(screen, "[260328_160000] STATUS Draft -> WIP"), "the newest entry");
    await tmux.sendKeys("z", "t");
    screen = await tmux.waitFor((s) => stamps(s) === 3, "expanded: all three");
    await tmux.sendKeys("z", "t");
    screen = await tmux.waitFor(
      (s) => stamps(s) === 3 && !shows(s, "[folded: 3]"),
      "fully expanded",
    );
    await tmux.sendKeys("z", "t");
    await tmux.waitFor((s) => shows(s, "TIMESTAMPS: [folded: 3]"), "collapsed again");
    await tmux.sendKeys("z", "T");
    await tmux.waitFor((s) => stamps(s) === 3, "z T: fully expanded");
    await tmux.sendKeys("z", "T");
    await tmux.waitFor((s) => shows(s, "TIMESTAMPS: [folded: 3]"), "z T: collapsed");
    assert(shows(await tmux.capture(), "[folded: 1 proposal]"), "COMMITS collapsed");
    await tmux.sendKeys("z", "c");
    screen = await tmux.waitFor((s) => shows(s, "(1a) Alternative approach"), "COMMITS expanded");
    await tmux.sendKeys("z", "c", "z", "c");
    await tmux.waitFor((s) => shows(s, "[folded: 1 proposal]"), "COMMITS collapsed after a cycle");
    assert(
      shows(await tmux.capture(), "DELTAS: +1 (+40) ~1 (+3 ~2 -1) (2 files)"),
      "DELTAS folded",
    );
    await tmux.sendKeys("z", "d");
    screen = await tmux.waitFor(
      (s) => shows(s, "src/a.ts") && shows(s, "src/b.ts"),
      "DELTAS listed",
    );
    await tmux.sendKeys("z", "d");
    await tmux.waitFor((s) => shows(s, "DELTAS: +1 (+40)"), "DELTAS folded again");
  },
});
