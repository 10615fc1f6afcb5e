/**
 * `sase project ...`: list and inspect projects, change their lifecycle
 * state and manage their aliases. Every mutation holds the ProjectSpec lock.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { formatTable, JSON_FLAG, JSON_HELP, printJson } from "./shared/output.ts";
import { processEnv, projectsDir } from "../core/config/paths.ts";
import { ChangeSpecStore } from "../core/changespec/store.ts";
import {
  addAlias,
  clearAliases,
  listAliases,
  listProjects,
  parseProjectState,
  type ProjectInfo,
  removeAlias,
  setProjectState,
  showProject,
} from "../core/changespec/project.ts";
import type { ProjectState } from "../core/changespec/types.ts";
import { neutralizeControls } from "../core/text/control_chars.ts";

/** One line of text from a ProjectSpec (agents write these files), inert. */
function inert(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

function store(): ChangeSpecStore {
  return new ChangeSpecStore(projectsDir(processEnv()));
}

function wire(info: ProjectInfo): Record<string, unknown> {
  return {
    name: info.name,
    state: info.state,
    raw_state: info.rawState,
    display_name: info.displayName,
    project_file: info.activePath,
    archive_file: info.archivePath,
    legacy_extension: info.legacyExtension,
    workspace_dir: info.workspaceDir,
    bare_repo_dir: info.bareRepoDir,
    aliases: info.aliases,
    running: info.running,
    changespec_count: info.changespecCount,
    archived_count: info.archivedCount,
    launchable: info.launchable,
    warnings: info.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`),
  };
}

async function stateAction(
  name: string,
  state: ProjectState,
  force: boolean,
  json: boolean,
): Promise<void> {
  const result = await setProjectState(store(), name, state, { force });
  if (json) printJson({ schema_version: 1, ...result });
  else if (result.previous === result.state) console.log(`${name} is already ${result.state}`);
  else console.log(`${name}: ${result.previous} -> ${result.state}`);
}

/** Register `sase project`. */
export function register(program: Command): void {
  const group = program.command("project").description(
    "List projects and manage their lifecycle and aliases",
  );

  group
    .command("list")
    .description("List projects (active by default)")
    .option("-s, --state <state>", "active, inactive, sibling or all", "active")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const states = options.state === "all" ? "all" : [parseProjectState(options.state)];
      const projects = await listProjects(store(), states);
      if (options.json) {
        printJson({ schema_version: 1, state: options.state, projects: projects.map(wire) });
        return;
      }
      if (projects.length === 0) {
        console.log(`No ${options.state === "all" ? "" : `${options.state} `}projects.`);
        return;
      }
      console.log(formatTable(
        ["PROJECT", "STATE", "SPECS", "ARCHIVED", "ALIASES", "WORKSPACE"],
        projects.map((p) => [
          inert(p.name),
          p.state,
          String(p.changespecCount),
          String(p.archivedCount),
          inert(p.aliases.join(",")),
          inert(p.workspaceDir ?? ""),
        ]),
      ));
    });

  group
    .command("show")
    .description("Show state, files, workspace, launchability and warnings of one project")
    .argument("<project>", "project name or alias")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) => {
      const info = await showProject(store(), name);
      if (options.json) {
        printJson({ schema_version: 1, project: wire(info) });
        return;
      }
      const rows: Array<[string, string]> = [
        ["project", info.name],
        [
          "state",
          info.state +
          (info.rawState && info.rawState !== info.state ? ` (written '${info.rawState}')` : ""),
        ],
        ["project file", info.activePath],
        ["archive file", info.archivePath],
        ["workspace", info.workspaceDir ?? "-"],
        ["aliases", info.aliases.join(", ") || "-"],
        ["changespecs", `${info.changespecCount} active, ${info.archivedCount} archived`],
        ["running claims", String(info.running.length)],
        ["launchable", info.launchable ? "yes" : "no"],
      ];
      if (info.displayName) rows.splice(1, 0, ["display name", info.displayName]);
      for (const [key, value] of rows) console.log(`${key.padEnd(15)} ${inert(value)}`);
      for (const w of info.warnings) {
        console.log(inert(`warning: ${w.file}:${w.line}: ${w.message}`));
      }
    });

  group
    .command("set-state")
    .description("Set PROJECT_STATE to active, inactive or sibling")
    .argument("<project>", "project name")
    .argument("<state>", "active, inactive or sibling")
    .option("-f, --force", "deactivate even with live RUNNING claims or agent markers")
    .option(JSON_FLAG, JSON_HELP)
    .action((name, state, options) =>
      stateAction(name, parseProjectState(state), options.force ?? false, options.json ?? false)
    );

  for (
    const [verb, state, hidden] of [
      ["activate", "active", false],
      ["deactivate", "inactive", false],
      ["archive", "inactive", true],
      ["close", "inactive", true],
    ] as const
  ) {
    group
      .command(verb, { hidden })
      .description(`Alias for set-state <project> ${state}${hidden ? " (deprecated)" : ""}`)
      .argument("<project>", "project name")
      .option("-f, --force", "deactivate even with live RUNNING claims or agent markers")
      .option(JSON_FLAG, JSON_HELP)
      .action((name, options) =>
        stateAction(name, state, options.force ?? false, options.json ?? false)
      );
  }

  const alias = group.command("alias").description("List, add, remove or clear PROJECT_ALIASES");

  alias
    .command("list")
    .description("List aliases of one project or of all projects")
    .argument("[project]", "project name")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (project, options) => {
      const rows = await listAliases(store(), project);
      if (options.json) {
        printJson({ schema_version: 1, projects: rows });
        return;
      }
      if (project) {
        for (const a of rows[0].aliases) console.log(a);
        return;
      }
      console.log(
        formatTable(["PROJECT", "ALIASES"], rows.map((r) => [r.project, r.aliases.join(", ")])),
      );
    });

  alias
    .command("add")
    .description("Add an alias")
    .argument("<project>", "project name")
    .argument("<alias>", "alias (project-name syntax)")
    .action(async (project, name) => {
      const aliases = await addAlias(store(), project, name);
      console.log(`${project}: ${aliases.join(", ")}`);
    });

  alias
    .command("remove")
    .description("Remove an alias")
    .argument("<project>", "project name")
    .argument("<alias>", "alias to remove")
    .action(async (project, name) => {
      const aliases = await removeAlias(store(), project, name);
      console.log(`${project}: ${aliases.join(", ") || "(no aliases)"}`);
    });

  alias
    .command("clear")
    .description("Remove every alias")
    .argument("<project>", "project name")
    .action(async (project) => {
      await clearAliases(store(), project);
      console.log(`${project}: (no aliases)`);
    });
}
