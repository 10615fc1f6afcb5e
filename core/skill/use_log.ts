/**
 * Audited skill use: `sase skill use <name> -r <reason>` appends a
 * metadata row (skill, agent, runtime, reason) to
 * `SASE_HOME/projects/<project>/skill_uses.jsonl` under its lock;
 * `sase skill log` summarizes the rows per skill, agent and runtime.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { appendJsonl, readJsonl } from "../fs/jsonl.ts";
import { join, resolve } from "../fs/path.ts";
import { readJsonObject } from "../fs/json_object.ts";
import { requireAgentIdentity } from "../memory/identity.ts";
import { memoryProjectName, memoryStatePaths } from "../memory/layout.ts";
import { groupAudit } from "../memory/summary.ts";

/** One recorded skill use (snake_case: the file is shared with the original). */
export interface SkillUseEvent {
  schema_version: number;
  id: string;
  timestamp: string;
  project: string;
  cwd: string;
  skill_name: string;
  agent_name: string;
  agent_source: string;
  artifacts_dir: string | null;
  reason: string;
  runtime: string | null;
}

const SCHEMA_VERSION = 1;

/** The skill-use log of a project. */
export function skillUseLogPath(app: AppContext, project: string): string {
  return join(memoryStatePaths(project, app.env).dir, "skill_uses.jsonl");
}

function invalid(message: string): SaseError {
  return new SaseError("skill.use", message, { kind: "invalid-input" });
}

async function runtimeOf(artifactsDir: string | null): Promise<string | null> {
  if (!artifactsDir) return null;
  const meta = await readJsonObject(join(artifactsDir, "agent_meta.json"));
  for (const key of ["llm_provider", "provider", "runtime"]) {
    const value = meta?.[key];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return null;
}

/** Record that the agent in `app.env` used skill `name`. */
export async function recordSkillUse(
  app: AppContext,
  name: string,
  reason: string,
): Promise<SkillUseEvent> {
  const skill = name.trim();
  if (!skill) throw invalid("skill name must not be empty");
  if (/[\r\n]/.test(skill)) throw invalid("skill name must be a single line");
  const why = reason.trim();
  if (!why) throw invalid("skill use reason must not be empty (-r/--reason)");
  const agent = await requireAgentIdentity(app.env, "skill uses");
  const project = await memoryProjectName(app.cwd, app.env);
  const event: SkillUseEvent = {
    schema_version: SCHEMA_VERSION,
    id: crypto.randomUUID().replaceAll("-", "").slice(0, 12),
    timestamp: app.now().toISOString(),
    project,
    cwd: resolve(app.cwd),
    skill_name: skill,
    agent_name: agent.name,
    agent_source: agent.source,
    artifacts_dir: agent.artifactsDir,
    reason: why,
    runtime: await runtimeOf(agent.artifactsDir),
  };
  await appendJsonl(skillUseLogPath(app, project), [event]);
  return event;
}

function parseEvent(row: unknown): SkillUseEvent | null {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return null;
  const data = row as Record<string, unknown>;
  if (data.schema_version !== SCHEMA_VERSION) return null;
  const strings = [
    "id",
    "timestamp",
    "project",
    "cwd",
    "skill_name",
    "agent_name",
    "agent_source",
    "reason",
  ];
  if (strings.some((k) => typeof data[k] !== "string")) return null;
  for (const k of ["artifacts_dir", "runtime"]) {
    if (data[k] !== undefined && data[k] !== null && typeof data[k] !== "string") return null;
  }
  return {
    ...data,
    artifacts_dir: (data.artifacts_dir as string | null | undefined) ?? null,
    runtime: (data.runtime as string | null | undefined) ?? null,
  } as SkillUseEvent;
}

/** A use's runtime bucket (`unknown` when none was recorded). */
export function runtimeBucket(event: SkillUseEvent): string {
  return event.runtime?.trim() || "unknown";
}

/** One summary row. */
export interface UseSummary {
  key: string;
  uses: number;
  distinct: number;
  lastUsedAt: string;
  lastReason: string;
}

/** The answer to `sase skill log`. */
export interface SkillLog {
  project: string;
  events: SkillUseEvent[];
  bySkill: UseSummary[];
  byAgent: UseSummary[];
  byRuntime: UseSummary[];
}

function summarize(
  events: readonly SkillUseEvent[],
  key: (e: SkillUseEvent) => string,
  other: (e: SkillUseEvent) => string,
): UseSummary[] {
  return groupAudit(events, key, other).map((g) => ({
    key: g.key,
    uses: g.count,
    distinct: g.distinct,
    lastUsedAt: g.latest.timestamp,
    lastReason: g.latest.reason,
  }));
}

/** Read the project's skill uses, narrowed by skill, agent or runtime. */
export async function skillLog(
  app: AppContext,
  filters: { skill?: string; agent?: string; runtime?: string },
): Promise<SkillLog> {
  const project = await memoryProjectName(app.cwd, app.env);
  const rows = (await readJsonl<unknown>(skillUseLogPath(app, project))).records;
  const events = rows.map(parseEvent).filter((e): e is SkillUseEvent => e !== null).filter((e) =>
    (filters.skill === undefined || e.skill_name === filters.skill.trim()) &&
    (filters.agent === undefined || e.agent_name === filters.agent.trim()) &&
    (filters.runtime === undefined || runtimeBucket(e) === filters.runtime.trim())
  );
  return {
    project,
    events,
    bySkill: summarize(events, (e) => e.skill_name, (e) => e.agent_name),
    byAgent: summarize(events, (e) => e.agent_name, (e) => e.skill_name),
    byRuntime: summarize(events, runtimeBucket, (e) => e.skill_name),
  };
}
