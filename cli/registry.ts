/**
 * The command groups of `sase`, each loaded only when it is used.
 *
 * Keeping this list free of imports is what makes `sase --help` and
 * `sase --version` fast: a group's module (and everything it pulls in) is
 * imported only when its name is on the command line, or when the whole tree
 * is needed (shell completion). Add a group here when it fully works.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";

/** What a group module exports: a function that adds its commands. */
export interface GroupModule {
  register(program: Command): void;
}

/** One top-level command (or group) and how to load it. */
export interface GroupEntry {
  /** The word after `sase`. */
  name: string;
  /** One line for `sase --help`. */
  summary: string;
  /** Imports the module that registers the command. */
  load: () => Promise<GroupModule>;
  /** Internal commands (e.g. `__fakey`) are kept out of help listings. */
  hidden?: boolean;
}

/** Every top-level command, in the order `sase --help` lists them. */
export const GROUPS: readonly GroupEntry[] = [
  {
    name: "config",
    summary: "Show the configuration merge chain and the merged configuration",
    load: () => import("./config.ts"),
  },
  {
    name: "doctor",
    summary: "Run read-only install, config, provider, project and state diagnostics",
    load: () => import("./doctor.ts"),
  },
  {
    name: "path",
    summary: "Print well-known paths such as the state root and schemas",
    load: () => import("./path.ts"),
  },
  {
    name: "notify",
    summary: "Notification inbox: list, show and create notifications",
    load: () => import("./notify.ts"),
  },
  {
    name: "version",
    summary: "Show the sase, Deno, V8 and TypeScript versions in use",
    load: () => import("./version.ts"),
  },
  {
    name: "run",
    summary: "Run an agent on a prompt in the foreground and record its artifacts",
    load: () => import("./run.ts"),
  },
  {
    name: "__fakey",
    summary: "Scripted fake agent speaking Claude's stream-json (internal)",
    load: () => import("./fakey.ts"),
    hidden: true,
  },
  {
    name: "completion",
    summary: "Print a shell completion script (bash, zsh or fish)",
    load: () => import("./completion.ts"),
  },
  {
    name: "changespec",
    summary: "Search and inspect ChangeSpecs with the query language",
    load: () => import("./changespec.ts"),
  },
  {
    name: "project",
    summary: "List projects and manage their lifecycle state and aliases",
    load: () => import("./project.ts"),
  },
  {
    name: "bead",
    summary: "Bead issue tracking: plans, epics, legends and phases",
    load: () => import("./bead.ts"),
  },
  {
    name: "xprompt",
    summary: "XPrompt catalog, expansion (with --trace) and explanation",
    load: () => import("./xprompt.ts"),
  },
  {
    name: "prompt",
    summary: "Prompt history: list, show, search, stats, save, export, prune and replay",
    load: () => import("./prompt.ts"),
  },
  {
    name: "sdd",
    summary: "SDD trees: list, links, validate, repair-links and init",
    load: () => import("./sdd.ts"),
  },
  {
    name: "plan",
    summary: "Plan proposals: list, propose, approve and search plans",
    load: () => import("./plan.ts"),
  },
  {
    name: "validate",
    summary: "Run the SDD init drift check and SDD link validation",
    load: () => import("./validate.ts"),
  },
  {
    name: "init",
    summary: "Initializers for project files (so far only `sase init sdd`)",
    load: () => import("./init.ts"),
  },
];
