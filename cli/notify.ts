/**
 * `sase notify`: inspect the notification inbox and post to it.
 *
 * Bare `sase notify` runs `list` (the group-default rule), so its
 * `-s/--sender` and `-t/--tag` reach `list` unchanged.
 *
 * @module
 */

import { type Command, Option } from "@commander-js/extra-typings";
import { formatTable, JSON_FLAG, JSON_HELP, printJson, style } from "./shared/output.ts";
import { notificationsPath } from "../core/config/paths.ts";
import { SaseError, usageError } from "../core/errors.ts";
import { appendNotifications, readNotifications } from "../core/notify/store.ts";
import {
  filterNotifications,
  findNotification,
  type NotificationRow,
  toRow,
} from "../core/notify/catalog.ts";
import { parseNotificationJson } from "../core/notify/create.ts";
import { notificationMarkdown } from "../core/notify/markdown.ts";
import { READ_LIMITS, readStdinBounded, readTextBounded } from "../core/fs/bounded_read.ts";
import { neutralizeControls } from "../core/text/control_chars.ts";

const NOTES_WIDTH = 80;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) {
    throw usageError(`--limit must be a non-negative integer, got '${value}'`);
  }
  return limit;
}

async function loadRecords(path: string) {
  const { records, problems } = await readNotifications(path);
  for (const problem of problems) {
    // The reason can quote the bad line, which another process wrote.
    const reason = neutralizeControls(problem.reason, { keepLayout: false });
    console.error(`warning: ${path}:${problem.line}: skipped: ${reason}`);
  }
  return records;
}

function stateLabel(row: NotificationRow): string {
  const labels = [
    !row.read && "unread",
    row.priority && "priority",
    row.dismissed && "dismissed",
    row.silent && "silent",
    row.muted && "muted",
  ].filter((label): label is string => typeof label === "string");
  return labels.length ? labels.join(",") : "-";
}

/** A table cell from text others wrote: one line, controls made visible. */
function cell(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

function truncate(text: string, width: number): string {
  if (!text) return "-";
  const shown = cell(text);
  return shown.length <= width ? shown : shown.slice(0, width - 3) + "...";
}

function printCompact(rows: readonly NotificationRow[]): void {
  console.log(style("bold", `Notifications (${rows.length})`));
  if (rows.length === 0) {
    console.log("No notifications found.");
    return;
  }
  console.log(formatTable(
    ["ID", "AGE", "SENDER", "TAGS", "STATE", "NOTES"],
    rows.map((row) => [
      cell(row.id),
      cell(row.age),
      cell(row.sender),
      row.tags.length ? cell(row.tags.join(",")) : "-",
      stateLabel(row),
      truncate(row.notes.join(" | "), NOTES_WIDTH),
    ]),
  ));
}

/** The notification JSON from `--file` or stdin, at most {@linkcode READ_LIMITS.input} bytes. */
async function readInput(file: string | undefined): Promise<{ text: string; source: string }> {
  if (file !== undefined) {
    try {
      return { text: await readTextBounded(file, READ_LIMITS.input), source: file };
    } catch (error) {
      if (error instanceof SaseError) throw error;
      throw new SaseError("notify.input", `cannot read ${file}: ${(error as Error).message}`);
    }
  }
  if (Deno.stdin.isTerminal()) {
    throw usageError(
      "no notification JSON given",
      `pipe JSON on stdin (echo '{"sender":"me","notes":["Hi"]}' | sase notify create) or pass --file PATH`,
    );
  }
  return { text: await readStdinBounded(READ_LIMITS.input), source: "stdin" };
}

function addList(group: Command): void {
  group
    .command("list")
    .description("List recent notifications, newest first (dismissed ones only with -a)")
    .option(JSON_FLAG, JSON_HELP)
    .option("-l, --limit <n>", "show at most N notifications", parseLimit)
    .option("-q, --query <text>", "match ids, senders, notes, files, actions, action data, tags")
    .option("-t, --tag <tag>", "only notifications with this exact (normalized) tag")
    .option("-s, --sender <sender>", "only notifications from this sender")
    .option("-u, --unread", "only unread notifications")
    .option("-a, --all", "include dismissed notifications")
    .action(async (options) => {
      const records = await loadRecords(notificationsPath());
      const now = Date.now();
      const rows = filterNotifications(records, options).map((record) => toRow(record, now));
      if (options.json) printJson(rows);
      else printCompact(rows);
    });
}

function addShow(group: Command): void {
  group
    .command("show")
    .description("Show one notification (dismissed included) by id or unique id prefix")
    .argument("[id]", "notification id (same as --id)")
    .option("-i, --id <id>", "notification id")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["markdown", "json"] as const)
        .default("markdown" as const),
    )
    .option(JSON_FLAG, "same as --format json")
    .action(async (positional, options) => {
      if (positional && options.id && positional !== options.id) {
        throw usageError(`two different ids given: '${positional}' and --id '${options.id}'`);
      }
      const ref = options.id ?? positional;
      if (!ref) throw usageError("which notification? pass --id ID", "list ids with `sase notify`");
      const records = await loadRecords(notificationsPath());
      const row = toRow(findNotification(records, ref));
      if (options.json || options.format === "json") printJson(row);
      else Deno.stdout.writeSync(new TextEncoder().encode(notificationMarkdown(row)));
    });
}

function addCreate(group: Command): void {
  group
    .command("create")
    .description("Create a notification from JSON on stdin (or --file) and print its id")
    .option("-s, --sender <sender>", "sender (overrides the JSON's sender)")
    .option("-t, --tag <tag>", "add a tag (repeatable; appended to the JSON tags)", collect, [])
    .option("--file <path>", "read the JSON from PATH instead of stdin")
    .action(async (options) => {
      const { text, source } = await readInput(options.file);
      const record = parseNotificationJson(text, {
        sender: options.sender,
        tags: options.tag,
        source,
      });
      await appendNotifications(notificationsPath(), [record]);
      console.log(record.id);
    });
}

/** Register `sase notify` and its subcommands. */
export function register(program: Command): void {
  const group = program
    .command("notify")
    .description("Notification inbox: list, show and create notifications");
  addList(group);
  addShow(group);
  addCreate(group);
}
