/**
 * `sase changespec migrate-extension`: rename legacy `.gp` ProjectSpecs.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { projectsDir } from "../../core/config/paths.ts";
import { SaseError } from "../../core/errors.ts";
import { migrateExtensions } from "../../core/changespec/migrate.ts";
import { migrationWire } from "../../core/changespec/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase changespec migrate-extension`; fails (after reporting) when a conflict kept files. */
export async function runMigrate(
  app: AppContext,
  options: { force?: boolean; projectsDir?: string; json?: boolean },
): Promise<void> {
  const dir = options.projectsDir ?? projectsDir(app.env);
  const actions = await migrateExtensions(dir, options.force ?? false);
  if (options.json) printJson(migrationWire(dir, actions));
  else if (actions.length === 0) console.log(`Nothing to migrate under ${dir}.`);
  else for (const a of actions) console.log(`${a.action.padEnd(17)} ${a.from} -> ${a.to}`);
  const conflicts = actions.filter((a) => a.action === "conflict");
  if (conflicts.length > 0) {
    throw new SaseError(
      "changespec.migrate_conflict",
      `kept ${plural(conflicts.length, "legacy file")}: each differs from its .sase sibling`,
      {
        hint: "compare the files, then rerun with --force to let the .gp copy win",
        kind: "conflict",
      },
    );
  }
}
