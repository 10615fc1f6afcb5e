/**
 * `sase prompt`: the prompt history store (list, show, search, stats,
 * doctor) plus curation and replay subcommands from `cli/prompt/`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { SaseError, usageError } from "../core/errors.ts";
import { promptId } from "../core/xprompt/history/model.ts";
import {
  matchesFilter,
  parseDateBound,
  preview,
  promptChips,
} from "../core/xprompt/history/query.ts";
import { historyDoctor, historyStats } from "../core/xprompt/history/report.ts";
import { type SearchHit, searchPrompts } from "../core/xprompt/history/search.ts";
import { markdownView } from "../core/xprompt/history/snapshot.ts";
import {
  promptHistoryPath,
  readHistory,
  resolveSelector,
  sortNewestFirst,
} from "../core/xprompt/history/store.ts";
import { formatTable, JSON_FLAG, JSON_HELP, printJson, style } from "./shared/output.ts";
import { registerMutations } from "./prompt/mutate.ts";
import { registerReplay } from "./prompt/replay.ts";
import { plural } from "../core/text/plural.ts";
import type { AppContext } from "../core/context.ts";

/** Read the store; read-only commands fail clearly on a corrupt store. */
export async function loadEntries() {
  const read = await readHistory(promptHistoryPath());
  if (read.corrupt) {
    throw new SaseError("prompt.corrupt_store", read.corrupt, { hint: "run `sase prompt doctor`" });
  }
  return read.entries;
}

function intOption(value: string): number {
  if (!/^\d+$/.test(value)) throw usageError(`expected a non-negative integer, got '${value}'`);
  return Number(value);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function entryJson(entry: Awaited<ReturnType<typeof loadEntries>>[number]) {
  return {
    id: promptId(entry.text),
    text: entry.text,
    timestamp: entry.timestamp,
    last_used: entry.last_used,
    cancelled: entry.cancelled,
    use_count: entry.use_count,
    workspace: entry.workspace,
    branch_or_workspace: entry.branch_or_workspace,
    chars: entry.text.length,
    chips: promptChips(entry.text),
  };
}

function printHits(
  hits: SearchHit[],
  total: number,
  query: string,
  format: string,
  color: boolean,
): void {
  if (format === "json") {
    printJson({
      schema_version: 1,
      query,
      count: hits.length,
      total,
      sdd: hits.filter((hit) => hit.source === "sdd").length,
      local: hits.filter((hit) => hit.source === "local").length,
      results: hits,
    });
    return;
  }
  if (hits.length === 0) {
    console.log(`No prompts match "${query}".`);
    return;
  }
  const mark = (text: string) =>
    color
      ? text.replace(
        new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"),
        (m) => style("bold", m, true),
      )
      : text;
  for (const source of ["sdd", "local"] as const) {
    const group = hits.filter((hit) => hit.source === source);
    if (group.length === 0) continue;
    if (format === "compact") {
      console.log(`— ${source === "sdd" ? "SDD prompts" : "Local history"} (${group.length}) —`);
    }
    for (const hit of group) {
      if (format === "full") {
        console.log(
          `${"─".repeat(40)}\n${hit.id}${hit.path ? `  ${hit.path}` : ""}  ${hit.date}\n\n${
            mark(hit.text)
          }\n`,
        );
        continue;
      }
      const locator = hit.path ?? hit.id;
      console.log(
        `${mark(locator)}  ${hit.date}${hit.also_in_local ? "  (also in local history)" : ""}`,
      );
      const line = hit.matched.includes("body")
        ? hit.text.split("\n").find((l) => l.toLowerCase().includes(query.toLowerCase())) ?? ""
        : hit.plan && hit.matched.includes("plan")
        ? `plan: "${hit.plan}"`
        : `tag: "${hit.tags.join(", ")}"`;
      console.log(`    ${mark(preview(line, 100))}`);
    }
  }
  const sdd = hits.filter((hit) => hit.source === "sdd").length;
  console.log(
    `${plural(total, "match", "matches")} (${sdd} SDD · ${
      hits.length - sdd
    } local) · showing ${hits.length}`,
  );
}

/** Register `sase prompt`. */
export function register(program: Command, app: AppContext): void {
  const group = program.command("prompt").description(
    "Prompt history: inspect, search, curate and replay",
  );
  group
    .command("list")
    .description("List recent prompts (newest first; cancelled hidden unless -c/-a)")
    .option("-q, --query <text>", "case-insensitive substring filter")
    .option("-l, --limit <n>", "how many to show", intOption, 20)
    .option("-c, --cancelled", "only cancelled prompts")
    .option("-a, --all", "launched and cancelled prompts")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const mode = options.all ? "include" : options.cancelled ? "only" : "exclude";
      const entries = sortNewestFirst(await loadEntries())
        .filter((entry) => matchesFilter(entry, { query: options.query, cancelled: mode }))
        .slice(0, options.limit || undefined);
      if (options.json) {
        printJson({ schema_version: 1, count: entries.length, prompts: entries.map(entryJson) });
        return;
      }
      if (entries.length === 0) {
        console.log("No prompts in history match.");
        return;
      }
      const rows = entries.map((entry) => {
        const chips = promptChips(entry.text);
        return [
          promptId(entry.text),
          entry.last_used,
          entry.cancelled ? "cancelled" : "launched",
          String(entry.text.length),
          [...chips.projects, ...chips.xprompts, ...chips.directives].slice(0, 4).join(" "),
          preview(entry.text, 50),
        ];
      });
      console.log(formatTable(["ID", "LAST USED", "STATUS", "CHARS", "CHIPS", "PREVIEW"], rows));
    });
  group
    .command("show")
    .description("Print one prompt (raw bytes by default)")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .option("-f, --format <format>", "raw, markdown or json", "raw")
    .action(async (selector, options) => {
      const entry = resolveSelector(await loadEntries(), selector);
      if (options.format === "raw") await Deno.stdout.write(new TextEncoder().encode(entry.text));
      else if (options.format === "markdown") console.log(markdownView(entry));
      else if (options.format === "json") printJson({ schema_version: 1, ...entryJson(entry) });
      else throw usageError(`unknown format '${options.format}'`, "use raw, markdown or json");
    });
  group
    .command("search")
    .description("Search repo SDD prompt snapshots and local history")
    .argument("<query>", "case-insensitive literal substring")
    .option("-s, --source <source>", "sdd, local or all", "all")
    .option(
      "-t, --tag <tag>",
      "keep prompts with this tag (repeatable, ORed)",
      collect,
      [] as string[],
    )
    .option("-x, --cancelled", "only cancelled local prompts")
    .option("-a, --after <date>", "on or after this date")
    .option("-b, --before <date>", "on or before this date")
    .option("-n, --limit <n>", "results to show (0 = all)", intOption, 20)
    .option("-f, --format <format>", "compact, json or full", "compact")
    .option("-c, --color <when>", "auto, always or never", "auto")
    .action(async (query, options) => {
      if (query.trim() === "") {
        throw usageError("search query is empty", "give a word or phrase to look for");
      }
      if (!["sdd", "local", "all"].includes(options.source)) {
        throw usageError(`unknown source '${options.source}'`);
      }
      if (!["compact", "json", "full"].includes(options.format)) {
        throw usageError(`unknown format '${options.format}'`);
      }
      const read = await readHistory(promptHistoryPath());
      const hits = searchPrompts(query, read.entries, Deno.cwd(), {
        source: options.source as "sdd" | "local" | "all",
        tags: options.tag,
        cancelled: options.cancelled ? "only" : "exclude",
        after: options.after ? parseDateBound(options.after) : undefined,
        before: options.before ? parseDateBound(options.before) : undefined,
      });
      const color = options.color === "always" ||
        (options.color === "auto" && Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR"));
      printHits(
        options.limit ? hits.slice(0, options.limit) : hits,
        hits.length,
        query,
        options.format,
        color,
      );
    });
  group
    .command("stats")
    .description("Counts, size, length percentiles, largest prompts, top chips")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const stats = historyStats(await readHistory(promptHistoryPath()));
      if (options.json) return printJson(stats);
      console.log(`store:     ${stats.path} (${plural(stats.size_bytes, "byte")})`);
      console.log(
        `prompts:   ${stats.total} (${stats.launched} launched, ${stats.cancelled} cancelled)`,
      );
      const l = stats.length;
      console.log(
        `length:    min ${l.min} · p50 ${l.p50} · p90 ${l.p90} · p99 ${l.p99} · max ${l.max}`,
      );
      for (const item of stats.largest) {
        console.log(`  ${item.id}  ${plural(item.chars, "char")}  ${item.preview}`);
      }
      if (stats.top_chips.length) {
        console.log(
          `top chips: ${stats.top_chips.map((c) => `${c.chip} (${c.count})`).join(", ")}`,
        );
      }
    });
  group
    .command("doctor")
    .description("Read-only health report of the prompt history store")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const report = historyDoctor(await readHistory(promptHistoryPath()));
      if (options.json) return printJson(report);
      console.log(
        `store:      ${report.path}${report.exists ? "" : " (missing)"} ${
          plural(report.size_bytes, "byte")
        }`,
      );
      console.log(`parseable:  ${report.parseable ? "yes" : `no: ${report.error}`}`);
      console.log(
        `entries:    ${report.entries} (${report.cancelled} cancelled, ${report.invalid_entries} invalid)`,
      );
      console.log(
        `duplicates: ${report.duplicate_ids.length ? report.duplicate_ids.join(", ") : "none"}`,
      );
      console.log(`oversized:  ${report.oversized.length ? report.oversized.join(", ") : "none"}`);
      console.log(
        `very short: ${report.very_short.length ? report.very_short.join(", ") : "none"}`,
      );
      console.log(`fzf:        ${report.fzf_available ? "available" : "not found"}`);
      console.log(`clipboard:  ${report.clipboard_command ?? "not found"}`);
      console.log(report.ok ? "ok" : "problems found");
    });
  registerMutations(group);
  registerReplay(group, app);
}
