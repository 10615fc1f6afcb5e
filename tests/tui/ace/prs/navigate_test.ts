/**
 * `<` / `>` / `~` on the PRs tab: parent, first shown child, next sibling
 * of the same family (wrapping), and the reasons none is reached (no
 * relative, hidden by the query, a banner focused).
 */

import { assertEquals } from "../../../_helpers/assert.ts";
import { parseProjectSpec } from "../../../../core/changespec/parser.ts";
import { createPrsState, type PrsState, selectedSpec } from "../../../../tui/ace/prs/context.ts";
import { prsKey } from "../../../../tui/ace/prs/controller.ts";
import { MAX_JUMPS, rememberJump } from "../../../../tui/ace/prs/jumps.ts";

const NOW = new Date(Date.UTC(2026, 2, 28, 12, 0, 0));

function spec(name: string, parent: string | null = null, status = "WIP"): string {
  return `NAME: ${name}\nDESCRIPTION:\n  ${name}\n${
    parent ? `PARENT: ${parent}\n` : ""
  }STATUS: ${status}\n`;
}

function state(query = "+p"): PrsState {
  const specs = parseProjectSpec(
    [
      spec("root"),
      spec("foo", "root"),
      spec("kid_hidden", "foo", "Reverted"),
      spec("kid", "foo"),
      spec("fam_1"),
      spec("fam_2"),
      spec("fam__3"),
      spec("lone", "gone_parent"),
    ].join("\n\n"),
    "/h/.sase/projects/p/p.sase",
  ).specs;
  return createPrsState({ specs, query, now: NOW });
}

function on(s: PrsState, name: string): PrsState {
  const cursor = s.rows.findIndex((row) => row.kind === "spec" && row.spec.name === name);
  if (cursor === -1) throw new Error(`${name} is not a row`);
  return { ...s, cursor };
}

function pressed(s: PrsState, key: string): { name: string | undefined; toasts: string[] } {
  const reduced = prsKey(s, key)!;
  return {
    name: selectedSpec(reduced.state)?.name,
    toasts: reduced.effects.flatMap((e) => e.kind === "toast" ? [e.text] : []),
  };
}

Deno.test("< goes to the parent; > to the first shown child (a Reverted child hidden by default is skipped)", () => {
  const s = state();
  assertEquals(pressed(on(s, "kid"), "<"), { name: "foo", toasts: [] });
  assertEquals(pressed(on(s, "foo"), "<"), { name: "root", toasts: [] });
  assertEquals(pressed(on(s, "root"), ">"), { name: "foo", toasts: [] });
  assertEquals(pressed(on(s, "foo"), ">"), { name: "kid", toasts: [] });
});

Deno.test("~ cycles through the family's shown members (_N and __N alike), wrapping", () => {
  const s = state();
  assertEquals(pressed(on(s, "fam_1"), "~").name, "fam_2");
  assertEquals(pressed(on(s, "fam_2"), "~").name, "fam__3");
  assertEquals(pressed(on(s, "fam__3"), "~").name, "fam_1");
});

Deno.test("no relative, or one not shown: the cursor stays and a toast says why", () => {
  const s = state();
  assertEquals(pressed(on(s, "root"), "<"), { name: "root", toasts: ["root has no parent"] });
  assertEquals(pressed(on(s, "kid"), ">"), { name: "kid", toasts: ["kid has no children"] });
  assertEquals(pressed(on(s, "root"), "~"), {
    name: "root",
    toasts: ["root has no siblings shown"],
  });
  assertEquals(pressed(on(s, "lone"), "<"), {
    name: "lone",
    toasts: ["gone_parent is not shown (the query or a fold hides it)"],
  });
  const narrow = state("foo");
  assertEquals(pressed(on(narrow, "foo"), "<").toasts, [
    "root is not shown (the query or a fold hides it)",
  ]);
  const banner = { ...s, cursor: s.rows.findIndex((row) => row.kind === "banner") };
  assertEquals(pressed(banner, "<").toasts, ["No PR selected"]);
});

Deno.test("Ctrl+R goes back to where each jump left, Ctrl+K forward again; a new jump clears forward; ends are toasts", () => {
  let s = on(state(), "kid");
  const step = (key: string) => {
    const reduced = prsKey(s, key)!;
    s = reduced.state;
    return {
      name: selectedSpec(s)?.name,
      toasts: reduced.effects.flatMap((e) => e.kind === "toast" ? [e.text] : []),
    };
  };
  assertEquals(step("ctrl+r"), { name: "kid", toasts: ["No earlier PR in the jump history"] });
  assertEquals(step("<").name, "foo");
  assertEquals(step("<").name, "root");
  assertEquals(step("ctrl+r").name, "foo");
  assertEquals(step("ctrl+r").name, "kid");
  assertEquals(step("ctrl+r").toasts, ["No earlier PR in the jump history"]);
  assertEquals(step("ctrl+k").name, "foo");
  assertEquals(step("ctrl+k").name, "root");
  assertEquals(step("ctrl+k"), { name: "root", toasts: ["No later PR in the jump history"] });
  // Back to foo, then a new jump: forward (root) is forgotten.
  assertEquals(step("ctrl+r").name, "foo");
  assertEquals(step(">").name, "kid");
  assertEquals(step("ctrl+k").toasts, ["No later PR in the jump history"]);
  assertEquals(step("ctrl+r").name, "foo");
});

Deno.test("the jump history skips PRs no longer on screen and keeps at most MAX_JUMPS", () => {
  const s = on(state(), "kid");
  const jumped = { ...s, jumps: { back: ["gone_parent", "root", "not_a_row"], forward: [] } };
  const reduced = prsKey(jumped, "ctrl+r")!;
  assertEquals(selectedSpec(reduced.state)?.name, "root");
  assertEquals(reduced.state.jumps, { back: ["gone_parent"], forward: ["kid"] });
  const many = Array.from({ length: MAX_JUMPS + 5 }, (_, i) => `p${i}`);
  assertEquals(rememberJump(many, "last").length, MAX_JUMPS);
  assertEquals(rememberJump(many, "last").at(-1), "last");
  assertEquals(rememberJump(many, "last")[0], "p6");
});
