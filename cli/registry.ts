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
import type { AppContext } from "../core/context.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** What a group module exports: a function that adds its commands, calling services with `app`. */
export interface GroupModule {
  register(program: Command, app: AppContext): void;
}

/** One top-level command (or group) and how to load it. */
export interface GroupEntry {
  /** The word after `sase`. */
  name: string;
  /** One line for `sase --help`. */
  summary: string;
  /** Imports the module that registers the command. */
  load: () => Promise<GroupModule>;
}

/**
 * Import a group module by file name, by a run-time specifier (see
 * `core/on_demand.ts`): only the group on the command line is loaded.
 */
function loadGroup(file: string): Promise<GroupModule> {
  return importOnDemand<GroupModule>(`./${file}.ts`, import.meta.url);
}

/** Every top-level command, in the order `sase --help` lists them. */
export const GROUPS: readonly GroupEntry[] = [
  {
    name: "config",
    summary: "Show the configuration merge chain and the merged configuration",
    load: () => loadGroup("config"),
  },
  {
    name: "doctor",
    summary: "Run read-only install, config, provider, project and state diagnostics",
    load: () => loadGroup("doctor"),
  },
  {
    name: "path",
    summary: "Print well-known paths such as the state root and schemas",
    load: () => loadGroup("path"),
  },
  {
    name: "notify",
    summary: "Notification inbox: list, show and create notifications",
    load: () => loadGroup("notify"),
  },
  {
    name: "version",
    summary: "Show the sase, Deno, V8 and TypeScript versions in use",
    load: () => loadGroup("version"),
  },
  {
    name: "run",
    summary: "Run an agent on a prompt in the foreground and record its artifacts",
    load: () => loadGroup("run"),
  },
  {
    name: "commit",
    summary: "Commit, propose or open a PR for the working tree's changes (and --resume)",
    load: () => loadGroup("commit"),
  },
  {
    name: "completion",
    summary: "Print a shell completion script (bash, zsh or fish)",
    load: () => loadGroup("completion"),
  },
  {
    name: "changespec",
    summary: "Search ChangeSpecs; sync, rebase, rewind, rename, reword, mail, archive them",
    load: () => loadGroup("changespec"),
  },
  {
    name: "revert",
    summary: "Revert a ChangeSpec: save its diff, prune its branch, set STATUS Reverted",
    load: () => loadGroup("revert"),
  },
  {
    name: "restore",
    summary: "Restore a reverted ChangeSpec by re-applying its saved diff",
    load: () => loadGroup("restore"),
  },
  {
    name: "project",
    summary: "List projects and manage their lifecycle state and aliases",
    load: () => loadGroup("project"),
  },
  {
    name: "bead",
    summary: "Bead issue tracking: plans, epics, legends and phases",
    load: () => loadGroup("bead"),
  },
  {
    name: "xprompt",
    summary: "XPrompt catalog, expansion (with --trace) and explanation",
    load: () => loadGroup("xprompt"),
  },
  {
    name: "prompt",
    summary: "Prompt history: list, show, search, stats, save, export, prune and replay",
    load: () => loadGroup("prompt"),
  },
  {
    name: "sdd",
    summary: "SDD trees: list, links, validate, repair-links and init",
    load: () => loadGroup("sdd"),
  },
  {
    name: "plan",
    summary: "Plan proposals: list, propose, approve and search plans",
    load: () => loadGroup("plan"),
  },
  {
    name: "validate",
    summary: "Run the SDD init drift check and SDD link validation",
    load: () => loadGroup("validate"),
  },
  {
    name: "init",
    summary: "Initializers for project files (so far `sase init memory` and `sase init sdd`)",
    load: () => loadGroup("init"),
  },
  {
    name: "amd",
    summary: "Agent markdown documents: AGENTS.md inventory and initializer",
    load: () => loadGroup("amd"),
  },
  {
    name: "memory",
    summary: "Agent memory: context, audited reads, proposals, review, log and init",
    load: () => loadGroup("memory"),
  },
  {
    name: "skill",
    summary: "Generated provider skills: list, init, use (audited) and log",
    load: () => loadGroup("skill"),
  },
  {
    name: "questions",
    summary: "Structured user questions: agents ask, users list and answer",
    load: () => loadGroup("questions"),
  },
  {
    name: "chat",
    summary: "Chat transcripts: list recent ones and show one by agent, basename or path",
    load: () => loadGroup("chat"),
  },
  {
    name: "workspace",
    summary: "Numbered workspaces: list, path, open, cleanup and repair",
    load: () => loadGroup("workspace"),
  },
  {
    name: "ace",
    summary: "Open ACE, the terminal UI for ChangeSpecs, agents and axe",
    load: () => loadGroup("ace"),
  },
  {
    name: "agent",
    summary: "Agents across projects: list, show, kill, tag; index, archive and name maintenance",
    load: () => loadGroup("agent"),
  },
  {
    name: "var",
    summary: "Set output variables of the current agent run (agent-scoped)",
    load: () => loadGroup("var"),
  },
  {
    name: "artifact",
    summary: "Store an explicit artifact for the current agent run (agent-scoped)",
    load: () => loadGroup("artifact"),
  },
  {
    name: "axe",
    summary: "Background scheduler: start/stop, lumberjacks, chops and maintenance mode",
    load: () => loadGroup("axe"),
  },
  {
    name: "comments",
    summary: "Preview mentor comments from a mentor output JSON with their code context",
    load: () => loadGroup("comments"),
  },
  {
    name: "revive-log",
    summary: "Inspect the agent revival audit log",
    load: () => loadGroup("revive_log"),
  },
  {
    name: "mobile",
    summary: "Mobile gateway: serve the HTTP API for a paired phone; list and revoke devices",
    load: () => loadGroup("mobile"),
  },
  {
    name: "plugin",
    summary: "List plugins and axe chop scripts; plugin doctor checks their health",
    load: () => loadGroup("plugin"),
  },
  {
    name: "telemetry",
    summary: "Prometheus telemetry: metric catalog, snapshot, health, dashboard, monitoring stack",
    load: () => loadGroup("telemetry"),
  },
];
