/**
 * `sase sdd`: SDD trees — generated guides, listing, links, validation and
 * link repair. Bare `sase sdd` runs `sase sdd list`. Each command's body is
 * in `sdd/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { addInitCommand } from "./shared/sdd_init.ts";
import { importOnDemand } from "../core/on_demand.ts";

const PATH_FLAG = "-p, --path <path>";
const PATH_HELP = "SDD root or project root (default: ./sdd or ./.sase/sdd)";

/** Register `sase sdd`. */
export function register(program: Command, app: AppContext): void {
  const sdd = program
    .command("sdd")
    .description("SDD trees: generated guides, listing, prompt/plan links, validation and repair");

  addInitCommand(
    sdd,
    app,
    "init",
    "Enable sdd.version_controlled, then create or refresh sdd/README.md and the tier READMEs",
  );

  sdd.command("list")
    .description(
      "List SDD prompt and plan files; a tier (-k tales|epics|legends) also selects plans/ " +
        "files declaring it with `tier:`",
    )
    .option(PATH_FLAG, PATH_HELP)
    .option("-k, --kind <kind>", "prompts, tales, epics, legends or all", "all")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./sdd/list.ts")>("./sdd/list.ts", import.meta.url))
        .runList(app, options)
    );

  sdd.command("links")
    .description(
      "Print each prompt/artifact frontmatter link and whether its reverse link is intact",
    )
    .option(PATH_FLAG, PATH_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./sdd/links.ts")>("./sdd/links.ts", import.meta.url))
        .runLinks(app, options)
    );

  sdd.command("validate")
    .description("Validate prompt/plan frontmatter links; exit 1 when there are errors")
    .option(PATH_FLAG, PATH_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .option("-q, --quiet", "print only errors, no summary line")
    .option("--strict", "treat unpaired and ambiguous historical files as errors")
    .option("-W, --show-warnings", "print each warning (hidden by default)")
    .action(async (options) =>
      (await importOnDemand<typeof import("./sdd/validate.ts")>(
        "./sdd/validate.ts",
        import.meta.url,
      )).runValidate(app, options)
    );

  sdd.command("repair-links")
    .description(
      "Infer unambiguous same-bucket same-name prompt/plan pairs; -w writes the links " +
        "(files that do not read exactly, e.g. not UTF-8, are reported and never rewritten)",
    )
    .option(PATH_FLAG, PATH_HELP)
    .option("-w, --write", "write the inferred links (default: report only)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./sdd/repair.ts")>("./sdd/repair.ts", import.meta.url))
        .runRepair(app, options)
    );
}
