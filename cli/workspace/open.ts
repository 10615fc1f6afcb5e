/**
 * `sase workspace open NUM -r REASON`: prepare a checkout for a person and
 * print its path.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { openProjectWorkspace } from "../../core/workspace/manage.ts";
import { parseWorkspaceNumber } from "../../core/workspace/numbers.ts";

/** Run `sase workspace open`. */
export async function runOpen(
  app: AppContext,
  num: string,
  options: { reason: string; project?: string },
): Promise<void> {
  const opened = await openProjectWorkspace(
    app,
    parseWorkspaceNumber(num),
    options.reason,
    options.project,
  );
  console.log(opened.dir);
}
