/**
 * `sase changespec show NAME` and `sase changespec current`: one ChangeSpec
 * as its file holds it (or `-j` JSON).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { changeSpecSource, findChangeSpec, projectStore } from "../../core/changespec/read.ts";
import type { ChangeSpec } from "../../core/changespec/types.ts";
import { changeSpecDocumentWire } from "../../core/changespec/wire.ts";
import { requireKnownProject } from "../../core/workspace/known_project.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { printJson } from "../shared/output.ts";
import { importOnDemand } from "../../core/on_demand.ts";

/** Print `spec`: its JSON document, or its text (agents write these files: shown inert). */
async function printSpec(spec: ChangeSpec, json: boolean | undefined): Promise<void> {
  if (json) printJson(changeSpecDocumentWire(spec));
  else console.log(neutralizeControls(await changeSpecSource(spec)));
}

/** Run `sase changespec show NAME`. */
export async function runShow(
  app: AppContext,
  name: string,
  options: { project?: string; json?: boolean },
): Promise<void> {
  const project = options.project === undefined
    ? undefined
    : await requireKnownProject(options.project, app.env);
  await printSpec(await findChangeSpec(projectStore(app.env), name, project), options.json);
}

/** Run `sase changespec current`. */
export async function runCurrent(app: AppContext, options: { json?: boolean }): Promise<void> {
  const { currentChangeSpec } = await importOnDemand<
    typeof import("../../core/changespec/current.ts")
  >("../../core/changespec/current.ts", import.meta.url);
  await printSpec(await currentChangeSpec(projectStore(app.env), app.cwd, app.env), options.json);
}
