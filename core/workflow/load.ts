/**
 * Loading a workflow: its file's text (bounded read, untrusted YAML) →
 * {@linkcode Workflow}, with `use:` imports resolved, the structural rules
 * (`parse.ts`) and the cross-step reference check (`validate.ts`) applied.
 * Every error names the file, the line and the step; fields the format does
 * not know come back as warnings.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { READ_LIMITS, readTextBoundedSync } from "../fs/bounded_read.ts";
import type { XPrompt } from "../xprompt/model.ts";
import { parseYamlText } from "../yaml/untrusted.ts";
import type { Workflow } from "./model.ts";
import { parseWorkflowData, type YamlPath } from "./parse.ts";
import { loadStepImport, type StepSearch, stepSearchDirs } from "./step_imports.ts";
import { validateReferences } from "./validate.ts";

/** A loaded workflow, its source text and what it holds that the format does not know. */
export interface LoadedWorkflow {
  workflow: Workflow;
  /** The file's text as read (a run keeps it, so a resume runs what was launched). */
  text: string;
  warnings: string[];
}

/** Options of {@linkcode loadWorkflowText}. */
export interface LoadOptions {
  /** Where `use:` imports are looked for. */
  search: StepSearch;
  /** The name to give the workflow (the catalog's, e.g. `project/name`); default: its own. */
  name?: string;
  /** The name when the file sets none (default: the file's stem). */
  stem?: string;
}

function stemOf(path: string): string {
  return (path.split("/").pop() ?? path).replace(/\.ya?ml$/, "");
}

/** Load a workflow from `text`, the content of `sourcePath`. */
export function loadWorkflowText(
  text: string,
  sourcePath: string,
  options: LoadOptions,
): LoadedWorkflow {
  const parsed = parseYamlText(text, sourcePath, { code: "workflow.yaml" });
  const lineOf = (path: YamlPath) => {
    const node = parsed.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? parsed.lineCounter.linePos(node.range[0]).line : undefined;
  };
  const dirs = stepSearchDirs(options.search, sourcePath);
  const { workflow, warnings } = parseWorkflowData(parsed.value, {
    sourcePath,
    stem: options.stem ?? stemOf(sourcePath),
    lineOf,
    resolveUse: (ref, where) => loadStepImport(ref, dirs, where),
  });
  if (options.name) workflow.name = options.name;
  validateReferences(workflow);
  return { workflow, text, warnings };
}

/** Load the workflow file at `path`. */
export function loadWorkflowFile(path: string, options: LoadOptions): LoadedWorkflow {
  return loadWorkflowText(readTextBoundedSync(path, READ_LIMITS.config), path, options);
}

/** Load the workflow a catalog entry describes (its YAML file, under the catalog's name). */
export function loadCatalogWorkflow(xprompt: XPrompt, search: StepSearch): LoadedWorkflow {
  if (xprompt.kind === "xprompt") {
    throw new SaseError(
      "workflow.not_workflow",
      `'${xprompt.name}' is an xprompt, not a workflow (${xprompt.source.path})`,
      { hint: `reference it inline as #${xprompt.name}`, kind: "invalid-input" },
    );
  }
  return loadWorkflowFile(xprompt.source.path, { search, name: xprompt.name });
}
