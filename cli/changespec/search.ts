/**
 * `sase changespec search`: ChangeSpecs matching a query, as a table,
 * Markdown or `-j` JSON.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { projectStore, searchChangeSpecs } from "../../core/changespec/read.ts";
import type { ChangeSpec } from "../../core/changespec/types.ts";
import { writeSearchDocument } from "../../core/changespec/search_document.ts";
import { queryErrorWire } from "../../core/changespec/wire.ts";
import { QueryError } from "../../core/query/types.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson, style } from "../shared/output.ts";

/** One line of text from a ProjectSpec, inert. */
function inert(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

function title(spec: ChangeSpec): string {
  return spec.description.split("\n")[0] ?? "";
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

/** `-j`: the document streamed from the parse cache (a large one is never held whole). */
function searchJson(app: AppContext, query: string, includeArchive?: boolean): void {
  try {
    writeSearchDocument(app.env, query, (chunk) => {
      let written = 0;
      while (written < chunk.length) written += Deno.stdout.writeSync(chunk.subarray(written));
    }, { includeArchive });
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    printJson(queryErrorWire(query, error));
    Deno.exitCode = 2;
  }
}

/** Run `sase changespec search QUERY`. */
export async function runSearch(
  app: AppContext,
  query: string,
  options: { format: string; includeArchive?: boolean; json?: boolean },
): Promise<void> {
  if (!["plain", "rich", "markdown"].includes(options.format)) {
    throw usageError(`unknown format '${options.format}'`, "use plain, rich or markdown");
  }
  if (options.json) return searchJson(app, query, options.includeArchive);
  const { matches } = await searchChangeSpecs(projectStore(app.env), query, {
    includeArchive: options.includeArchive,
  });
  if (options.format === "markdown") {
    console.log(matches.length ? renderMarkdown(matches) : "_No matching ChangeSpecs._");
    return;
  }
  if (matches.length === 0) {
    console.log("No matching ChangeSpecs.");
    return;
  }
  console.log(renderTable(matches, options.format === "rich"));
}
