/**
 * Evaluate a parsed agent query against one agent. Pure: the clock comes in
 * as `nowMs`, and the text of prompts and replies (which only bare words and
 * `text:` search) comes from an optional `content` callback the caller may
 * back with a cache; without it only the metadata is searched.
 *
 * Rules: bare words and `text:` match (case-insensitively) the ChangeSpec,
 * display name, agent name and status, then the content; `c"..."` matches
 * the metadata case-sensitively; `status`, `cl`, `project`, `name` (agent
 * name, else display name), `model`, `provider` are substring matches; `tag`
 * is exact (`tag:` alone: any tag); `pinned` is the `pinned` tag;
 * `attention` the statuses that wait on the user; `needs:input` plans,
 * questions and human checkpoints; `type:workflow` workflow runs (`run`,
 * `running`: the others); `source:axe` runs axe launched; `age` compares
 * the time since the agent started (no start time: no match).
 *
 * @module
 */

import type { AgentQueryExpr } from "./parse.ts";

/** What the agent query looks at in one agent. */
export interface AgentQueryTarget {
  readonly clName: string | null;
  readonly displayName: string;
  readonly agentName: string | null;
  /** The status label (`RUNNING`, `WAITING INPUT`, ...). */
  readonly status: string;
  readonly project: string;
  readonly model: string | null;
  readonly provider: string | null;
  readonly tag: string | null;
  readonly hidden: boolean;
  readonly isWorkflow: boolean;
  readonly fromAxe: boolean;
  /** Whether the row waits on the user (ACE's Stopped bucket). */
  readonly attention: boolean;
  readonly startedMs: number | null;
}

/** The statuses `needs:input` selects. */
export const NEEDS_INPUT_STATUSES: ReadonlySet<string> = new Set([
  "PLAN",
  "QUESTION",
  "WAITING INPUT",
]);

function metadata(target: AgentQueryTarget): string[] {
  return [target.clName, target.displayName, target.agentName, target.status].filter(
    (value): value is string => Boolean(value),
  );
}

function contains(value: string | null, needle: string): boolean {
  return (value ?? "").toLowerCase().includes(needle.toLowerCase());
}

/** Evaluate `expr` on `target`. */
export function matchesAgentQuery(
  expr: AgentQueryExpr,
  target: AgentQueryTarget,
  nowMs: number,
  content?: (target: AgentQueryTarget) => string,
): boolean {
  let haystack: string | undefined;
  const text = () => {
    haystack ??= [...metadata(target), content?.(target) ?? ""].join("\n").toLowerCase();
    return haystack;
  };
  const evaluate = (node: AgentQueryExpr): boolean => {
    switch (node.type) {
      case "string":
        return node.caseSensitive
          ? metadata(target).join("\n").includes(node.value)
          : text().includes(node.value.toLowerCase());
      case "age": {
        if (target.startedMs === null) return false;
        const age = (nowMs - target.startedMs) / 1000;
        return node.op === "<"
          ? age < node.seconds
          : node.op === "<="
          ? age <= node.seconds
          : node.op === ">"
          ? age > node.seconds
          : age >= node.seconds;
      }
      case "property":
        return property(node.key, node.value);
      case "not":
        return !evaluate(node.operand);
      case "and":
        return node.operands.every(evaluate);
      case "or":
        return node.operands.some(evaluate);
    }
  };
  const property = (key: string, value: string): boolean => {
    switch (key) {
      case "status":
        return contains(target.status, value);
      case "cl":
        return contains(target.clName, value);
      case "project":
        return contains(target.project, value);
      case "name":
        return contains(target.agentName, value) || contains(target.displayName, value);
      case "model":
        return contains(target.model, value);
      case "provider":
        return contains(target.provider, value);
      case "tag":
        return value === ""
          ? Boolean(target.tag)
          : (target.tag ?? "").toLowerCase() === value.toLowerCase();
      case "text":
        return text().includes(value.toLowerCase());
      case "pinned":
        return (target.tag === "pinned") === (value === "true");
      case "hidden":
        return target.hidden === (value === "true");
      case "attention":
        return target.attention === (value === "true");
      case "needs":
        return NEEDS_INPUT_STATUSES.has(target.status);
      case "type":
        return value === "workflow" ? target.isWorkflow : !target.isWorkflow;
      case "source":
        return target.fromAxe === (value === "axe");
      default:
        return false;
    }
  };
  return evaluate(expr);
}
