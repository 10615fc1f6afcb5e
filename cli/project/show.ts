/**
 * `sase project show`: one project's state, files, workspace and warnings.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { showProject } from "../../core/changespec/project.ts";
import { projectStore } from "../../core/changespec/read.ts";
import { projectDocumentWire } from "../../core/changespec/wire.ts";
import { printJson } from "../shared/output.ts";
import { inert } from "./inert.ts";

/** Run `sase project show PROJECT`. */
export async function runShow(
  app: AppContext,
  name: string,
  options: { json?: boolean },
): Promise<void> {
  const info = await showProject(projectStore(app.env), name);
  if (options.json) return printJson(projectDocumentWire(info));
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
}
