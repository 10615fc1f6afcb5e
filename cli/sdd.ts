/**
 * `sase sdd`: SDD trees — generated guides, listing, links, validation and
 * link repair. Bare `sase sdd` runs `sase sdd list`.
 *
 * @module
 */

import { relative } from "node:path";
import type { Command } from "@commander-js/extra-typings";
import { formatTable, JSON_FLAG, JSON_HELP, printJson, style } from "./shared/output.ts";
import { processEnv } from "../core/config/paths.ts";
import { resolveSddRoot } from "../core/sdd/root.ts";
import { linksOf, listSdd } from "../core/sdd/tree.ts";
import type { SddValidation } from "../core/sdd/validate.ts";
import { validateTree } from "../core/sdd/tree.ts";
import { scanSddTree } from "../core/sdd/scan.ts";
import { applyRepair, planRepair } from "../core/sdd/repair.ts";
import { commitPlanningWrite } from "../core/sdd/local_repo.ts";
import { checkSddInit, type InitReport, initRoots, runSddInit } from "../core/sdd/init.ts";
import { SaseError } from "../core/errors.ts";
import { neutralizeControls } from "../core/text/control_chars.ts";
import type { SddIssue } from "../core/sdd/validate.ts";
import { plural } from "../core/text/plural.ts";

const PATH_FLAG = "-p, --path <path>";
const PATH_HELP = "SDD root or project root (default: ./sdd or ./.sase/sdd)";

/** File names and messages quote what agents wrote: print them inert. */
function inert(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

/** One issue as a text line: `error path:line [code] message`. */
function issueLine(issue: SddIssue): string {
  const where = issue.line === undefined ? issue.path : `${issue.path}:${issue.line}`;
  const label = issue.severity === "error" ? style("red", "error") : style("yellow", "warning");
  return `${label} ${inert(where)} [${issue.code}] ${inert(issue.message)}`;
}

/** Text rendering of a validation; warnings only when `showWarnings`. */
export function renderValidation(
  result: SddValidation,
  options: { showWarnings: boolean; quiet: boolean },
): string[] {
  const lines: string[] = [];
  for (const issue of result.issues) {
    if (issue.severity === "warning" && !options.showWarnings) continue;
    lines.push(issueLine(issue));
  }
  if (options.quiet) return lines;
  const hidden = result.warning_count > 0 && !options.showWarnings
    ? " (use --show-warnings to display)"
    : "";
  const verdict = result.ok
    ? style("green", "SDD validation passed")
    : style("red", "SDD validation failed");
  lines.push(
    `${verdict}: ${plural(result.file_count, "file")}, ${plural(result.error_count, "error")}, ${
      plural(result.warning_count, "warning")
    }${hidden}`,
  );
  return lines;
}

/** Text rendering of an init run or check. */
export function renderInit(report: InitReport, check: boolean): string[] {
  const lines: string[] = [];
  for (const item of report.items) {
    if (check) {
      if (item.state !== "current") {
        const what = item.role === "config" ? "sdd.version_controlled is not true in" : item.state;
        lines.push(`${style("yellow", "drift")} ${what} ${inert(item.path)}`);
      }
    } else if (report.written.includes(item.path)) {
      lines.push(`${style("green", "wrote")} ${inert(item.path)}`);
    }
  }
  if (check) {
    lines.push(
      report.drift
        ? `SDD init drift: ${plural(lines.length, "item")} ${
          lines.length === 1 ? "needs" : "need"
        } \`sase sdd init\``
        : "SDD init is current",
    );
  } else if (report.written.length === 0) lines.push("SDD init: everything is current");
  return lines;
}

/** Register the `sdd init` command on `parent` (shared with `sase init sdd`). */
export function addInitCommand(parent: Command, name: string, description: string): void {
  parent
    .command(name)
    .description(description)
    .option(PATH_FLAG, "SDD root or project root (default: the current directory)")
    .option(
      "-c, --check",
      "report config and generated-file drift without writing; exit 1 on drift",
    )
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const { projectRoot, sddRoot } = initRoots(Deno.cwd(), options.path);
      const report = options.check
        ? await checkSddInit(projectRoot, sddRoot)
        : await runSddInit(projectRoot, sddRoot);
      if (options.check && report.drift) Deno.exitCode = 1;
      if (options.json) {
        return printJson({
          schema_version: 1,
          project_root: report.projectRoot,
          sdd_root: report.sddRoot,
          check: options.check ?? false,
          drift: report.drift,
          items: report.items,
          written: report.written,
        });
      }
      for (const line of renderInit(report, options.check ?? false)) console.log(line);
    });
}

async function rootFor(path: string | undefined, forWrite = false) {
  return await resolveSddRoot({ cwd: Deno.cwd(), env: processEnv(), path, forWrite });
}

/** Register `sase sdd`. */
export function register(program: Command): void {
  const sdd = program
    .command("sdd")
    .description("SDD trees: generated guides, listing, prompt/plan links, validation and repair");

  addInitCommand(
    sdd,
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
    .action(async (options) => {
      const { root } = await rootFor(options.path);
      const rows = await listSdd(root, options.kind);
      if (options.json) return printJson({ schema_version: 1, root, files: rows });
      if (rows.length === 0) return console.log(`no SDD files in ${inert(root)}`);
      console.log(
        formatTable(["KIND", "PATH"], rows.map((row) => [row.tier ?? row.kind, inert(row.path)])),
      );
    });

  sdd.command("links")
    .description(
      "Print each prompt/artifact frontmatter link and whether its reverse link is intact",
    )
    .option(PATH_FLAG, PATH_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const { root } = await rootFor(options.path);
      const rows = await linksOf(root, Deno.cwd());
      if (options.json) return printJson({ schema_version: 1, root, links: rows });
      if (rows.length === 0) return console.log(`no prompt or plan files in ${inert(root)}`);
      console.log(formatTable(
        ["PATH", "LINK", "STATUS"],
        rows.map((row) => [
          inert(row.path),
          row.target === null ? "-" : inert(`${row.field}: ${row.target}`),
          row.target === null
            ? style("yellow", "unlinked")
            : !row.target_exists
            ? style("red", "missing target")
            : row.bidirectional
            ? style("green", "bidirectional")
            : style("red", "reverse link broken"),
        ]),
      ));
    });

  sdd.command("validate")
    .description("Validate prompt/plan frontmatter links; exit 1 when there are errors")
    .option(PATH_FLAG, PATH_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .option("-q, --quiet", "print only errors, no summary line")
    .option("--strict", "treat unpaired and ambiguous historical files as errors")
    .option("-W, --show-warnings", "print each warning (hidden by default)")
    .action(async (options) => {
      const { root } = await rootFor(options.path);
      const result = await validateTree(root, { strict: options.strict, cwd: Deno.cwd() });
      if (options.json) printJson(result);
      else {
        const lines = renderValidation(result, {
          showWarnings: options.showWarnings ?? false,
          quiet: options.quiet ?? false,
        });
        for (const line of lines) console.log(line);
      }
      if (!result.ok) Deno.exitCode = 1;
    });

  sdd.command("repair-links")
    .description(
      "Infer unambiguous same-bucket same-name prompt/plan pairs; -w writes the links " +
        "(files that do not read exactly, e.g. not UTF-8, are reported and never rewritten)",
    )
    .option(PATH_FLAG, PATH_HELP)
    .option("-w, --write", "write the inferred links (default: report only)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const sddRoot = await rootFor(options.path);
      const files = await scanSddTree(sddRoot.root).catch((error) => {
        throw new SaseError(
          "sdd.no_root",
          `cannot read SDD tree ${sddRoot.root}: ${error.message}`,
          { hint: "pass -p/--path with an SDD root or a project root" },
        );
      });
      const plan = planRepair(sddRoot.root, sddRoot.linkPrefix, files, Deno.cwd());
      let written: string[] = [];
      const issues = [...plan.issues];
      if (options.write && plan.fixes.length > 0) {
        const result = await applyRepair(sddRoot.root, plan.fixes);
        written = result.written;
        issues.push(...result.skipped);
        await commitPlanningWrite(sddRoot, written, "Repair SDD prompt/plan links");
      }
      const failed = issues.some((issue) => issue.severity === "error");
      if (failed) Deno.exitCode = 1;
      if (options.json) {
        return printJson({
          schema_version: 1,
          root: sddRoot.root,
          write: options.write ?? false,
          fixes: plan.fixes,
          written: written.map((path) => relative(sddRoot.root, path)),
          issues,
        });
      }
      for (const issue of issues) console.log(issueLine(issue));
      const skipped = new Set(issues.map((issue) => issue.path));
      for (const fix of plan.fixes) {
        const verb = !options.write ? "would set" : skipped.has(fix.path) ? "skipped" : "set";
        console.log(`${verb} ${fix.field}: ${inert(fix.value)} in ${inert(fix.path)}`);
      }
      const count = plural(options.write ? written.length : plan.fixes.length, "link");
      console.log(
        options.write
          ? `repaired ${count}`
          : `${count} to repair${plan.fixes.length ? " (rerun with -w/--write to apply)" : ""}`,
      );
    });
}
