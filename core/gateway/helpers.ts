/**
 * The read-only helper operations of the mobile API and of `sase mobile
 * helper-bridge` — ChangeSpec tags, the xprompt catalog, beads — and the
 * one mutating helper, the update worker (`update.ts`). Each answer has the
 * common `result` object; broad lists skip inactive projects, an explicit
 * request for one reports it in `result.warnings` and `result.skipped`.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { homeDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { projectStore } from "../changespec/read.ts";
import { baseStatus } from "../changespec/status.ts";
import type { ProjectSnapshot } from "../changespec/store.ts";
import { GatewayError } from "./errors.ts";
import { expandHome, knownProject } from "./projects.ts";

/** `MobileHelperResultWire`. */
export interface HelperResultWire {
  status: "success" | "partial_success" | "skipped" | "failed";
  message: string | null;
  warnings: string[];
  skipped: { target: string | null; reason: string }[];
  partial_failure_count: number | null;
}

/** `MobileHelperProjectContextWire`. */
export interface HelperContextWire {
  project: string | null;
  scope: "explicit" | "device_default" | "all_known" | "unspecified";
}

/** A success with optional warnings (partial when something was skipped). */
export function helperResult(
  skipped: HelperResultWire["skipped"] = [],
  warnings: string[] = [],
): HelperResultWire {
  return {
    status: skipped.length ? "partial_success" : "success",
    message: null,
    warnings,
    skipped,
    partial_failure_count: skipped.length || null,
  };
}

/** Which project a helper request is about. */
export function helperContext(
  explicit: string | null,
  remembered: string | null,
): HelperContextWire {
  if (explicit) return { project: explicit, scope: "explicit" };
  if (remembered) return { project: remembered, scope: "device_default" };
  return { project: null, scope: "all_known" };
}

const TERMINAL = new Set(["Submitted", "Archived", "Reverted"]);

/** The workspace workflow of a ChangeSpec's tag: `gh` for a GitHub PR, else `git`. */
function workflowOf(pr: string | null): string {
  return pr && /github\.com/.test(pr) ? "gh" : "git";
}

/** Active ChangeSpec prompt tags (`#git:name`) of a project or every active project. */
export async function changespecTags(
  app: AppContext,
  context: HelperContextWire,
  limit: number | null,
) {
  const store = projectStore(app.env);
  const warnings: string[] = [];
  const skipped: HelperResultWire["skipped"] = [];
  let snapshots: ProjectSnapshot[];
  if (context.project) {
    const info = await knownProject(app, context.project, "helper_not_found");
    if (info.state !== "active") {
      warnings.push(
        `project '${info.name}' is ${info.state}: activate it (sase project activate ${info.name}) before launching new work`,
      );
      skipped.push({ target: info.name, reason: `project is ${info.state}` });
    }
    snapshots = (await store.snapshots({ states: "all" })).filter((snap) =>
      snap.ref.name === info.name
    );
  } else snapshots = await store.snapshots({ states: ["active"] });
  const tags = snapshots.flatMap((snap) =>
    (snap.active?.specs ?? []).filter((spec) => !TERMINAL.has(baseStatus(spec.status))).map(
      (spec) => {
        const workflow = workflowOf(spec.pr);
        return {
          project: snap.ref.name,
          changespec: spec.name,
          status: baseStatus(spec.status),
          workflow,
          tag: `#${workflow}:${spec.name}`,
          title: spec.description.split("\n")[0].trim() || null,
          source_path_display: displayPath(app, spec.filePath),
        };
      },
    )
  ).sort((a, b) => a.project.localeCompare(b.project) || a.changespec.localeCompare(b.changespec));
  return {
    schema_version: 1 as const,
    tags: limit === null ? tags : tags.slice(0, limit),
    total_count: tags.length,
    context,
    result: helperResult(skipped, warnings),
  };
}

function displayPath(app: AppContext, path: string): string {
  const home = homeDir(app.env);
  return path.startsWith(`${home}/`) ? `~/${path.slice(home.length + 1)}` : path;
}

/** The directory a project's helpers read from (its `WORKSPACE_DIR`), checked to be known. */
export async function projectDir(app: AppContext, project: string): Promise<string> {
  const info = await knownProject(app, project, "helper_not_found");
  if (!info.workspaceDir) {
    throw new GatewayError("helper_not_found", `project '${project}' has no WORKSPACE_DIR`, {
      kind: "not-found",
      target: project,
    });
  }
  return expandHome(app, info.workspaceDir);
}

/**
 * The projects a bead request searches: the one it names (or the device
 * remembers), or with `all_projects` every active project; neither is a bad
 * request.
 */
async function beadProjects(
  app: AppContext,
  context: HelperContextWire,
  allProjects: boolean,
): Promise<string[]> {
  if (context.project) return [context.project];
  if (allProjects) {
    const snapshots = await projectStore(app.env).snapshots({ states: ["active"] });
    return snapshots.map((snap) => snap.ref.name).sort();
  }
  throw new GatewayError(
    "invalid_request",
    "name a project, pass all_projects=true, or pair a device that launched in one",
    { kind: "invalid-input" },
  );
}

/**
 * Run `read` on each project's workspace. With one project its error is the
 * answer; across every project one that cannot answer (no workspace, no
 * bead store) is reported in `skipped` and the others still answer.
 */
async function perProject<T>(
  app: AppContext,
  projects: readonly string[],
  searchAll: boolean,
  read: (project: string, dir: string) => Promise<T>,
): Promise<{ answers: { project: string; answer: T }[]; skipped: HelperResultWire["skipped"] }> {
  const answers: { project: string; answer: T }[] = [];
  const skipped: HelperResultWire["skipped"] = [];
  for (const project of projects) {
    try {
      answers.push({ project, answer: await read(project, await projectDir(app, project)) });
    } catch (error) {
      if (!searchAll || !(error instanceof SaseError)) throw error;
      skipped.push({ target: project, reason: error.message });
    }
  }
  return { answers, skipped };
}

/** The structured xprompt catalog (of a project's workspace, or of the home directory). */
export async function xpromptCatalogFor(
  app: AppContext,
  context: HelperContextWire,
  options: { tag: string | null; query: string | null; limit: number | null; includePdf: boolean },
) {
  const dir = context.project ? await projectDir(app, context.project) : homeDir(app.env);
  const { xpromptCatalog } = await import("../xprompt/service.ts");
  const { structuredCatalogWire } = await import("../xprompt/wire.ts");
  const scoped = app.at(dir);
  const catalog = structuredCatalogWire(await xpromptCatalog(scoped), homeDir(app.env));
  const query = options.query?.toLowerCase();
  const entries = catalog.entries.filter((entry) =>
    (!options.tag || entry.tags.includes(options.tag)) &&
    (!query || entry.name.toLowerCase().includes(query) ||
      (entry.description ?? "").toLowerCase().includes(query))
  );
  const warnings = options.includePdf ? ["PDF generation is not available on this host"] : [];
  return {
    schema_version: 1 as const,
    entries: options.limit === null ? entries : entries.slice(0, options.limit),
    stats: { ...catalog.stats, total_count: entries.length, pdf_requested: options.includePdf },
    catalog_attachment: null,
    context,
    result: helperResult([], warnings),
  };
}

interface BeadIssue {
  id: string;
  title: string;
  status: string;
  issue_type: string;
  tier: string | null;
  parent_id: string | null;
  assignee: string;
  updated_at: string;
  changespec_name: string;
  dependencies: unknown[];
  description: string;
  notes: string;
  design: string;
}

function beadSummary(
  issue: BeadIssue,
  project: string,
  counts: { children: number; blocks: number },
) {
  return {
    id: issue.id,
    title: issue.title,
    status: issue.status,
    bead_type: issue.issue_type,
    tier: issue.tier,
    parent_id: issue.parent_id,
    assignee: issue.assignee || null,
    project,
    updated_at: issue.updated_at || null,
    changespec_name: issue.changespec_name || null,
    changespec_status: null,
    plan_path_display: null,
    dependency_count: issue.dependencies.length,
    child_count: counts.children,
    block_count: counts.blocks,
  };
}

/**
 * Beads of a project, or of every active project with `allProjects` (open
 * and in progress by default), each row naming its project.
 */
export async function beadList(
  app: AppContext,
  context: HelperContextWire,
  options: {
    allProjects: boolean;
    status: string | null;
    beadType: string | null;
    tier: string | null;
    includeClosed: boolean;
    limit: number | null;
  },
) {
  const projects = await beadProjects(app, context, options.allProjects);
  const { listBeads } = await import("../bead/service.ts");
  const { DEFAULT_LIST_STATUSES } = await import("../bead/query.ts");
  const statuses = options.status
    ? [options.status]
    : options.includeClosed
    ? [...DEFAULT_LIST_STATUSES, "closed"]
    : [...DEFAULT_LIST_STATUSES];
  const { answers, skipped } = await perProject(
    app,
    projects,
    !context.project,
    (_project, dir) =>
      listBeads(app.at(dir), {
        statuses,
        types: options.beadType ? [options.beadType] : undefined,
        tiers: options.tier ? [options.tier] : undefined,
      }),
  );
  const beads = answers.flatMap(({ project, answer: issues }) => {
    const children = new Map<string, number>();
    for (const issue of issues) {
      if (issue.parent_id) children.set(issue.parent_id, (children.get(issue.parent_id) ?? 0) + 1);
    }
    return issues.map((issue) =>
      beadSummary(issue, project, { children: children.get(issue.id) ?? 0, blocks: 0 })
    );
  });
  return {
    schema_version: 1 as const,
    beads: options.limit === null ? beads : beads.slice(0, options.limit),
    total_count: beads.length,
    context,
    result: helperResult(skipped),
  };
}

/**
 * One bead in detail, from the project named, or with `allProjects` from
 * whichever active project holds it (an id two projects hold is ambiguous).
 */
export async function beadShow(
  app: AppContext,
  context: HelperContextWire,
  id: string,
  allProjects: boolean,
) {
  const projects = await beadProjects(app, context, allProjects);
  const { showBead } = await import("../bead/service.ts");
  const { answers, skipped } = await perProject(
    app,
    projects,
    !context.project,
    async (_project, dir) => ({
      dir,
      detail: await showBead(app.at(dir), id).catch((error) => {
        if (error instanceof SaseError && error.kind === "not-found") return null;
        throw error;
      }),
    }),
  );
  const found = answers.flatMap(({ project, answer }) =>
    answer.detail ? [{ project, dir: answer.dir, detail: answer.detail }] : []
  );
  if (found.length === 0) {
    const where = context.project ? context.project : "any active project";
    throw new GatewayError("not_found", `no bead '${id}' in ${where}`, {
      kind: "not-found",
      target: id,
    });
  }
  if (found.length > 1) {
    throw new GatewayError(
      "ambiguous_prefix",
      `bead '${id}' is in several projects: ${found.map((hit) => hit.project).join(", ")}`,
      { kind: "conflict", target: id, hint: "name the project" },
    );
  }
  const [{ project, dir, detail }] = found;
  const issue = detail.issue;
  return {
    schema_version: 1 as const,
    bead: {
      summary: beadSummary(issue, project, {
        children: detail.children.length,
        blocks: detail.blocks.length,
      }),
      description: issue.description || null,
      notes: issue.notes || null,
      design_path_display: issue.design || null,
      workspace_display: displayPath(app, dir),
      dependencies: detail.dependsOn.flatMap((dep) => dep ? [dep.id] : []),
      children: detail.children.map((child) => child.id),
      blocks: detail.blocks.map((block) => block.id),
    },
    context,
    result: helperResult(skipped),
  };
}
