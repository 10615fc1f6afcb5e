/**
 * The metadata panel (handbook 4.23): the agent's name, status, model,
 * provider, project, ChangeSpec and workspace (`meta_project`,
 * `meta_changespec`, `meta_workspace` promoted into these fields), its
 * timestamps in time order (WAIT spawn, BEGIN execution, PLAN / FBACK /
 * QUEST / RETRY rounds, CODE, EPIC, DONE), OUTPUT VARIABLES (`sase var set`
 * values, keys sorted, multi-line values indented) and WORKFLOW VARIABLES
 * (the other `meta_*` outputs, keys title-cased), each section omitted when
 * empty, then the AGENT REPLY lines handed in. Everything from
 * `agent_meta.json` was written by the agent's process: neutralised.
 *
 * @module
 */

import { agentText, type Line, seg } from "../segments.ts";
import { localStamp } from "../shared.ts";
import { agentStatusStyle } from "./glyphs.ts";
import type { AgentItem } from "./item.ts";

/** Which `agent_meta.json` keys feed each timestamp label (a string or a list of strings). */
export const TIMESTAMP_KEYS: ReadonlyArray<[string, string]> = [
  ["WAIT", "started_at"],
  ["BEGIN", "agent_spawned_at"],
  ["PLAN", "plan_times"],
  ["FBACK", "feedback_times"],
  ["QUEST", "questions_times"],
  ["RETRY", "retry_times"],
  ["CODE", "code_time"],
  ["EPIC", "epic_time"],
  ["DONE", "finished_at"],
];

const PROMOTED = new Set(["meta_project", "meta_changespec", "meta_workspace"]);

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

function titleCase(key: string): string {
  return key.replace(/^meta_/, "").split(/[_\s]+/).filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1)).join(" ");
}

function variableLines(entries: Array<[string, string]>, label: (key: string) => string): Line[] {
  const out: Line[] = [];
  for (const [key, value] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [first, ...rest] = value.split("\n");
    out.push([seg(`  ${agentText(label(key))}: `, "field.key"), seg(agentText(first))]);
    for (const line of rest) out.push([seg(`      ${agentText(line)}`)]);
  }
  return out;
}

/** The panel's lines for `item` with its raw `agent_meta.json` object. */
export function metadataLines(
  item: AgentItem,
  meta: Record<string, unknown>,
  reply: readonly Line[] = [],
): Line[] {
  const row = item.row;
  const variables = (meta.output_variables && typeof meta.output_variables === "object" &&
      !Array.isArray(meta.output_variables))
    ? Object.entries(meta.output_variables as Record<string, unknown>)
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    : [];
  const promoted = new Map(variables.filter(([key]) => PROMOTED.has(key)));
  const field = (
    key: string,
    value: string | null | undefined,
    style: Line[number]["style"] = "field.value",
  ): Line[] => value ? [[seg(`${key}: `, "field.key"), seg(agentText(value), style)]] : [];
  const out: Line[] = [
    ...field("Name", item.displayName, "agent.name"),
    ...field("Status", row.status, agentStatusStyle(row.status)),
    ...field("Model", row.model),
    ...field("Provider", row.provider),
    ...field("Project", promoted.get("meta_project") ?? row.project),
    ...field("CL", promoted.get("meta_changespec") ?? item.changeSpec),
    ...field("Workspace", promoted.get("meta_workspace") ?? row.workspaceDir),
  ];
  const stamps = TIMESTAMP_KEYS.flatMap(([label, key]) =>
    strings(meta[key]).map((value) => ({ label, value, ms: Date.parse(value) }))
  ).sort((a, b) => (Number.isNaN(a.ms) ? Infinity : a.ms) - (Number.isNaN(b.ms) ? Infinity : b.ms));
  for (const entry of stamps) {
    out.push([
      seg(`  ${entry.label.padEnd(5)} `, "field.key"),
      seg(agentText(localStamp(entry.value, true)), "dim"),
    ]);
  }
  const outputs = variables.filter(([key]) => !key.startsWith("meta_"));
  if (outputs.length) {
    out.push([seg("OUTPUT VARIABLES:", "section.header")], ...variableLines(outputs, (key) => key));
  }
  const workflow = variables.filter(([key]) => key.startsWith("meta_") && !PROMOTED.has(key));
  if (workflow.length) {
    out.push([seg("WORKFLOW VARIABLES:", "section.header")], ...variableLines(workflow, titleCase));
  }
  if (reply.length) out.push([seg("AGENT REPLY:", "section.header")], ...reply);
  return out;
}
