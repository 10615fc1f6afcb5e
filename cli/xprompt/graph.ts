/**
 * `sase xprompt graph [NAME] [-f mermaid|text]`: a workflow's step graph
 * (Mermaid by default), or without a name the multi-step workflows with
 * their step counts and files.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { GRAPH_FORMATS, type GraphFormat } from "../../core/workflow/graph.ts";
import { graphNamedWorkflow, listWorkflows } from "../../core/workflow/service.ts";
import { workflowListingWire } from "../../core/workflow/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase xprompt graph`. */
export async function runGraph(
  app: AppContext,
  name: string | undefined,
  options: { format?: string; json?: boolean },
): Promise<void> {
  const format = (options.format ?? "mermaid") as GraphFormat;
  if (!GRAPH_FORMATS.includes(format)) {
    throw usageError(`unknown format '${options.format}'`, `use ${GRAPH_FORMATS.join(" or ")}`);
  }
  if (name) {
    console.log(neutralizeControls(await graphNamedWorkflow(app, name, format)));
    return;
  }
  const listings = await listWorkflows(app);
  if (options.json) return printJson(listings.map(workflowListingWire));
  if (listings.length === 0) {
    console.log("No multi-step workflows found.");
    return;
  }
  console.log(formatTable(
    ["WORKFLOW", "KIND", "STEPS", "SOURCE"],
    listings.map((listing) => [
      neutralizeControls(listing.name),
      listing.kind,
      listing.problem ? "invalid" : String(listing.steps),
      neutralizeControls(listing.sourcePath),
    ]),
  ));
  for (const listing of listings.filter((entry) => entry.problem)) {
    app.warn(neutralizeControls(listing.problem!, { keepLayout: false }));
  }
}
