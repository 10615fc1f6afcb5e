/**
 * `sase project alias list|add|remove|clear`.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { addAlias, clearAliases, listAliases, removeAlias } from "../../core/changespec/project.ts";
import { projectStore } from "../../core/changespec/read.ts";
import { aliasListWire } from "../../core/changespec/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase project alias list [PROJECT]`. */
export async function runAliasList(
  app: AppContext,
  project: string | undefined,
  options: { json?: boolean },
): Promise<void> {
  const rows = await listAliases(projectStore(app.env), project);
  if (options.json) return printJson(aliasListWire(rows));
  if (project) {
    for (const alias of rows[0].aliases) console.log(alias);
    return;
  }
  console.log(
    formatTable(["PROJECT", "ALIASES"], rows.map((r) => [r.project, r.aliases.join(", ")])),
  );
}

/** Run `sase project alias add PROJECT ALIAS`. */
export async function runAliasAdd(app: AppContext, project: string, alias: string): Promise<void> {
  const aliases = await addAlias(projectStore(app.env), project, alias);
  console.log(`${project}: ${aliases.join(", ")}`);
}

/** Run `sase project alias remove PROJECT ALIAS`. */
export async function runAliasRemove(
  app: AppContext,
  project: string,
  alias: string,
): Promise<void> {
  const aliases = await removeAlias(projectStore(app.env), project, alias);
  console.log(`${project}: ${aliases.join(", ") || "(no aliases)"}`);
}

/** Run `sase project alias clear PROJECT`. */
export async function runAliasClear(app: AppContext, project: string): Promise<void> {
  await clearAliases(projectStore(app.env), project);
  console.log(`${project}: (no aliases)`);
}
