/**
 * xprompt definition files: Markdown files with YAML front matter, and YAML
 * workflow files (catalogued; embeddable when they have a `prompt_part`
 * step). Discovery imports this module only when a file is not in the
 * catalog's file cache, as it brings in the YAML parser.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { parseYamlText } from "../yaml/untrusted.ts";
import { splitFrontMatter } from "./frontmatter.ts";
import { parseInputs } from "./inputs.ts";
import { fromFields, optionalString, parseHelpers, parseTags } from "./loader.ts";
import type { XPrompt, XPromptSource } from "./model.ts";

/** Build an xprompt from a Markdown file's text. `stem` is the default name. */
export function markdownXPrompt(text: string, stem: string, source: XPromptSource): XPrompt {
  const where = source.path;
  const doc = splitFrontMatter(text, where);
  const data = doc.data ?? {};
  const name = optionalString(data, "name", where) ?? stem;
  return fromFields(name, data, doc.body.trim(), source, where, "underscore");
}

/** Build a catalog entry from a YAML workflow file's text. */
export function workflowXPrompt(text: string, stem: string, source: XPromptSource): XPrompt {
  const where = source.path;
  const data = parseYamlText(text, where, { code: "xprompt.workflow" }).value;
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new SaseError("xprompt.workflow", `${where}: a workflow file must be a YAML mapping`, {
      kind: "invalid-data",
    });
  }
  const record = data as Record<string, unknown>;
  if (!Array.isArray(record.steps)) {
    throw new SaseError("xprompt.workflow", `${where}: missing required list 'steps'`, {
      kind: "invalid-data",
    });
  }
  const promptParts = record.steps.filter((step) =>
    step && typeof step === "object" &&
    typeof (step as Record<string, unknown>).prompt_part === "string"
  ) as Record<string, string>[];
  const name = optionalString(record, "name", where) ?? stem;
  const tags = parseTags(record.tags);
  if (record.wraps_all === true && !tags.includes("vcs")) tags.push("vcs");
  const sideSteps = promptParts.length > 0 && record.steps.length > promptParts.length;
  return {
    name,
    kind: promptParts.length > 0 ? "embeddable_workflow" : "workflow",
    ...(sideSteps ? { sideSteps } : {}),
    content: promptParts[0]?.prompt_part ?? "",
    inputs: parseInputs(record.input, `${where} (#${name})`, "workflow"),
    description: optionalString(record, "description", where),
    tags,
    hidden: record.hidden === true,
    logSkillUse: true,
    helpers: parseHelpers(record.xprompts, source, where, "any"),
    multiAgent: false,
    source,
  };
}
