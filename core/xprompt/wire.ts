/**
 * The wire format of xprompts: the catalog (`sase xprompt list`) and a
 * launch plan (`sase prompt run --dry-run -j`), with snake_case keys, as
 * the CLI prints them and ACE and the gateway will send them. A workflow
 * launch keeps the argument names the prompt wrote.
 *
 * @module
 */

import type { Catalog } from "./discovery.ts";
import type { TraceEntry } from "./expand.ts";
import type { LaunchEntry, LaunchPlan } from "./launch_plan.ts";
import type { XPrompt } from "./model.ts";

/** One catalog entry as `sase xprompt list` prints it. */
export interface CatalogEntryWire {
  name: string;
  type: "xprompt" | "workflow";
  kind: string;
  reference_prefix: "#" | "#!";
  insertion: string;
  is_skill: boolean;
  source_path: string;
  source: string;
  priority: number;
  description: string | null;
  inputs: {
    name: string;
    type: string;
    required: boolean;
    default: unknown;
    description: string | null;
  }[];
  tags: string[];
  hidden: boolean;
  multi_agent: boolean;
  preview: string;
}

/** Describe one xprompt for the catalog listing. */
export function catalogEntryWire(xprompt: XPrompt): CatalogEntryWire {
  const standalone = xprompt.kind === "workflow";
  const prefix = standalone ? "#!" : "#";
  return {
    name: xprompt.name,
    type: xprompt.kind === "xprompt" ? "xprompt" : "workflow",
    kind: xprompt.kind,
    reference_prefix: prefix,
    insertion: `${prefix}${xprompt.name}`,
    is_skill: xprompt.kind === "xprompt" && Boolean(xprompt.skill),
    source_path: xprompt.source.path,
    source: xprompt.source.label,
    priority: xprompt.source.priority,
    description: xprompt.description ?? null,
    inputs: xprompt.inputs.map((input) => ({
      name: input.name,
      type: input.type,
      required: input.required,
      default: input.default ?? null,
      description: input.description ?? null,
    })),
    tags: xprompt.tags,
    hidden: xprompt.hidden,
    multi_agent: xprompt.multiAgent,
    preview: xprompt.content.replace(/\s+/g, " ").trim().slice(0, 120),
  };
}

/** Every winning entry, sorted by name. */
export function catalogWire(catalog: Catalog): CatalogEntryWire[] {
  return [...catalog.byName.values()].map(catalogEntryWire).sort((a, b) =>
    a.name.localeCompare(b.name)
  );
}

/** One planned agent on the wire (absent values are null). */
export interface LaunchEntryWire {
  name: string | null;
  name_template: string | null;
  force_reuse_name: boolean;
  prompt: string;
  model: string | null;
  provider: string | null;
  waits: string[];
  time: { kind: "duration"; seconds: number } | { kind: "absolute"; at: string } | null;
  hide: boolean;
  approve: boolean;
  epic: boolean;
  edit: boolean;
  group: string | null;
  repeat: { iteration: number; total: number } | null;
  workspace: { kind: string; ref: string; raw: string; agent: string | null; implicit: boolean };
  workflow: LaunchEntry["workflow"] | null;
  segment: number;
}

/** One resolved xprompt reference of a plan's expansion. */
export interface TraceEntryWire {
  name: string;
  reference: string;
  source_path: string;
  source_label: string;
  iteration: number;
  positional: unknown[];
  named: Record<string, unknown>;
  output: string;
}

/** A launch plan on the wire. */
export interface LaunchPlanWire {
  schema_version: 1;
  entries: LaunchEntryWire[];
  trace: TraceEntryWire[];
}

/** One planned agent in wire form. */
export function launchEntryWire(entry: LaunchEntry): LaunchEntryWire {
  return {
    name: entry.name ?? null,
    name_template: entry.nameTemplate ?? null,
    force_reuse_name: entry.forceReuseName,
    prompt: entry.prompt,
    model: entry.model ?? null,
    provider: entry.provider ?? null,
    waits: entry.waits,
    time: entry.time === undefined
      ? null
      : entry.time.kind === "duration"
      ? { kind: "duration", seconds: entry.time.seconds }
      : { kind: "absolute", at: entry.time.at.toISOString() },
    hide: entry.hide,
    approve: entry.approve,
    epic: entry.epic,
    edit: entry.edit,
    group: entry.group ?? null,
    repeat: entry.repeat ?? null,
    workspace: {
      kind: entry.workspace.kind,
      ref: entry.workspace.ref,
      raw: entry.workspace.raw,
      agent: entry.workspace.agent ?? null,
      implicit: entry.workspace.implicit,
    },
    workflow: entry.workflow ?? null,
    segment: entry.segment,
  };
}

/** One trace step in wire form. */
export function traceEntryWire(step: TraceEntry): TraceEntryWire {
  return {
    name: step.name,
    reference: step.reference,
    source_path: step.sourcePath,
    source_label: step.sourceLabel,
    iteration: step.iteration,
    positional: step.positional,
    named: step.named,
    output: step.output,
  };
}

/** A launch plan in wire form. */
export function launchPlanWire(plan: LaunchPlan): LaunchPlanWire {
  return {
    schema_version: 1,
    entries: plan.entries.map(launchEntryWire),
    trace: plan.trace.map(traceEntryWire),
  };
}
