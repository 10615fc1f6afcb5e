/**
 * `sase memory`: the memory context dashboard, audited reads, proposals
 * and their human review, the audit log, and `sase memory init`. Bare
 * `sase memory` runs `list`. Each command's body is in `memory/` and loads
 * when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { collect } from "./shared/options.ts";
import { addMemoryInitCommand } from "./shared/memory_init.ts";
import { importOnDemand } from "../core/on_demand.ts";

function load<T>(file: string): Promise<T> {
  return importOnDemand<T>(`./memory/${file}.ts`, import.meta.url);
}

/** Register `sase memory` and its subcommands. */
export function register(program: Command, app: AppContext): void {
  const memory = program
    .command("memory")
    .description("Agent memory: context dashboard, audited reads, proposals, review, log, init");

  memory.command("list")
    .description("Show loaded, referenced, available and missing memory files with token estimates")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await load<typeof import("./memory/list.ts")>("list")).runList(app, options)
    );

  memory.command("read")
    .description("Agent-side audited read of one type: long note (frontmatter stripped)")
    .argument("<path>", "note path relative to memory/, e.g. generated_skills.md")
    .requiredOption("-r, --reason <reason>", "why the agent needs this note (recorded)")
    .action(async (path, options) =>
      (await load<typeof import("./memory/read.ts")>("read")).runRead(app, path, options)
    );

  memory.command("write")
    .description(
      "Agent-side: record a long-term memory proposal for human review (never edits memory/)",
    )
    .option("--title <title>", "the note's title (becomes its description)")
    .option("--slug <slug>", "target slug ([a-z0-9][a-z0-9_]*); the note is memory/<slug>.md")
    .option("--target <slug.md>", "one-level target path instead of --slug")
    .option(
      "--evidence <evidence>",
      "a path, chat:<id>, url:<url>, an http(s) URL, or supplemental note:<text> (repeatable)",
      collect,
      [],
    )
    .option("--from-chat <id>", "chat evidence by id (repeatable)", collect, [])
    .option("--keyword <keyword>", "keyword for the approved note (repeatable)", collect, [])
    .option("--body <text>", "the proposed note body")
    .option("--file <path>", "read the body from PATH (`-` for stdin)")
    .option("--allow-large", "do not warn about bodies over 16 KiB")
    .option("--manual-author <name>", "author for tests and demos when no agent identity exists")
    .option("--notify", "also post a memory.proposed notification (best effort)")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      "\nWithout --body or --file the body is read from piped stdin. Bodies must be non-empty" +
        "\nUTF-8 of at most 256 KiB; at least one evidence item must not be a note:.",
    )
    .action(async (options) =>
      (await load<typeof import("./memory/write.ts")>("write")).runWrite(app, options)
    );

  memory.command("review")
    .description(
      "Human review of memory proposals: list, show, approve, edit or reject (non-TTY: the list)",
    )
    .argument("[id]", "proposal id or unambiguous prefix")
    .option("--list", "list proposals (pending only unless --all)")
    .option("--all", "with --list: include reviewed proposals")
    .option("--show", "show one proposal with its body")
    .option("--approve", "approve: write memory/<target> with its frontmatter")
    .option("--edit", "edit the body in $VISUAL/$EDITOR, then approve")
    .option("--edited-file <path>", "with --approve: approve this edited body instead")
    .option("--reject", "reject (needs --reason)")
    .option("--reason <reason>", "why the proposal is rejected")
    .option("--target <slug.md>", "approve into this unused one-level target instead")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) =>
      (await load<typeof import("./memory/review.ts")>("review")).runReview(app, id, options)
    );

  memory.command("log")
    .description("Summarize audited memory reads (and with --include proposals, the ledger)")
    .option("--path <path>", "only reads of this note (and proposals targeting it)")
    .option("--agent <name>", "only reads by this agent (and proposals it authored or reviewed)")
    .option("--id <read-id>", "show one read event by id or unambiguous prefix")
    .option("--include <what>", "`proposals`: include proposal and review events")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await load<typeof import("./memory/log.ts")>("log")).runLog(app, options)
    );

  addMemoryInitCommand(
    memory,
    app,
    "init",
    "Create or refresh project/home memory, AGENTS.md wiring and provider shims, then deploy",
  );
}
