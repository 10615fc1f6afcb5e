/**
 * The review screen's presentation: drawn into a cell buffer from contexts
 * over real proposals, it shows the list with the highlight, the
 * highlighted proposal's panel (target status, evidence, the body with
 * control sequences made visible), the footer's keys, the reason prompt,
 * and what an empty or fully filtered list says.
 */

import { join } from "../../../core/fs/path.ts";
import { CellBuffer } from "../../../tui/engine/buffer.ts";
import type { ReviewContext } from "../../../tui/memory/context.ts";
import { drawReview } from "../../../tui/memory/view.ts";
import { assert, assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { drive, openReview } from "./_drive.ts";
import { proposalRepo } from "./_proposals.ts";

function screen(context: ReviewContext): string[] {
  const buffer = new CellBuffer(context.size.columns, context.size.rows);
  drawReview(context, buffer);
  return buffer.text().split("\n");
}

const line = (rows: string[], text: string) => rows.find((row) => row.includes(text));

Deno.test("memory review view: the list, the highlighted proposal's panel and the footer", async () => {
  await using sb = await makeSandbox();
  const { app, work, ids } = await proposalRepo(sb, [
    { title: "Generated skills", slug: "generated_skills", body: "Skills body\n" },
    { title: "Build tips", slug: "build_tips", body: "plain \x1b[31mred\x1b[0m\n" },
  ]);
  await Deno.mkdir(join(work, "memory"));
  await Deno.writeTextFile(join(work, "memory", "build_tips.md"), "taken\n");
  let context = await openReview(app, { columns: 120, rows: 24 });
  let rows = screen(context);
  assertEquals(rows[0].trimEnd(), " Memory review · origin  2 pending");
  assert(line(rows, "│▌Generated skills"), "the highlight bar marks the first proposal");
  assert(line(rows, "│ Build tips"), rows.join("\n"));
  assert(line(rows, `─ ${ids[0]} ─`), "the panel is titled with the highlighted id");
  assert(line(rows, "target:    memory/generated_skills.md (new)"), rows.join("\n"));
  assert(line(rows, "  - chat: chat:abc123"), "the evidence");
  assert(line(rows, "Skills body"), "the draft body");
  const footer = rows.at(-1)!;
  for (const chip of ["j/k move", "a approve", "e edit", "r reject", "t target", "q quit"]) {
    assert(footer.includes(chip), `${chip} in ${footer}`);
  }
  assert(footer.trimEnd().endsWith("2 pending"), footer);

  ({ context } = await drive(app, context, "j"));
  rows = screen(context);
  assert(line(rows, "│▌Build tips"), rows.join("\n"));
  assert(
    line(rows, "target:    memory/build_tips.md (exists: approval refuses; press t)"),
    rows.join("\n"),
  );
  assert(line(rows, "plain ^[[31mred^[[0m"), "escape sequences in the body are shown, not run");
  assert(!rows.join("").includes("\x1b"), "no raw ESC reaches the screen");

  ({ context } = await drive(app, context, "r"));
  rows = screen(context);
  assert(line(rows, `Reject ${ids[1]}`), rows.join("\n"));
  assert(line(rows, "Reason (required):"), rows.join("\n"));
  assert(line(rows, "Enter reject · Esc cancel"), rows.join("\n"));
});

Deno.test("memory review view: an empty list and a filter without matches say so", async () => {
  await using sb = await makeSandbox();
  const { app } = await proposalRepo(sb, [
    { title: "Generated skills", slug: "generated_skills", body: "Skills body\n" },
  ]);
  let context = await openReview(app, { columns: 100, rows: 12 });
  ({ context } = await drive(app, context, "/nothing-like-this"));
  let rows = screen(context);
  assert(line(rows, "No proposal matches the filter."), rows.join("\n"));
  assert(rows[0].includes("/ nothing-like-this"), rows[0]);
  ({ context } = await drive(app, context, "\r"));
  ({ context } = await drive(app, context, "\x1b"));
  ({ context } = await drive(app, context, "rdone\r"));
  rows = screen(context);
  assert(line(rows, "No pending memory proposals."), rows.join("\n"));
  assert(line(rows, "Proposals (0)"), rows.join("\n"));
});

Deno.test("memory review view: PageDown scrolls the panel to its last row and no further", async () => {
  await using sb = await makeSandbox();
  const body = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
  const { app } = await proposalRepo(sb, [{ title: "Long", slug: "long", body }]);
  // 12 rows: the panel box's inside is 12 - title - footer - 2 borders = 8 rows.
  let context = await openReview(app, { columns: 100, rows: 12 });
  for (let i = 0; i < 20; i++) ({ context } = await drive(app, context, "\x1b[6~"));
  const bottom = context.panelScroll;
  let rows = screen(context);
  assert(line(rows, "line 60"), rows.join("\n"));
  assert(!line(rows, "more lines below"), rows.join("\n"));
  ({ context } = await drive(app, context, "\x1b[6~"));
  assertEquals(context.panelScroll, bottom, "PageDown at the end stays");
  ({ context } = await drive(app, context, "\x1b[5~"));
  assertEquals(context.panelScroll, bottom - 8, "PageUp goes back one panel height at once");
  rows = screen(context);
  assert(line(rows, "more lines below"), rows.join("\n"));
});
