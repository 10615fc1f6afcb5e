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
import type { XPromptExplanation } from "./service.ts";

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
  /** Embeddable workflows whose steps run around the agent (the entry runs as a workflow). */
  embedded: string[];
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
    embedded: entry.embedded ?? [],
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

/** One input of a structured catalog entry. */
export interface CatalogInputWire {
  name: string;
  type: string;
  required: boolean;
  /** The default as the entry shows it (`""`, `3`, `null`); null when required. */
  default_display: string | null;
  /** 0-based position (the order positional arguments bind). */
  position: number;
  description: string | null;
  repeatable: boolean;
  choices: { value: string; label: string }[];
}

/** One entry of the structured catalog (`sase xprompt catalog`, the gateway's picker). */
export interface StructuredCatalogEntryWire {
  name: string;
  /** `#name` or `#!name`, as the picker shows it. */
  display_label: string;
  /** The authoritative text to insert. */
  insertion: string;
  reference_prefix: "#" | "#!";
  kind: string;
  /** Display-only argument signature, e.g. `(diff_path: path, max_retries: int = 3)`. */
  input_signature: string | null;
  inputs: CatalogInputWire[];
  description: string | null;
  tags: string[];
  is_skill: boolean;
  skill_name: string | null;
  /** The project of a namespaced entry (`<project>/<name>`). */
  project: string | null;
  /** Where it comes from: `local`, `user`, `project`, `config`, `plugin` or `built-in`. */
  source_bucket: string;
  source_path_display: string | null;
  /** The defining file (for jump-to-definition). */
  definition_path: string | null;
  memory_type: string | null;
  content_preview: string | null;
}

/** The structured catalog. */
export interface StructuredCatalogWire {
  schema_version: 1;
  entries: StructuredCatalogEntryWire[];
  stats: {
    total_count: number;
    skill_count: number;
    project_count: number;
    memory_count: number;
    pdf_requested: boolean;
  };
}

const BUCKETS: Record<number, string> = {
  1: "local",
  2: "local",
  3: "user",
  4: "user",
  5: "project",
  6: "config",
  7: "plugin",
  8: "built-in",
  9: "built-in",
};

function displayDefault(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value ?? null);
}

/** `(a: word, b: int = 3)`; null without inputs. */
export function inputSignature(xprompt: XPrompt): string | null {
  if (xprompt.inputs.length === 0) return null;
  const parts = xprompt.inputs.map((input) =>
    `${input.name}: ${input.type}${input.required ? "" : ` = ${displayDefault(input.default)}`}`
  );
  return `(${parts.join(", ")})`;
}

/** One catalog entry in the structured form; `home` shortens paths for display. */
export function structuredEntryWire(xprompt: XPrompt, home: string): StructuredCatalogEntryWire {
  const prefix = xprompt.kind === "workflow" ? "#!" : "#";
  const path = xprompt.source.path;
  const slash = xprompt.name.lastIndexOf("/");
  const priority = xprompt.source.priority;
  const project = slash > 0 && [1, 2, 5, 6].includes(priority)
    ? xprompt.name.slice(0, slash)
    : null;
  const skill = xprompt.kind === "xprompt" && Boolean(xprompt.skill);
  return {
    name: xprompt.name,
    display_label: `${prefix}${xprompt.name}`,
    insertion: `${prefix}${xprompt.name}`,
    reference_prefix: prefix,
    kind: xprompt.kind,
    input_signature: inputSignature(xprompt),
    inputs: xprompt.inputs.map((input, position) => ({
      name: input.name,
      type: input.type,
      required: input.required,
      default_display: input.required ? null : displayDefault(input.default),
      position,
      description: input.description ?? null,
      repeatable: false,
      choices: [],
    })),
    description: xprompt.description ?? null,
    tags: xprompt.tags,
    is_skill: skill,
    skill_name: skill ? xprompt.name.split("/").pop()! : null,
    project,
    source_bucket: BUCKETS[priority] ?? "built-in",
    source_path_display: path.startsWith(`${home}/`) ? `~/${path.slice(home.length + 1)}` : path,
    // Every source here is a file (the xprompt's own, or the config layer defining it).
    definition_path: path,
    memory_type: null,
    content_preview: xprompt.content
      ? xprompt.content.replace(/\s+/g, " ").trim().slice(0, 200)
      : null,
  };
}

/** The visible (not hidden) entries of `catalog`, by name, in the structured form. */
export function structuredCatalogWire(catalog: Catalog, home: string): StructuredCatalogWire {
  const entries = [...catalog.byName.values()]
    .filter((xprompt) => !xprompt.hidden)
    .map((xprompt) => structuredEntryWire(xprompt, home))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    schema_version: 1,
    entries,
    stats: {
      total_count: entries.length,
      skill_count: entries.filter((entry) => entry.is_skill).length,
      project_count: entries.filter((entry) => entry.project !== null).length,
      memory_count: 0,
      pdf_requested: false,
    },
  };
}

/** `sase xprompt explain <xprompt> -j`. */
export interface XPromptExplanationWire {
  schema_version: 1;
  name: string;
  kind: string;
  source_path: string;
  inputs: {
    name: string;
    type: string;
    required: boolean;
    default: unknown;
    given: string | null;
  }[];
  reference: string | null;
  rendered: string | null;
}

/** `explanation` in wire form. */
export function xpromptExplanationWire(explanation: XPromptExplanation): XPromptExplanationWire {
  const { xprompt, inputs, reference, rendered } = explanation;
  return {
    schema_version: 1,
    name: xprompt.name,
    kind: xprompt.kind,
    source_path: xprompt.source.path,
    inputs: inputs.map(({ input, given }) => ({
      name: input.name,
      type: input.type,
      required: input.required,
      default: input.default ?? null,
      given: given ?? null,
    })),
    reference,
    rendered,
  };
}
