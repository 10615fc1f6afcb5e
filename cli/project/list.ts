/**
 * `sase project list`: projects in some lifecycle states, as a table or JSON.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { listProjects, parseProjectState } from "../../core/changespec/project.ts";
import { projectStore } from "../../core/changespec/read.ts";
import { projectListWire } from "../../core/changespec/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";
import { inert } from "./inert.ts";

/** Run `sase project list`. */
export async function runList(
  app: AppContext,
  options: { state: string; json?: boolean },
): Promise<void> {
  const states = options.state === "all" ? "all" : [parseProjectState(options.state)];
  const projects = await listProjects(projectStore(app.env), states);
  if (options.json) return printJson(projectListWire(options.state, projects));
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
}
