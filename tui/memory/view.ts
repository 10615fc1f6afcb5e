/**
 * The memory review screen's presentation: the title row (project, pending
 * count, the `/` filter), the proposal list, the highlighted proposal's
 * panel (target status, author, keywords, evidence, warnings, then the
 * draft body), the footer's key chips with the status on the right, the
 * toasts and the reason/target prompt. Drawn from the context alone.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import { style } from "../engine/style.ts";
import { drawBox } from "../widgets/box.ts";
import { drawFooter, type KeyChip } from "../widgets/footer.ts";
import { drawLineInput } from "../widgets/line_input.ts";
import { drawList, type ListRow } from "../widgets/list.ts";
import { StringLineSource } from "../widgets/line_source.ts";
import { drawModal } from "../widgets/modal.ts";
import { drawSpans, type Span } from "../widgets/spans.ts";
import { drawTextPanel, MAX_LAID_OUT_ROWS, WrappedText } from "../widgets/text_panel.ts";
import { THEME } from "../widgets/theme.ts";
import { drawToasts } from "../widgets/toasts.ts";
import { MEMORY_DIR } from "../../core/memory/layout.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import {
  approvalTarget,
  type ReviewContext,
  type ReviewEntry,
  selectedEntry,
  selectedIndex,
  visibleEntries,
} from "./context.ts";
import { reviewLayout } from "./layout.ts";

const inert = (text: string) => neutralizeControls(text, { keepLayout: false });

const STYLES = {
  titleBar: style({ fg: "#000000", bg: "#87ceeb", bold: true }),
  label: style({ fg: "#87afd7", bold: true }),
};

/** The footer's chips, in the chapter's order. */
const CHIPS: readonly KeyChip[] = [
  { key: "j/k", label: "move" },
  { key: "a", label: "approve" },
  { key: "e", label: "edit" },
  { key: "r", label: "reject" },
  { key: "t", label: "target" },
  { key: "/", label: "filter" },
  { key: "Enter", label: "detail" },
  { key: "y", label: "copy" },
  { key: "q", label: "quit" },
];

/** The text of a proposal's panel: its facts, then the draft body. */
export function panelText(context: ReviewContext, entry: ReviewEntry): string {
  const p = entry.state.proposal;
  const target = approvalTarget(context, entry);
  const chosen = target !== entry.state.targetPath;
  const status = chosen
    ? "(chosen with t)"
    : entry.targetExists
    ? "(exists: approval refuses; press t)"
    : "(new)";
  const lines = [
    `title:     ${inert(p.title)}`,
    `target:    ${MEMORY_DIR}/${inert(target)} ${status}`,
    `author:    ${inert(p.author_name)} (${inert(p.author_source)})`,
    `created:   ${p.timestamp}`,
    `keywords:  ${p.keywords.map(inert).join(", ") || "-"}`,
    "evidence:",
    ...p.evidence.map((e) =>
      `  - ${e.kind}: ${inert(e.raw)}${e.kind === "path" && !e.exists ? " (missing)" : ""}`
    ),
  ];
  if (p.warnings.length > 0) {
    lines.push("warnings:");
    for (const w of p.warnings) {
      lines.push(`  - ${w.code}: ${inert(w.message)}${w.match ? ` ('${inert(w.match)}')` : ""}`);
    }
  }
  lines.push("", "── body ──");
  lines.push(
    entry.body === null
      ? `(draft unreadable: ${entry.bodyError ?? "unknown"})`
      : neutralizeControls(entry.body, { keepLayout: true }),
  );
  return lines.join("\n");
}

/** Laid-out panel texts, per entry, for the width and target they were laid out for. */
const laidOut = new WeakMap<ReviewEntry, { key: string; text: WrappedText }>();

function wrapped(context: ReviewContext, entry: ReviewEntry, width: number): WrappedText {
  const key = `${width}\0${approvalTarget(context, entry)}`;
  const cached = laidOut.get(entry);
  if (cached?.key === key) return cached.text;
  const text = new WrappedText(new StringLineSource(panelText(context, entry)), width);
  laidOut.set(entry, { key, text });
  return text;
}

/**
 * The last first-row the highlighted proposal's panel can scroll to (its
 * laid-out rows beyond the panel's height; 0 without a proposal).
 */
export function maxPanelScroll(context: ReviewContext): number {
  const entry = selectedEntry(context);
  const { panel } = reviewLayout(context.size, context.detail);
  const width = panel.width - 2;
  const height = panel.height - 2;
  if (entry === null || width <= 0 || height <= 0) return 0;
  const text = wrapped(context, entry, width);
  text.ensure(MAX_LAID_OUT_ROWS);
  return Math.max(0, text.rowCount - height);
}

function listRow(entry: ReviewEntry): ListRow {
  const p = entry.state.proposal;
  return {
    kind: "item",
    spans: [{ text: inert(p.title) }],
    right: [{ text: ` ${MEMORY_DIR}/${inert(entry.state.targetPath)}`, style: THEME.dim }],
  };
}

function drawTitle(buffer: CellBuffer, context: ReviewContext): void {
  const { title } = reviewLayout(context.size, context.detail);
  if (title.height === 0) return;
  buffer.fill(title, STYLES.titleBar);
  const count = context.entries.length;
  const end = drawSpans(buffer, title.x, title.y, [
    { text: ` Memory review · ${inert(context.project)}  `, style: STYLES.titleBar },
    { text: `${count} pending`, style: STYLES.titleBar },
  ], title.width);
  if (context.filtering || context.filter.text !== "") {
    const x = end + 2;
    buffer.write(x, title.y, "/", STYLES.titleBar);
    drawLineInput(
      buffer,
      x + 2,
      title.y,
      Math.max(0, title.x + title.width - x - 2),
      context.filter,
      {
        focused: context.filtering,
      },
    );
  }
}

function drawPrompt(buffer: CellBuffer, context: ReviewContext): void {
  const prompt = context.prompt;
  if (prompt === null) return;
  const screen = { x: 0, y: 0, width: context.size.columns, height: context.size.rows };
  const reject = prompt.kind === "reject";
  const inner = drawModal(buffer, screen, {
    title: [{ text: `${reject ? "Reject" : "Approval target of"} ${prompt.id}` }],
    width: Math.min(76, context.size.columns),
    height: 5,
    footer: [{
      text: reject ? " Enter reject · Esc cancel " : " Enter set · Esc cancel ",
      style: THEME.dim,
    }],
  });
  if (inner.height < 2) return;
  buffer.write(
    inner.x + 1,
    inner.y,
    reject ? "Reason (required):" : `One-level <slug>.md under ${MEMORY_DIR}/:`,
    STYLES.label,
    inner.x + inner.width,
  );
  drawLineInput(buffer, inner.x + 1, inner.y + 1, Math.max(0, inner.width - 2), prompt.input, {
    focused: true,
  });
}

/** Draw the whole screen. */
export function drawReview(context: ReviewContext, buffer: CellBuffer): void {
  const layout = reviewLayout(context.size, context.detail);
  drawTitle(buffer, context);
  const visible = visibleEntries(context);
  if (!context.detail) {
    const inner = drawBox(buffer, layout.list, {
      title: [{ text: `Proposals (${visible.length})`, style: THEME.title }],
    });
    drawList(buffer, inner, {
      count: visible.length,
      row: (index) => listRow(visible[index]),
      selected: selectedIndex(context),
      scrollTop: context.scrollTop,
    });
  }
  const entry = selectedEntry(context);
  const panel = drawBox(buffer, layout.panel, {
    title: [{ text: entry ? entry.state.proposal.proposal_id : "Proposal", style: THEME.title }],
  });
  if (entry === null) {
    const empty = context.busy !== null
      ? `${context.busy}…`
      : context.entries.length === 0
      ? "No pending memory proposals."
      : "No proposal matches the filter.";
    buffer.write(panel.x + 1, panel.y, empty, THEME.dim, panel.x + panel.width);
  } else if (panel.width > 0 && panel.height > 0) {
    drawTextPanel(buffer, panel, {
      text: wrapped(context, entry, panel.width),
      scroll: context.panelScroll,
    });
  }
  const status: Span[] = context.busy !== null
    ? [{ text: `${context.busy}…`, style: THEME.warning }]
    : [{ text: `${context.entries.length} pending`, style: THEME.dim }];
  drawFooter(buffer, layout.footer, { chips: CHIPS, status });
  drawToasts(
    buffer,
    {
      x: 0,
      y: 1,
      width: context.size.columns,
      height: Math.max(0, context.size.rows - 2),
    },
    context.toasts,
    { maxWidth: Math.min(90, context.size.columns) },
  );
  drawPrompt(buffer, context);
}
