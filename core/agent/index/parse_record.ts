/**
 * Building an {@linkcode AgentRecord} from a run's files. Parsing is tolerant
 * on purpose: a field of the wrong type is dropped, not the whole run,
 * because a half-written or hand-edited file must not hide an agent.
 *
 * Kept apart from `record.ts` so that a listing with nothing new to read
 * never loads the schema library.
 *
 * @module
 */

import { z } from "zod";
import { RUN_WORKFLOW } from "../records/artifacts.ts";
import type { RunLocation } from "./layout.ts";
import type { AgentRecord, RunFiles } from "./record.ts";
import { stringFields } from "../../fs/json_object.ts";

const str = z.string().optional().catch(undefined);
const int = z.number().int().optional().catch(undefined);
const bool = z.boolean().optional().catch(undefined);
const strings = z.array(z.string()).optional().catch(undefined);
const stringMap = z.record(z.string(), z.unknown()).optional().catch(undefined);

const MetaSchema = z.looseObject({
  name: str,
  agent_name: str,
  workflow_name: str,
  status: str,
  pid: int,
  agent_pid: int,
  hidden: bool,
  daemon: bool,
  model: str,
  provider: str,
  llm_provider: str,
  tier: str,
  workspace_dir: str,
  cwd: str,
  workspace_num: int,
  started_at: str,
  agent_spawned_at: str,
  finished_at: str,
  waiting_for: strings,
  wait_until: str,
  wait_blocked: stringMap,
  retry_of_timestamp: str,
  retried_as_timestamp: str,
  retry_chain_root_timestamp: str,
  retry_attempt: int,
  retry_count: int,
  session_id: str,
  output_variables: stringMap,
  flags: stringMap,
  is_workflow: bool,
  parent_timestamp: str,
  step_name: str,
  cl_name: str,
});

const DoneSchema = z.looseObject({
  outcome: str,
  name: str,
  model: str,
  provider: str,
  error: str,
  finished_at: str,
  response_path: str,
  session_id: str,
  retry_count: int,
  retry_of_timestamp: str,
  retried_as_timestamp: str,
  cl_name: str,
  retry_chain_root_timestamp: str,
  retry_attempt: int,
});

type Meta = z.infer<typeof MetaSchema>;
type Done = z.infer<typeof DoneSchema>;

function parseObject<T>(text: string | null, schema: z.ZodType<T>): T | undefined {
  if (text === null) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The longest error excerpt a record keeps. */
const ERROR_LIMIT = 500;
/** The longest prompt snippet a record keeps. */
export const PROMPT_SNIPPET_LIMIT = 200;

function snippet(head: string | null): string | null {
  if (!head) return null;
  const flat = head.replace(/\s+/g, " ").trim();
  return flat ? flat.slice(0, PROMPT_SNIPPET_LIMIT) : null;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

/** Build the record of the run at `location` from its files. */
export function buildRecord(location: RunLocation, files: RunFiles): AgentRecord {
  const meta: Meta = parseObject(files.meta, MetaSchema) ?? {};
  const done: Done | undefined = parseObject(files.done, DoneSchema);
  const [metaStamp, doneStamp, question, request, response] = files.stamps;
  const hasDone = doneStamp !== null;
  return {
    dir: location.dir,
    project: location.project,
    timestamp: location.timestamp,
    workflow: meta.workflow_name ?? RUN_WORKFLOW,
    name: meta.name ?? meta.agent_name ?? done?.name ?? null,
    phase: meta.status ?? null,
    has_done: hasDone,
    outcome: hasDone ? done?.outcome ?? null : null,
    pid: meta.pid ?? null,
    agent_pid: meta.agent_pid ?? null,
    meta_mtime_ms: metaStamp?.mtimeMs ?? null,
    pending_question: question !== null,
    pending_plan: request !== null && response === null,
    hidden: meta.hidden ?? false,
    daemon: meta.daemon ?? false,
    approve: meta.flags?.approve === true,
    model: done?.model ?? meta.model ?? null,
    provider: done?.provider ?? meta.llm_provider ?? meta.provider ?? null,
    tier: meta.tier ?? null,
    workspace_dir: meta.workspace_dir ?? meta.cwd ?? null,
    workspace_num: meta.workspace_num ?? null,
    started_at: meta.started_at ?? null,
    agent_spawned_at: meta.agent_spawned_at ?? null,
    finished_at: done?.finished_at ?? meta.finished_at ?? null,
    waiting_for: meta.waiting_for ?? [],
    wait_until: meta.wait_until ?? null,
    wait_blocked: stringFields(meta.wait_blocked),
    // A retry child's meta holds its link from launch; done.json repeats it.
    retry_of_timestamp: meta.retry_of_timestamp ?? done?.retry_of_timestamp ?? null,
    retried_as_timestamp: done?.retried_as_timestamp ?? meta.retried_as_timestamp ?? null,
    retry_chain_root_timestamp: meta.retry_chain_root_timestamp ??
      done?.retry_chain_root_timestamp ?? null,
    retry_attempt: meta.retry_attempt ?? done?.retry_attempt ?? null,
    retry_count: done?.retry_count ?? meta.retry_count ?? 0,
    session_id: done?.session_id ?? meta.session_id ?? null,
    response_path: done?.response_path ?? null,
    error: done?.error?.slice(0, ERROR_LIMIT) ?? null,
    prompt_snippet: snippet(files.promptHead),
    output_variables: stringFields(meta.output_variables),
    is_workflow: meta.is_workflow ?? false,
    parent_timestamp: meta.parent_timestamp ?? null,
    step_name: meta.step_name ?? null,
    cl_name: nonEmpty(meta.cl_name) ?? nonEmpty(done?.cl_name) ??
      nonEmpty(stringFields(meta.output_variables).meta_changespec) ?? null,
  };
}
