/**
 * The typed model of an xprompt as the catalog holds it.
 *
 * @module
 */

import type { InputDef } from "./inputs.ts";

/** Where an xprompt definition came from, with its discovery priority (1 = highest). */
export interface XPromptSource {
  /** 1–9 as in the discovery order; file-local helpers inherit their file's. */
  priority: number;
  /** Human label such as `.xprompts/ (cwd)` or `config`. */
  label: string;
  /** The defining file (config file for config xprompts). */
  path: string;
}

/** What kind of definition an entry is. */
export type XPromptKind = "xprompt" | "embeddable_workflow" | "workflow";

/** One xprompt (or YAML workflow) definition. */
export interface XPrompt {
  name: string;
  kind: XPromptKind;
  /** The template body (for embeddable workflows: the `prompt_part` text). */
  content: string;
  inputs: InputDef[];
  description?: string;
  tags: string[];
  hidden: boolean;
  snippet?: boolean | string;
  skill?: boolean | string[];
  logSkillUse: boolean;
  /** Output spec as JSON Schema, when declared. */
  output?: Record<string, unknown>;
  /** File-local `_helpers`, visible only while expanding this xprompt. */
  helpers: Record<string, XPrompt>;
  /** Body has top-level `---` separators: a multi-agent xprompt. */
  multiAgent: boolean;
  /**
   * An embeddable workflow with steps besides its `prompt_part`: they run
   * around the agent that uses it, so its reference is expanded at run
   * time by the workflow engine, not by plain expansion.
   */
  sideSteps?: boolean;
  source: XPromptSource;
}

/** The tags the handbook names, for role lookup (`getByTag`). */
export const XPromptTag = {
  vcs: "vcs",
  crs: "crs",
  fix_hook: "fix_hook",
  rollover: "rollover",
  mentor: "mentor",
  commit: "commit",
  propose: "propose",
  make_mentor_changes: "make_mentor_changes",
  diff_file: "diff_file",
  append_to_pr: "append_to_pr",
  append_to_commit_and_propose: "append_to_commit_and_propose",
  create_epic_bead: "create_epic_bead",
  create_legend_bead: "create_legend_bead",
  work_phase_bead: "work_phase_bead",
  land_epic: "land_epic",
  land_legend: "land_legend",
} as const;

/** One of the known role tags. */
export type XPromptTagName = keyof typeof XPromptTag;
