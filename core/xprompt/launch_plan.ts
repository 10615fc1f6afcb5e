/**
 * The launch plan: prompt text → one typed entry per agent.
 *
 * Order: prompt front matter and `---` segments → front-matter inputs →
 * xprompt expansion (multi-agent xprompts yield more segments) → `%alt` /
 * multi-model fan-out → directive extraction → names (templates, fan-out
 * suffixes, `.fN` before `.wN`, `%repeat` slots chained by waits) →
 * workspace refs. Fork references stay in the prompt (with planned template
 * names made concrete) for the runner to resolve at launch.
 * The agent runtime consumes the plan; nothing here spawns anything.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { expandAlternatives } from "./alt.ts";
import { type Directives, extractDirectives } from "./directives.ts";
import type { TimeValue } from "./directive_time.ts";
import { type ExpandOptions, expandXPrompts, type TraceEntry } from "./expand.ts";
import type { PromptParts } from "./prompt_front_matter.ts";
import { FRONT_MATTER_OPEN, splitSegments } from "./segments.ts";
import { resolveModel } from "./models.ts";
import { findForkRefs, renameForkTargets } from "./fork_refs.ts";
import {
  allocateForkName,
  allocateTemplate,
  allocateWaitName,
  autoNameToken,
  suggestFreeName,
} from "./naming.ts";
import { findReferences, referenceArgs } from "./reference.ts";
import { promoteLegacyWorkflowRef } from "./legacy_workflow_ref.ts";
import { findEmptyWorkspaceRef, findWorkspaceRefs, type WorkspaceRef } from "./workspace_refs.ts";
import { importOnDemand } from "../on_demand.ts";

/** Where an agent runs; `implicit` when the prompt named none (`#git:home`). */
export interface PlannedWorkspace extends WorkspaceRef {
  implicit: boolean;
}

/** One agent to launch. */
export interface LaunchEntry {
  /** Concrete agent name, when one is planned. */
  name?: string;
  /** The `%name` value as written (templates keep their `@`). */
  nameTemplate?: string;
  forceReuseName: boolean;
  /** Final prompt text: xprompts expanded, directives removed. */
  prompt: string;
  model?: string;
  provider?: string;
  waits: string[];
  time?: TimeValue;
  hide: boolean;
  approve: boolean;
  epic: boolean;
  edit: boolean;
  group?: string;
  repeat?: { iteration: number; total: number };
  workspace: PlannedWorkspace;
  /** A standalone workflow launch (`#!name(args)`), when the prompt is one. */
  workflow?: { name: string; positional: string[]; named: Record<string, string> };
  /**
   * Embeddable workflows the prompt uses whose steps run around the agent
   * (`#name(args)` with steps besides its `prompt_part`): the entry runs
   * as an anonymous workflow that expands them.
   */
  embedded?: string[];
  /** Index of the user-written segment this entry came from. */
  segment: number;
  /**
   * That segment as the user wrote it, when the prompt had several: what
   * the agent's records show as its prompt, rather than the whole prompt.
   */
  source?: string;
}

/** The plan for one submitted prompt. */
export interface LaunchPlan {
  entries: LaunchEntry[];
  trace: TraceEntry[];
  /** What the submitter should know (a legacy `#workflow` reference run as `#!workflow`). */
  warnings?: string[];
}

/**
 * The entry's model as selection reads it: `provider/model`, or the bare
 * provider name when the prompt named only the provider (`%model:fakey` and
 * `%model:fakey/` mean fakey's default model, not a model called `fakey`).
 */
export function entryModel(entry: Pick<LaunchEntry, "model" | "provider">): string | undefined {
  if (!entry.provider) return entry.model;
  if (!entry.model || entry.model === entry.provider) return entry.provider;
  return `${entry.provider}/${entry.model}`;
}

/**
 * The text the agent receives: a workspace reference says where the agent
 * runs and is consumed by the launch, like a directive.
 */
export function promptWithoutWorkspaceRef(entry: LaunchEntry): string {
  if (entry.workspace.implicit) return entry.prompt;
  const at = entry.prompt.indexOf(entry.workspace.raw);
  if (at === -1) return entry.prompt;
  const before = entry.prompt.slice(0, at);
  const after = entry.prompt.slice(at + entry.workspace.raw.length);
  return (before.trimEnd() + (before.trim() && after.trim() ? " " : "") + after.trimStart())
    .trim();
}

/** Options for {@linkcode planLaunch}. */
export interface PlanOptions extends ExpandOptions {
  /** Names already owned by existing agents. */
  existingNames?: ReadonlySet<string>;
  /** Values for front-matter `input:` declarations. */
  inputs?: Record<string, string>;
  now?: Date;
}

interface Draft {
  text: string;
  directives: Directives;
  suffixes: string[];
  segment: number;
  source?: string;
  group: number;
}

async function promptParts(text: string, options: PlanOptions): Promise<PromptParts> {
  if (!FRONT_MATTER_OPEN.test(text)) {
    return {
      segments: splitSegments(text),
      localXPrompts: { ...options.localXPrompts },
      bound: {},
    };
  }
  const { readPromptFrontMatter } = await importOnDemand<typeof import("./prompt_front_matter.ts")>(
    "./prompt_front_matter.ts",
    import.meta.url,
  );
  return readPromptFrontMatter(text, options);
}

function substituteInputs(text: string, values: Record<string, unknown>): string {
  return text.replace(
    /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g,
    (match, name: string) => Object.hasOwn(values, name) ? String(values[name] ?? "") : match,
  );
}

/** Build the launch plan for `text`. */
export async function planLaunch(text: string, options: PlanOptions): Promise<LaunchPlan> {
  const { segments, localXPrompts, bound } = await promptParts(text, options);
  const drafts: Draft[] = [];
  const trace: TraceEntry[] = [];
  const warnings: string[] = [];
  let group = 0;
  const several = segments.filter((segment) => segment.trim() !== "").length > 1;
  for (const [segmentIndex, rawSegment] of segments.entries()) {
    if (rawSegment.trim() === "") continue;
    const source = several ? rawSegment.trim() : undefined;
    let segment = substituteInputs(rawSegment, bound);
    const promoted = promoteLegacyWorkflowRef(segment, options.catalog);
    if (promoted) {
      segment = promoted.text;
      warnings.push(promoted.warning);
    }
    const expanded = await expandXPrompts(segment, {
      ...options,
      localXPrompts,
    });
    trace.push(...expanded.trace);
    const parts = splitSegments(expanded.text).filter((part) => part.trim() !== "");
    const leadingRef = findWorkspaceRefs(parts[0] ?? "")[0];
    for (const [partIndex, part] of parts.entries()) {
      assertNoEmptyWorkspaceRef(part, segmentIndex);
      const inherited = partIndex > 0 && leadingRef && findWorkspaceRefs(part).length === 0
        ? `${leadingRef.raw} ${part.trimStart()}`
        : part;
      group++;
      for (const variant of expandAlternatives(inherited)) {
        const extracted = extractDirectives(variant.text, options.now);
        drafts.push({
          ...extracted,
          suffixes: variant.suffixes,
          segment: segmentIndex,
          ...(source ? { source } : {}),
          group,
        });
      }
    }
  }
  const entries = assignNames(drafts, options.existingNames ?? new Set());
  for (const entry of entries) {
    const embedded = embeddedWorkflows(entry.prompt, options);
    if (embedded.length && !entry.workflow) entry.embedded = embedded;
  }
  return {
    entries,
    trace,
    ...(warnings.length ? { warnings } : {}),
  };
}

/**
 * Refuse a workspace reference with nothing after it: `#cd:$DIR` with `DIR`
 * unset arrives as `#cd:`, and running in the default workspace instead
 * would put the agent somewhere the user did not ask for.
 */
function assertNoEmptyWorkspaceRef(text: string, segment: number): void {
  const empty = findEmptyWorkspaceRef(text);
  if (!empty) return;
  throw new SaseError(
    "launch.empty_workspace_ref",
    `empty workspace reference '${empty.trim()}' in prompt segment ${segment + 1}: ` +
      "it names no directory or project",
    {
      hint: "was it built from an unset shell variable (#cd:$DIR)? write the path " +
        "(#cd:/path/to/dir), or leave the reference out to run in the current project",
      kind: "invalid-input",
    },
  );
}

/** Names of the embeddable workflows with side steps that `text` references. */
function embeddedWorkflows(text: string, options: PlanOptions): string[] {
  const names = findReferences(text)
    .filter((ref) => ref.marker === "#" && options.catalog.byName.get(ref.name)?.sideSteps)
    .map((ref) => ref.name);
  return [...new Set(names)];
}

function workflowOf(text: string): LaunchEntry["workflow"] {
  const ref = findReferences(text).find((candidate) => candidate.marker === "#!");
  if (!ref) return undefined;
  const args = referenceArgs(ref);
  return {
    name: ref.name,
    positional: args.positional.map(String),
    named: Object.fromEntries(Object.entries(args.named).map(([k, v]) => [k, String(v)])),
  };
}

function baseEntry(draft: Draft): LaunchEntry {
  const model = draft.directives.model ? resolveModel(draft.directives.model) : undefined;
  const ref = findWorkspaceRefs(draft.text)[0];
  const entry: LaunchEntry = {
    forceReuseName: draft.directives.name?.kind === "explicit" && draft.directives.name.forceReuse,
    prompt: draft.text,
    waits: [...draft.directives.waits],
    hide: draft.directives.hide,
    approve: draft.directives.approve,
    epic: draft.directives.epic,
    edit: draft.directives.edit,
    workspace: ref
      ? { ...ref, implicit: false }
      : { kind: "git", ref: "home", raw: "#git:home", implicit: true },
    segment: draft.segment,
    ...(draft.source ? { source: draft.source } : {}),
  };
  if (model) {
    entry.model = model.model;
    if (model.provider) entry.provider = model.provider;
  }
  if (draft.directives.time) entry.time = draft.directives.time;
  if (draft.directives.group) entry.group = draft.directives.group;
  const workflow = workflowOf(draft.text);
  if (workflow) entry.workflow = workflow;
  return entry;
}

function assignNames(drafts: Draft[], existing: ReadonlySet<string>): LaunchEntry[] {
  const taken = new Set(existing);
  const templates = new Map<string, string>();
  const groupBases = new Map<number, string>();
  let lastNamed: string | undefined;
  const nextAuto = () => {
    for (let i = 0;; i++) if (!taken.has(autoNameToken(i))) return autoNameToken(i);
  };
  const claim = (name: string, forceReuse: boolean) => {
    if (taken.has(name) && !forceReuse) {
      throw new SaseError("launch.name_taken", `agent name '${name}' is already taken`, {
        hint: `names are permanent; use %name:${
          suggestFreeName(name, taken)
        } (or %name:!${name} from ACE to reuse it)`,
        kind: "conflict",
      });
    }
    taken.add(name);
    return name;
  };
  const entries: LaunchEntry[] = [];
  for (const draft of drafts) {
    const entry = baseEntry(draft);
    const nameDirective = draft.directives.name;
    entry.waits = entry.waits.map((wait) => templates.get(wait) ?? wait);
    entry.prompt = renameForkTargets(entry.prompt, (target) => templates.get(target) ?? target);
    const forkSources = findForkRefs(entry.prompt)
      .filter((ref) => ref.kind === "agent")
      .flatMap((ref) => ref.targets);
    if (draft.directives.waitPrevious) {
      if (!lastNamed) {
        throw new SaseError(
          "directive.wait",
          "bare %wait has no previously named agent to wait for",
          {
            hint: "name the agent to wait for: %wait:<name>",
            kind: "invalid-data",
          },
        );
      }
      entry.waits.push(lastNamed);
    }
    let name: string | undefined;
    if (nameDirective?.kind === "explicit") {
      entry.nameTemplate = nameDirective.value;
      if (nameDirective.value.split("@").length === 2) {
        name = allocateTemplate(nameDirective.value, taken);
        templates.set(nameDirective.value, name);
      } else name = nameDirective.value;
    } else if (nameDirective?.kind === "auto") name = nextAuto();
    else if (draft.suffixes.length > 0) {
      const base = groupBases.get(draft.group) ?? nextAuto();
      groupBases.set(draft.group, base);
      name = `${base}.${draft.suffixes.join(".")}`;
    } else if (forkSources.length === 1) {
      // The fork lineage names the agent even when a %wait orders its launch.
      name = allocateForkName(forkSources[0], taken);
    } else if (draft.directives.waits.length === 1 && !draft.directives.waitPrevious) {
      name = allocateWaitName(entry.waits[0], taken);
    }
    const total = draft.directives.repeat;
    if (total && total > 1) {
      const base = name ?? nextAuto();
      let previous: string | undefined;
      for (let iteration = 1; iteration <= total; iteration++) {
        const slot: LaunchEntry = {
          ...entry,
          waits: [...entry.waits],
          repeat: { iteration, total },
        };
        slot.name = claim(`${base}.${iteration}`, entry.forceReuseName);
        if (previous) slot.waits.push(previous);
        previous = slot.name;
        entries.push(slot);
      }
      lastNamed = previous;
      continue;
    }
    if (name) {
      entry.name = claim(name, entry.forceReuseName);
      lastNamed = entry.name;
    }
    if (total === 1) entry.repeat = { iteration: 1, total: 1 };
    entries.push(entry);
  }
  return entries;
}
