/**
 * `sase changespec ...`: search ChangeSpecs with the query language, show
 * one, find the current workspace's spec, change a status, and migrate
 * legacy `.gp` filenames.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { formatTable, JSON_FLAG, JSON_HELP, printJson, style } from "./shared/output.ts";
import { processEnv, projectsDir } from "../core/config/paths.ts";
import { SaseError, usageError } from "../core/errors.ts";
import { ChangeSpecStore } from "../core/changespec/store.ts";
import { CHANGESPEC_WIRE_VERSION, toWire } from "../core/changespec/wire.ts";
import type { ChangeSpec } from "../core/changespec/types.ts";
import { plural } from "../core/text/plural.ts";
import { requireKnownProject } from "../core/known_project.ts";
import { READ_LIMITS, readTextBounded } from "../core/fs/bounded_read.ts";
import { neutralizeControls } from "../core/text/control_chars.ts";

function store(): ChangeSpecStore {
  return new ChangeSpecStore(projectsDir(processEnv()));
}

/** The project a `-p` option names (an alias resolves to its project), or undefined. */
async function projectOption(name: string | undefined): Promise<string | undefined> {
  return name === undefined ? undefined : await requireKnownProject(name, processEnv());
}

function title(spec: ChangeSpec): string {
  return spec.description.split("\n")[0] ?? "";
}

/**
 * The spec's lines as they are in its file (agents write these files, so
 * control characters are shown inert; a byte-order mark is not text).
 */
async function specText(spec: ChangeSpec): Promise<string> {
  const text = (await readTextBounded(spec.filePath, READ_LIMITS.document)).replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/).slice(spec.span.startLine - 1, spec.span.endLine);
  return neutralizeControls(lines.join("\n"));
}

/** One line of text from a ProjectSpec, inert. */
function inert(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

function renderMarkdown(specs: ChangeSpec[]): string {
  return specs.map((spec) => {
    const rows = [
      `## ${inert(spec.name)}`,
      "",
      `- **Project:** ${inert(spec.projectBasename)}`,
      `- **Status:** ${inert(spec.status)}`,
    ];
    if (spec.parent) rows.push(`- **Parent:** ${inert(spec.parent)}`);
    if (spec.pr) rows.push(`- **PR:** ${inert(spec.pr)}`);
    if (spec.bug) rows.push(`- **Bug:** ${inert(spec.bug)}`);
    if (spec.description) rows.push("", neutralizeControls(spec.description));
    return rows.join("\n");
  }).join("\n\n");
}

function renderTable(specs: ChangeSpec[], color: boolean): string {
  const rows = specs.map((spec) => [
    color ? style("bold", inert(spec.name)) : inert(spec.name),
    inert(spec.projectBasename),
    inert(spec.status),
    inert(spec.parent ?? ""),
    inert(title(spec)),
  ]);
  return formatTable(["NAME", "PROJECT", "STATUS", "PARENT", "TITLE"], rows);
}

/** Register `sase changespec`. */
export function register(program: Command): void {
  const group = program
    .command("changespec")
    .description("Search and inspect ChangeSpecs (CL/PR review records)");

  group
    .command("search")
    .description("Search ChangeSpecs of active projects with the query language")
    .argument("<query>", "query, e.g. '%w +myproj', '\"fix bug\" OR refactor', '^base_cl !!'")
    .option("-f, --format <format>", "plain, rich or markdown", "rich")
    .option("-a, --include-archive", "also search <project>-archive.sase files")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      '\nQuery syntax: words or "quoted" strings (c"..." case-sensitive), AND/OR/NOT or !, parentheses,\n' +
        "status:X project:X name:X ancestor:X sibling:X origin:X, +proj ^anc ~sib &name,\n" +
        "%d %m %r %s %w %y (status), !!! errors, @@@ running agents, $$$ running processes, * any.",
    )
    .action(async (query, options) => {
      const { parseQuery } = await import("../core/query/parser.ts");
      const { toCanonical } = await import("../core/query/canonical.ts");
      const { QueryCorpus } = await import("../core/query/evaluator.ts");
      const { QueryError } = await import("../core/query/types.ts");
      if (!["plain", "rich", "markdown"].includes(options.format)) {
        throw usageError(`unknown format '${options.format}'`, "use plain, rich or markdown");
      }
      let expr;
      try {
        expr = parseQuery(query);
      } catch (error) {
        if (options.json && error instanceof QueryError) {
          printJson({
            schema_version: CHANGESPEC_WIRE_VERSION,
            query,
            error: { message: error.message, position: error.position },
          });
          Deno.exitCode = 2;
          return;
        }
        throw error;
      }
      const specs = await store().specs({ includeArchive: options.includeArchive ?? false });
      const matches = new QueryCorpus(specs).filter(expr);
      if (options.json) {
        printJson({
          schema_version: CHANGESPEC_WIRE_VERSION,
          query,
          canonical: toCanonical(expr),
          count: matches.length,
          changespecs: matches.map(toWire),
        });
        return;
      }
      if (options.format === "markdown") {
        console.log(matches.length ? renderMarkdown(matches) : "_No matching ChangeSpecs._");
        return;
      }
      if (matches.length === 0) {
        console.log("No matching ChangeSpecs.");
        return;
      }
      console.log(renderTable(matches, options.format === "rich"));
    });

  group
    .command("show")
    .description("Print one ChangeSpec as it is stored")
    .argument("<name>", "ChangeSpec NAME")
    .option("-p, --project <project>", "project holding the ChangeSpec")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) => {
      const s = store();
      const ref = await s.locate(name, await projectOption(options.project));
      const snap = await s.snapshot(ref, true);
      const spec = [snap.active, snap.archive].flatMap((f) => f?.specs ?? []).find((x) =>
        x.name === name
      )!;
      if (options.json) {
        printJson({ schema_version: CHANGESPEC_WIRE_VERSION, changespec: toWire(spec) });
      } else console.log(await specText(spec));
    });

  group
    .command("current")
    .description("Render the ChangeSpec associated with the current workspace")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const { currentChangeSpec } = await import("../core/changespec/current.ts");
      const spec = await currentChangeSpec(store(), Deno.cwd(), processEnv());
      if (options.json) {
        printJson({ schema_version: CHANGESPEC_WIRE_VERSION, changespec: toWire(spec) });
      } else console.log(await specText(spec));
    });

  group
    .command("set-status")
    .description("Move a ChangeSpec to another status through the status state machine")
    .argument("<name>", "ChangeSpec NAME")
    .argument("<status>", "WIP, Draft, Ready, Mailed, Submitted, Reverted or Archived")
    .option("-p, --project <project>", "project holding the ChangeSpec")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, status, options) => {
      const { changeStatus } = await import("../core/changespec/transition.ts");
      const result = await changeStatus(store(), {
        name,
        status,
        project: await projectOption(options.project),
      });
      if (options.json) {
        printJson({
          schema_version: CHANGESPEC_WIRE_VERSION,
          project: result.project,
          old_name: result.oldName,
          new_name: result.newName,
          old_status: result.oldStatus,
          new_status: result.newStatus,
          archive: result.archived,
          reverted: result.reverted,
        });
        return;
      }
      const renamed = result.newName === result.oldName ? "" : ` (renamed to ${result.newName})`;
      console.log(`${result.oldName}: ${result.oldStatus} -> ${result.newStatus}${renamed}`);
      if (result.archived === "to") console.log(`moved to ${result.project}-archive.sase`);
      for (const name of result.reverted) console.log(`reverted sibling ${name}`);
    });

  group
    .command("migrate-extension")
    .description("Rename legacy .gp ProjectSpec files to .sase")
    .option("--force", "replace an existing differing .sase sibling with the .gp file")
    .option("--projects-dir <path>", "project root to scan (default ~/.sase/projects)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const { migrateExtensions } = await import("../core/changespec/migrate.ts");
      const dir = options.projectsDir ?? projectsDir(processEnv());
      const actions = await migrateExtensions(dir, options.force ?? false);
      const conflicts = actions.filter((a) => a.action === "conflict");
      if (options.json) {
        printJson({ schema_version: 1, projects_dir: dir, actions });
      } else if (actions.length === 0) {
        console.log(`Nothing to migrate under ${dir}.`);
      } else {
        for (const a of actions) console.log(`${a.action.padEnd(17)} ${a.from} -> ${a.to}`);
      }
      if (conflicts.length > 0) {
        throw new SaseError(
          "changespec.migrate_conflict",
          `kept ${plural(conflicts.length, "legacy file")}: each differs from its .sase sibling`,
          { hint: "compare the files, then rerun with --force to let the .gp copy win" },
        );
      }
    });
}
