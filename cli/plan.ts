/**
 * `sase plan`: the plan approval pipeline from a shell — list proposals,
 * propose a plan, approve one (launching its follow-up), validate a plan
 * file, search prior plans.
 * Bare `sase plan` runs `sase plan list`.
 *
 * @module
 */

import { Option } from "@commander-js/extra-typings";
import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { formatTable, JSON_FLAG, JSON_HELP, printJson, style } from "./shared/output.ts";
import { processEnv } from "../core/config/paths.ts";
import {
  listProposals,
  plansArchiveDir,
  type ProposalRow,
  proposePlan,
} from "../core/sdd/proposals.ts";
import { APPROVAL_KINDS, approvePlan } from "../core/sdd/approve.ts";
import { authoredTier, validatePlan } from "../core/sdd/plan_validate.ts";
import { readPlanFile } from "../core/sdd/proposals.ts";
import { neutralizeControls } from "../core/text/control_chars.ts";
import { SDD_TIERS, type SddTier } from "../core/sdd/layout.ts";
import {
  loadPlanDocs,
  type PlanHit,
  type PlanSource,
  searchPlanDocs,
} from "../core/sdd/plan_search.ts";
import { resolveSddRoot } from "../core/sdd/root.ts";
import { usageError } from "../core/errors.ts";
import { basename, resolve } from "node:path";
import { plural } from "../core/text/plural.ts";

const RECENT = 10;

function proposalJson(row: ProposalRow) {
  return {
    id: row.id,
    id_prefix: row.id_prefix,
    timestamp: row.timestamp,
    title: row.title,
    tier: row.tier,
    kind: row.kind,
    plan_file: row.plan_file,
    project: row.project,
    response_dir: row.response_dir,
    saved_plan_path: row.saved_plan_path,
  };
}

/** One line of text others wrote (titles, paths, messages), printed inert. */
function inert(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

/** A block of text others wrote (plan bodies), printed inert but keeping its lines. */
function inertBlock(text: string): string {
  return neutralizeControls(text);
}

function renderHits(hits: readonly PlanHit[], format: string): string {
  if (format === "json") {
    return JSON.stringify(
      {
        schema_version: 1,
        count: hits.length,
        results: hits.map(({ body: _b, ...hit }) => hit),
      },
      null,
      2,
    );
  }
  if (format === "markdown") {
    return hits.map((hit) =>
      `## ${inert(hit.title)}\n\n- source: ${hit.source}\n- path: ${inert(hit.path)}\n- tier: ${
        inert(hit.tier)
      }\n- status: ${inert(hit.status ?? "-")}\n- created: ${inert(hit.created)}\n\n${
        inertBlock(hit.body.trim())
      }\n`
    ).join("\n");
  }
  const lines: string[] = [];
  for (const source of ["sdd", "local"] as const) {
    const group = hits.filter((hit) => hit.source === source);
    if (group.length === 0) continue;
    lines.push(
      style("dim", `— ${source === "sdd" ? "SDD plans" : "Local archive"} (${group.length}) —`),
    );
    for (const hit of group) {
      lines.push(
        `${style("bold", inert(hit.title))}  ${
          style("dim", inert(`${hit.tier} · ${hit.created} · ${hit.path}`))
        }`,
      );
      if (format === "full") lines.push(inertBlock(hit.body.trim()), style("dim", "─".repeat(40)));
      else if (hit.snippet) lines.push(`  ${inert(hit.snippet)}`);
    }
  }
  const sdd = hits.filter((hit) => hit.source === "sdd").length;
  lines.push(
    `${plural(hits.length, "match", "matches")} (${sdd} SDD · ${hits.length - sdd} local)`,
  );
  return lines.join("\n");
}

/** Register `sase plan`. */
export function register(program: Command, app: AppContext): void {
  const plan = program.command("plan").description(
    "Plan proposals: list, propose, approve, validate and search plans",
  );

  plan.command("list")
    .description("List pending, recently approved and inferred rejected plan proposals")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const rows = await listProposals(processEnv());
      const proposed = rows.filter((row) => row.state === "proposed");
      const approved = rows.filter((row) => row.state === "approved").slice(0, RECENT);
      const rejected = rows.filter((row) => row.state === "rejected").slice(0, RECENT);
      if (options.json) {
        return printJson({
          summary: {
            proposed: proposed.length,
            approved: approved.length,
            rejected: rejected.length,
          },
          proposed: proposed.map(proposalJson),
          approved: approved.map(proposalJson),
          rejected: rejected.map(proposalJson),
        });
      }
      const section = (title: string, list: ProposalRow[], extra: (row: ProposalRow) => string) => {
        console.log(style("bold", `${title} (${list.length})`));
        if (list.length === 0) return console.log("  none");
        console.log(
          formatTable(
            ["ID", "TIER", "TITLE", "DETAIL"],
            list.map((
              row,
            ) => [row.id_prefix, inert(row.tier), inert(row.title), inert(extra(row))]),
          ),
        );
      };
      section("Proposed", proposed, (row) => row.plan_file ?? "-");
      section(
        "Approved",
        approved,
        (row) =>
          `${row.kind ?? "approve"}${row.saved_plan_path ? ` → ${row.saved_plan_path}` : ""}`,
      );
      section("Rejected", rejected, (row) => row.plan_file ?? "-");
    });

  plan.command("propose")
    .description(
      "Submit a markdown plan file for approval (used by the /sase_plan skill); a plain " +
        "Markdown plan is fine: the archived copy gains `tier:` frontmatter, your file is unchanged",
    )
    .argument("<plan_file>", "the plan markdown file")
    .option(
      "--prompt-file <path>",
      "expanded prompt the planner received (default: $SASE_ARTIFACTS_DIR/prompt.md)",
    )
    .addOption(
      new Option(
        "-t, --tier <tier>",
        "tier of a plan whose frontmatter names none (default: tale)",
      ).choices(SDD_TIERS),
    )
    .action(async (planFile, options) => {
      const proposal = await proposePlan({
        env: processEnv(),
        cwd: Deno.cwd(),
        planFile,
        promptFile: options.promptFile,
        tier: options.tier,
      });
      console.log(
        `Plan proposed: ${inert(proposal.request.title)} (${proposal.request.tier})`,
      );
      console.log(`  id: ${proposal.notification.id}`);
      console.log(`  archived: ${inert(proposal.request.plan_file)}`);
      console.log(
        `Approve with: sase plan approve ${
          proposal.notification.id.slice(0, 8)
        } --kind ${proposal.request.tier}`,
      );
    });

  plan.command("approve")
    .description("Approve one pending proposal by notification id or unique id prefix")
    .argument("[selector]", "notification id or prefix (optional when exactly one is pending)")
    .addOption(
      new Option(
        "-k, --kind <kind>",
        "approve, tale, epic, legend or commit (default: the tier the plan declares)",
      ).choices(APPROVAL_KINDS),
    )
    .option("-m, --model <model>", "model of the follow-up agent")
    .option("-p, --prompt <text>", "extra coder instructions (approve and tale only)")
    .action(async (selector, options) => {
      const result = await approvePlan({
        env: app.env,
        selector,
        kind: options.kind,
        model: options.model,
        prompt: options.prompt,
      });
      console.log(`Plan ${result.id.slice(0, 8)} approved as ${result.kind}`);
      if (result.persisted) {
        console.log(`  committed plan: ${result.persisted.planPath}`);
        if (result.persisted.promptPath) {
          console.log(`  prompt snapshot: ${result.persisted.promptPath}`);
        }
        console.log(
          result.persisted.commit
            ? `  SDD commit: ${result.persisted.commit.slice(0, 12)} (local SDD repo)`
            : "  version-controlled SDD: the files are left for `sase commit`",
        );
      }
      if (result.beads) {
        console.log(
          `  bead: ${result.beads.beadId}${
            Object.keys(result.beads.phaseIds).length
              ? ` (phases ${Object.values(result.beads.phaseIds).join(", ")})`
              : ""
          }`,
        );
      }
      console.log(`  response: ${result.responsePath}`);
      if (result.followUp) {
        const { launchFollowUp } = await import("../core/sdd/follow_up_launch.ts");
        const launched = await launchFollowUp(app, result.followUp);
        if (launched.kind === "coder") {
          for (const agent of launched.launched) {
            console.log(`Launched coder ${agent.name}  ${agent.dir}`);
          }
        } else {
          const { beadWorkReport } = await import("./shared/bead_work.ts");
          for (const line of beadWorkReport(launched.launch)) console.log(line);
          const warning = launched.launch.result.warning;
          if (warning) app.warn(neutralizeControls(warning));
        }
      }
    });

  plan.command("validate")
    .description(
      "Validate a plan file against a tier; prints every problem with its line, exit 1 on errors",
    )
    .argument("<plan_file>", "the plan markdown file")
    .addOption(
      new Option(
        "-t, --tier <tier>",
        "tale, epic or legend (default: the tier the plan declares, else tale)",
      ).choices(SDD_TIERS),
    )
    .option(JSON_FLAG, JSON_HELP)
    .action(async (planFile, options) => {
      const path = resolve(planFile);
      const text = await readPlanFile(path);
      const tier: SddTier = options.tier ?? authoredTier(text) ?? "tale";
      const result = validatePlan(text, tier, {
        fallbackTitle: basename(path).replace(/\.md$/i, ""),
      });
      if (!result.ok) Deno.exitCode = 1;
      if (options.json) return printJson({ path: planFile, tier, ...result });
      for (const d of result.diagnostics) {
        const label = d.severity === "error" ? style("red", "error") : style("yellow", "warning");
        console.log(
          `${label} ${inert(planFile)}:${d.line ?? 1} [${d.code}] ${
            d.field_path ? `${d.field_path}: ` : ""
          }${inert(d.message)}`,
        );
      }
      const errors = result.diagnostics.filter((d) => d.severity === "error").length;
      const warnings = result.diagnostics.length - errors;
      console.log(
        `${inert(planFile)}: ${result.ok ? "valid" : "invalid"} ${tier} (${errors} error${
          errors === 1 ? "" : "s"
        }, ${warnings} warning${warnings === 1 ? "" : "s"})`,
      );
    });

  plan.command("search")
    .description("Search committed SDD plans first, then the ~/.sase/plans archive")
    .argument("[query]", "text to look for (omit to browse by recency)")
    .addOption(new Option("--kind <tier>", "tale, epic or legend").choices(SDD_TIERS))
    .option("--status <status>", "frontmatter status, e.g. wip or done")
    .addOption(new Option("--source <source>", "sdd or local").choices(["sdd", "local"] as const))
    .option("--since <date>", "created on or after YYYY-MM-DD")
    .option("--until <date>", "created on or before YYYY-MM-DD")
    .addOption(
      new Option("-f, --format <format>", "output format").choices(
        ["compact", "full", "json", "markdown"] as const,
      ).default("compact" as const),
    )
    .option(JSON_FLAG, "print machine-readable JSON (same as -f json)")
    .action(async (query, options) => {
      for (
        const [flag, value] of [["--since", options.since], ["--until", options.until]] as const
      ) {
        if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
          throw usageError(
            `${flag}: expected YYYY-MM-DD, got '${value}'`,
            "write the date as year-month-day, e.g. 2026-05-01",
          );
        }
      }
      const env = processEnv();
      const sdd = await resolveSddRoot({ cwd: Deno.cwd(), env });
      const { docs, skipped } = await loadPlanDocs(sdd.root, plansArchiveDir(env));
      for (const reason of skipped) {
        console.error(style("yellow", `warning: skipped ${inert(reason)}`));
      }
      const hits = searchPlanDocs(docs, {
        query,
        kind: options.kind,
        status: options.status,
        source: options.source as PlanSource | undefined,
        since: options.since,
        until: options.until,
      });
      console.log(renderHits(hits, options.json ? "json" : options.format));
    });
}
