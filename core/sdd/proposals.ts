/**
 * Plan proposals: `sase plan propose` records one, `sase plan` lists them.
 *
 * A proposal is three things: the plan archived under `SASE_HOME/plans/
 * {YYYYMM}/`, a response directory holding `plan_request.json` (and, once
 * decided, `plan_response.json`), and a `PlanApproval` notification whose
 * `action_data.response_dir` points at that directory — the same protocol
 * the TUI, the CLI and remote transports answer.
 *
 * @module
 */

import { basename, join, resolve } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { notificationsPath, saseHome } from "../config/paths.ts";
import type { Env } from "../config/paths.ts";
import { atomicWriteJson, atomicWriteTextFile } from "../fs/atomic_write.ts";
import { exists } from "../fs/access.ts";
import { createNotification } from "../notify/create.ts";
import { readNotifications } from "../notify/store.ts";
import type { Notification } from "../notify/model.ts";
import { monthBucket, planNameFrom, type SddTier } from "./layout.ts";
import { checkPlan, declaredTier } from "./plan_rules.ts";
import {
  fenceFrontmatter,
  flatFrontmatterFields,
  type FrontmatterFields,
  type SplitDocument,
  splitFrontmatter,
} from "./frontmatter_text.ts";
import { readSddDocument } from "./read.ts";
import { findProjectRoot } from "./root.ts";
import { type JsonCheck, readCheckedJson } from "../fs/json_object.ts";
import { importOnDemand } from "../on_demand.ts";
import type { PlanRequest, PlanResponse } from "./proposal_files.ts";

/** File names inside a response directory. */
export const REQUEST_FILE = "plan_request.json";
/** The decision file, created exactly once. */
export const RESPONSE_FILE = "plan_response.json";

/** Read and check a JSON file of the protocol; null when it does not exist. */
export function readProtocolFile<T>(path: string, schema: JsonCheck<T>): Promise<T | null> {
  return readCheckedJson(path, schema, "plan.corrupt");
}

/** The schemas of the protocol's files, loaded by the readers only (proposing writes). */
function protocolSchemas(): Promise<typeof import("./proposal_files.ts")> {
  return importOnDemand<typeof import("./proposal_files.ts")>(
    "./proposal_files.ts",
    import.meta.url,
  );
}

/** Read `plan_request.json` of a response directory. */
export async function readRequest(dir: string): Promise<PlanRequest | null> {
  return readProtocolFile(join(dir, REQUEST_FILE), (await protocolSchemas()).RequestSchema);
}

/** Read `plan_response.json` of a response directory. */
export async function readResponse(dir: string): Promise<PlanResponse | null> {
  return readProtocolFile(join(dir, RESPONSE_FILE), (await protocolSchemas()).ResponseSchema);
}

/** `SASE_HOME/plans`, the machine-local plan archive. */
export function plansArchiveDir(env: Env): string {
  return join(saseHome(env), "plans");
}

async function freeArchivePath(dir: string, name: string): Promise<string> {
  for (let n = 1;; n++) {
    const path = join(dir, `${n === 1 ? name : `${name}_${n}`}.md`);
    if (!(await exists(path))) return path;
  }
}

/** Options of {@linkcode proposePlan}. */
export interface ProposeOptions {
  env: Env;
  cwd: string;
  planFile: string;
  /** The expanded prompt the planner received (default: `$SASE_ARTIFACTS_DIR/prompt.md` if present). */
  promptFile?: string;
  /** The tier of a plan that declares none (default `tale`); a declared tier must agree. */
  tier?: SddTier;
  now?: Date;
}

/** Read a plan file the user named; absence is a clear error, not a stack trace. */
export async function readPlanFile(path: string): Promise<string> {
  try {
    return await readSddDocument(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new SaseError("plan.not_found", `plan file ${path} does not exist`, {
        hint: "write the plan to a Markdown file and pass its path",
        kind: "not-found",
      });
    }
    if (error instanceof SaseError) throw error;
    throw new SaseError(
      "plan.not_found",
      `cannot read plan file ${path}: ${(error as Error).message}`,
      { kind: "failed" },
    );
  }
}

/**
 * A plan's frontmatter block: the flat `key: value` lines plans mostly carry
 * read without the YAML parser, anything else with it (loaded then).
 */
async function readPlanFields(yaml: string): Promise<FrontmatterFields> {
  return flatFrontmatterFields(yaml) ??
    (await importOnDemand<typeof import("./plan_validate.ts")>(
      "./plan_validate.ts",
      import.meta.url,
    ))
      .yamlPlanFields(yaml);
}

/**
 * The plan `text` (split as `split`) declaring `tier`: a plain Markdown plan
 * gains a `tier:` block (a tier is a plain word, which YAML writes as is);
 * frontmatter is edited by the YAML editor, keeping everything else.
 */
async function withTier(
  text: string,
  split: SplitDocument,
  tier: SddTier,
  source: string,
): Promise<string> {
  if (split.yaml === null) return fenceFrontmatter(split, `tier: ${tier}\n`);
  const { setFrontmatterFields } = await importOnDemand<typeof import("./frontmatter.ts")>(
    "./frontmatter.ts",
    import.meta.url,
  );
  return setFrontmatterFields(text, { tier }, source);
}

/** The recorded proposal. */
export interface Proposal {
  notification: Notification;
  request: PlanRequest;
  responseDir: string;
}

/**
 * Validate, archive and announce a plan for approval. A plain Markdown plan
 * (what the `/sase_plan` skill asks agents to write) is accepted: the
 * archived copy gains the `tier:` frontmatter; the author's file is never
 * changed.
 */
export async function proposePlan(options: ProposeOptions): Promise<Proposal> {
  const { env } = options;
  const now = options.now ?? new Date();
  const source = resolve(options.cwd, options.planFile);
  const original = await readPlanFile(source);
  const split = splitFrontmatter(original);
  const fields = split.yaml === null ? null : await readPlanFields(split.yaml);
  const authored = fields === null ? null : declaredTier(fields);
  const tier = options.tier ?? authored ?? "tale";
  const validation = checkPlan(split, fields, tier, {
    fallbackTitle: basename(source).replace(/\.md$/i, ""),
  });
  if (!validation.ok) {
    const details = validation.diagnostics.filter((d) => d.severity === "error")
      .map((d) => `${source}:${d.line ?? 1}: [${d.code}] ${d.message}`);
    throw new SaseError("plan.invalid", `plan failed ${tier} validation:\n${details.join("\n")}`, {
      hint: "fix the plan and propose again (`sase plan validate FILE` lists every problem)",
      kind: "invalid-data",
    });
  }
  const text = authored === tier ? original : await withTier(original, split, tier, source);
  const artifacts = env.SASE_ARTIFACTS_DIR;
  let promptFile = options.promptFile ? resolve(options.cwd, options.promptFile) : null;
  if (!promptFile && artifacts && await exists(join(artifacts, "prompt.md"))) {
    promptFile = join(artifacts, "prompt.md");
  }
  if (promptFile && !(await exists(promptFile))) {
    throw new SaseError("plan.not_found", `prompt file ${promptFile} does not exist`, {
      kind: "not-found",
    });
  }
  const id = crypto.randomUUID();
  const archive = await freeArchivePath(
    join(plansArchiveDir(env), monthBucket(now)),
    planNameFrom(basename(source)),
  );
  await atomicWriteTextFile(archive, text);
  const responseDir = artifacts
    ? join(artifacts, "plan_approval")
    : join(saseHome(env), "plan_requests", id);
  if (
    await exists(join(responseDir, REQUEST_FILE)) &&
    !(await exists(join(responseDir, RESPONSE_FILE)))
  ) {
    throw new SaseError("plan.pending", `a plan proposal is already pending in ${responseDir}`, {
      hint: "approve or reject it first (`sase plan`)",
      kind: "conflict",
    });
  }
  await Deno.remove(join(responseDir, RESPONSE_FILE)).catch(() => {});
  const request: PlanRequest = {
    schema_version: 1,
    notification_id: id,
    plan_file: archive,
    original_file: source,
    prompt_file: promptFile,
    project_dir: await findProjectRoot(options.cwd),
    tier,
    title: validation.plan?.title ?? basename(source),
    created_at: now.toISOString(),
  };
  await atomicWriteJson(join(responseDir, REQUEST_FILE), request);
  const notification = await createNotification(notificationsPath(env), {
    id,
    sender: "plan",
    notes: [`Plan ready for review: ${basename(archive)}`],
    files: [archive],
    action: "PlanApproval",
    action_data: { response_dir: responseDir, project_dir: request.project_dir, plan_tier: tier },
  }, { now });
  // Wakes a running ACE immediately; harmless when none is open.
  await atomicWriteTextFile(
    join(saseHome(env), ".ace_refresh_pulse"),
    String(now.getTime() / 1000),
  );
  return { notification, request, responseDir };
}

/** Where a proposal stands. */
export type ProposalState = "proposed" | "approved" | "rejected";

/** One row of the `sase plan` dashboard. */
export interface ProposalRow {
  id: string;
  /** The shortest unique prefix (at least 8 characters) of `id`. */
  idPrefix: string;
  state: ProposalState;
  timestamp: string;
  title: string;
  tier: string;
  /** The decided kind (approve, tale, epic, legend, commit) for approved rows. */
  kind: string | null;
  planFile: string | null;
  project: string | null;
  responseDir: string | null;
  savedPlanPath: string | null;
}

/** The shortest prefix (at least 8 characters) unique among `ids`. */
export function uniquePrefix(id: string, ids: readonly string[]): string {
  for (let length = 8; length < id.length; length++) {
    const prefix = id.slice(0, length);
    if (ids.filter((other) => other.startsWith(prefix)).length === 1) return prefix;
  }
  return id;
}

/** The kind recorded by a response. */
export function responseKind(response: PlanResponse): string {
  if (typeof response.kind === "string") return response.kind;
  if (response.action !== "approve") return response.action;
  if (response.run_coder === false) return "commit";
  return response.commit_plan ? "tale" : "approve";
}

/** Every PlanApproval notification with its state, newest first. */
export async function listProposals(env: Env): Promise<ProposalRow[]> {
  const { records } = await readNotifications(notificationsPath(env));
  const plans = records.filter((record) => record.action === "PlanApproval");
  const ids = plans.map((record) => record.id);
  const rows = await Promise.all(plans.map(async (record): Promise<ProposalRow> => {
    const dir = typeof record.action_data?.response_dir === "string"
      ? record.action_data.response_dir
      : null;
    const request = dir ? await readRequest(dir) : null;
    const response = dir ? await readResponse(dir) : null;
    const state: ProposalState = response
      ? response.action === "reject" ? "rejected" : "approved"
      : record.dismissed || !request
      ? "rejected"
      : "proposed";
    const planFile = record.files?.[0] ?? request?.plan_file ?? null;
    return {
      id: record.id,
      idPrefix: uniquePrefix(record.id, ids),
      state,
      timestamp: record.timestamp,
      title: request?.title ?? (planFile ? basename(planFile) : "(unknown plan)"),
      tier: request?.tier ?? String(record.action_data?.plan_tier ?? "tale"),
      kind: response && state === "approved" ? responseKind(response) : null,
      planFile,
      project: request?.project_dir ?? (record.action_data?.project_dir as string | undefined) ??
        null,
      responseDir: dir,
      savedPlanPath: typeof response?.saved_plan_path === "string"
        ? response.saved_plan_path
        : null,
    };
  }));
  return rows.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
}

/** How many approved and rejected proposals the dashboard shows. */
export const RECENT_DECIDED = 10;

/** The `sase plan` dashboard: every pending proposal, the recently decided ones. */
export interface ProposalDashboard {
  proposed: ProposalRow[];
  /** The {@linkcode RECENT_DECIDED} newest approved proposals. */
  approved: ProposalRow[];
  /** The {@linkcode RECENT_DECIDED} newest rejected (or inferred rejected) proposals. */
  rejected: ProposalRow[];
}

/** The proposals of the dashboard, each list newest first. */
export async function proposalDashboard(env: Env): Promise<ProposalDashboard> {
  const rows = await listProposals(env);
  return {
    proposed: rows.filter((row) => row.state === "proposed"),
    approved: rows.filter((row) => row.state === "approved").slice(0, RECENT_DECIDED),
    rejected: rows.filter((row) => row.state === "rejected").slice(0, RECENT_DECIDED),
  };
}
