/**
 * `sase xprompt`: list the catalog, expand prompt text, explain an xprompt
 * or workflow, graph a workflow, print the structured catalog.
 * Each command's body is in `xprompt/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Register `sase xprompt`. */
export function register(program: Command, app: AppContext): void {
  const group = program.command("xprompt").description(
    "XPrompt catalog, expansion and explanation",
  );
  group
    .command("list")
    .description("List every xprompt and workflow as a JSON array")
    // The catalog is JSON either way (handbook 7.2.3); -j is accepted as on every listing.
    .option(JSON_FLAG, "print the JSON catalog (the default)")
    .action(async () =>
      (await importOnDemand<typeof import("./xprompt/list.ts")>(
        "./xprompt/list.ts",
        import.meta.url,
      )).runList(app)
    );
  group
    .command("expand")
    .description("Expand xprompt references in a prompt (argument, '-' or stdin)")
    .argument("[prompt]", "prompt text; '-' or omitted reads stdin")
    .option("--trace", "print each resolved reference, its file, args and expansion to stderr")
    .action(async (text, options) =>
      (await importOnDemand<typeof import("./xprompt/expand.ts")>(
        "./xprompt/expand.ts",
        import.meta.url,
      )).runExpand(app, text, options)
    );
  group
    .command("explain")
    .description(
      "Dry-run a workflow (inputs, steps, control flow, rendered bodies) or render an xprompt",
    )
    .argument("<name>", "xprompt or workflow name, without '#' or '#!'")
    .argument("[args...]", "positional arguments")
    .option("--arg <key=value...>", "named argument (repeatable)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, args, options) =>
      (await importOnDemand<typeof import("./xprompt/explain.ts")>(
        "./xprompt/explain.ts",
        import.meta.url,
      )).runExplain(app, name, args, options)
    );
  group
    .command("graph")
    .description("Print a workflow's step graph (Mermaid or text); no name lists the workflows")
    .argument("[name]", "workflow name, without '#' or '#!'")
    .option("-f, --format <format>", "mermaid (default) or text")
    .option(JSON_FLAG, "list the workflows as JSON (without a name)")
    .addHelpText(
      "after",
      "\nParallel blocks are Mermaid subgraphs; finally steps hang on dashed edges.",
    )
    .action(async (name, options) =>
      (await importOnDemand<typeof import("./xprompt/graph.ts")>(
        "./xprompt/graph.ts",
        import.meta.url,
      )).runGraph(app, name, options)
    );
  group
    .command("catalog")
    .description(
      "Print the structured catalog (insertion, kind, input signature, definition path) as JSON",
    )
    .option(JSON_FLAG, "print the JSON catalog (the default)")
    .action(async () =>
      (await importOnDemand<typeof import("./xprompt/catalog.ts")>(
        "./xprompt/catalog.ts",
        import.meta.url,
      )).runCatalog(app)
    );
}
