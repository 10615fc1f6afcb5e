/**
 * A workflow's `environment:`: each value rendered against the run's
 * context, for every bash, python and agent step (handbook 10.4).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { TemplateRenderError } from "../xprompt/jinja/render.ts";
import type { Workflow } from "./model.ts";
import { renderTemplate } from "./render.ts";

/** `workflow.environment` rendered against `context`; a template error names the file and variable. */
export async function renderEnvironment(
  workflow: Workflow,
  context: Record<string, unknown>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, template] of Object.entries(workflow.environment)) {
    try {
      out[key] = await renderTemplate(template, context);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      throw new SaseError(
        "workflow.environment",
        `${workflow.sourcePath}: environment variable '${key}': template error: ${error.message}`,
        { kind: "invalid-data" },
      );
    }
  }
  return out;
}
