/**
 * `sase workspace list`: one project's registry view and checkouts.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { DIRECTORY_POLICY, type WorkspaceInventory } from "../../core/workspace/inventory.ts";
import { projectWorkspaces } from "../../core/workspace/manage.ts";
import { workspaceInventoryWire } from "../../core/workspace/wire.ts";
import { formatTable, printJson, style } from "../shared/output.ts";

/** How long ago `seconds` (Unix time) was, coarsely: `3d`, `5h`, `<1h`. */
function age(seconds: number | undefined, nowMs: number): string {
  if (!seconds) return "-";
  const days = (nowMs / 1000 - seconds) / 86400;
  if (days >= 1) return `${Math.round(days)}d`;
  return days * 24 < 1 ? "<1h" : `${Math.round(days * 24)}h`;
}

function printInventory(view: WorkspaceInventory, nowMs: number): void {
  const rows: Array<[string, string]> = [
    ["project", `${view.project}${view.state ? ` (${view.state})` : ""}`],
    ["root policy", view.rootPolicy],
    ["project key", view.projectKey],
    ["root", view.rootDir],
    [
      "registry",
      view.registryPath ??
        (view.rootPolicy === DIRECTORY_POLICY
          ? "- (a directory project has none)"
          : "- (adjacent roots keep none)"),
    ],
    ["primary #0", view.primary.checkoutDir],
  ];
  for (const [key, value] of rows) console.log(`${key.padEnd(12)} ${value}`);
  console.log("");
  console.log(formatTable(
    ["NUM", "PATH", "EXISTS", "ROLE", "LAST USED", "CLAIMS"],
    view.workspaces.map((row) => [
      `#${row.num}`,
      row.checkoutDir,
      row.exists ? "yes" : style("red", "no"),
      row.registered?.role ?? (row.num === 0 ? "primary" : "-"),
      age(row.registered?.last_used_at, nowMs),
      row.claims.map((c) => `${c.name || c.workflow} pid ${c.pid}${c.alive ? "" : " (dead)"}`)
        .join(", ") || "-",
    ]),
  ));
}

/** Run `sase workspace list`. */
export async function runList(
  app: AppContext,
  options: { project?: string; json?: boolean },
): Promise<void> {
  const view = await projectWorkspaces(app, options.project);
  if (options.json) printJson(workspaceInventoryWire(view));
  else printInventory(view, app.now().getTime());
}
