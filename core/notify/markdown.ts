/**
 * The Markdown form of one notification (`sase notify show`, default
 * format): every field, with `none` for empty ones so the layout is stable
 * for people and for agents reading it. Every value was written by another
 * process, so each is shown on one line with its control characters made
 * visible: a note cannot retitle the terminal, write the clipboard or break
 * the list apart.
 *
 * @module
 */

import { neutralizeControls } from "../text/control_chars.ts";
import type { NotificationWire } from "./wire.ts";

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "id",
  "timestamp",
  "age",
  "sender",
  "priority",
  "notes",
  "files",
  "tags",
  "action",
  "action_data",
  "read",
  "dismissed",
  "silent",
  "muted",
  "snooze_until",
  "icon",
  "resurfaced_at",
]);

/** One line of foreign text, inert. */
function inert(value: string): string {
  return neutralizeControls(value, { keepLayout: false });
}

function code(value: string): string {
  return "`" + inert(value) + "`";
}

function listBlock(title: string, items: readonly string[]): string[] {
  return [`- ${title}:`, ...(items.length ? items : ["none"]).map((item) => `  - ${item}`)];
}

function dataValue(value: unknown): string {
  return code(typeof value === "string" ? value : JSON.stringify(value));
}

/** Render one notification (its wire row) as Markdown. */
export function notificationMarkdown(row: NotificationWire): string {
  const icon = typeof row.icon === "string" && row.icon ? inert(row.icon) : "none";
  const resurfaced = typeof row.resurfaced_at === "string" ? code(row.resurfaced_at) : "none";
  const extras = Object.entries(row).filter(([key]) => !KNOWN_KEYS.has(key));
  const lines = [
    `# Notification ${inert(row.id)}`,
    "",
    `- id: ${code(row.id)}`,
    `- timestamp: ${code(row.timestamp)} (${inert(row.age)})`,
    `- resurfaced_at: ${resurfaced}`,
    `- sender: ${code(row.sender)}`,
    `- icon: ${icon}`,
    `- priority: ${row.priority}`,
    `- tags: ${row.tags.length ? row.tags.map(code).join(", ") : "none"}`,
    ...listBlock("notes", row.notes.map(inert)),
    ...listBlock("files", row.files.map(code)),
    `- action: ${row.action ? code(row.action) : "none"}`,
    ...listBlock(
      "action_data",
      Object.entries(row.action_data).map(([key, value]) => `${inert(key)}: ${dataValue(value)}`),
    ),
    "- state:",
    `  - read: ${row.read}`,
    `  - dismissed: ${row.dismissed}`,
    `  - silent: ${row.silent}`,
    `  - muted: ${row.muted}`,
    `  - snooze_until: ${row.snooze_until ? code(row.snooze_until) : "none"}`,
  ];
  if (extras.length) {
    lines.push(
      ...listBlock(
        "other fields",
        extras.map(([key, value]) => `${inert(key)}: ${dataValue(value)}`),
      ),
    );
  }
  return lines.join("\n") + "\n";
}
