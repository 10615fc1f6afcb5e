/**
 * `sase workspace path NUM`: a checkout's path, without creating it.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { workspacePath } from "../../core/workspace/manage.ts";
import { parseWorkspaceNumber } from "../../core/workspace/numbers.ts";

/** Run `sase workspace path`. */
export async function runPath(
  app: AppContext,
  num: string,
  options: { project?: string },
): Promise<void> {
  console.log(await workspacePath(app, parseWorkspaceNumber(num), options.project));
}
