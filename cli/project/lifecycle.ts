/**
 * `sase project set-state` and its verbs (activate, deactivate, ...).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { parseProjectState, setProjectState } from "../../core/changespec/project.ts";
import { projectStore } from "../../core/changespec/read.ts";
import type { ProjectState } from "../../core/changespec/types.ts";
import { projectStateWire } from "../../core/changespec/wire.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase project set-state PROJECT STATE` (`state` as typed, or a verb's state). */
export async function runSetState(
  app: AppContext,
  name: string,
  state: string | ProjectState,
  options: { force?: boolean; json?: boolean },
): Promise<void> {
  const result = await setProjectState(projectStore(app.env), name, parseProjectState(state), {
    force: options.force ?? false,
  });
  if (options.json) printJson(projectStateWire(result));
  else if (result.previous === result.state) console.log(`${name} is already ${result.state}`);
  else console.log(`${name}: ${result.previous} -> ${result.state}`);
}
