/**
 * `sase notify`: inspect the notification inbox and post to it.
 *
 * Bare `sase notify` runs `list` (the group-default rule), so its
 * `-s/--sender` and `-t/--tag` reach `list` unchanged. Each command's body
 * is in `notify/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { collect, nonNegativeInt } from "./shared/options.ts";
import { importOnDemand } from "../core/on_demand.ts";

function addList(group: Command, app: AppContext): void {
  group
    .command("list")
    .description("List recent notifications, newest first (dismissed ones only with -a)")
    .option(JSON_FLAG, JSON_HELP)
    .option("-l, --limit <n>", "show at most N notifications", nonNegativeInt("--limit"))
    .option("-q, --query <text>", "match ids, senders, notes, files, actions, action data, tags")
    .option("-t, --tag <tag>", "only notifications with this exact (normalized) tag")
    .option("-s, --sender <sender>", "only notifications from this sender")
    .option("-u, --unread", "only unread notifications")
    .option("-a, --all", "include dismissed notifications")
    .action(async (options) =>
      (await importOnDemand<typeof import("./notify/list.ts")>("./notify/list.ts", import.meta.url))
        .runList(app, options)
    );
}

function addShow(group: Command, app: AppContext): void {
  group
    .command("show")
    .description("Show one notification (dismissed included) by id or unique id prefix")
    .argument("[id]", "notification id (same as --id)")
    .option("-i, --id <id>", "notification id")
    .addOption(
      group.createOption("-f, --format <format>", "output format")
        .choices(["markdown", "json"] as const)
        .default("markdown" as const),
    )
    .option(JSON_FLAG, "same as --format json")
    .action(async (positional, options) =>
      (await importOnDemand<typeof import("./notify/show.ts")>("./notify/show.ts", import.meta.url))
        .runShow(app, positional, options)
    );
}

function addCreate(group: Command, app: AppContext): void {
  group
    .command("create")
    .description("Create a notification from JSON on stdin (or --file) and print its id")
    .option("-s, --sender <sender>", "sender (overrides the JSON's sender)")
    .option("-t, --tag <tag>", "add a tag (repeatable; appended to the JSON tags)", collect, [])
    .option("--file <path>", "read the JSON from PATH instead of stdin")
    .action(async (options) =>
      (await importOnDemand<typeof import("./notify/create.ts")>(
        "./notify/create.ts",
        import.meta.url,
      )).runCreate(app, options)
    );
}

/** Register `sase notify` and its subcommands. */
export function register(program: Command, app: AppContext): void {
  const group = program
    .command("notify")
    .description("Notification inbox: list, show and create notifications");
  addList(group, app);
  addShow(group, app);
  addCreate(group, app);
}
