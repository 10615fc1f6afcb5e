/**
 * Turn definitions into {@linkcode XPrompt}s: Markdown files with front
 * matter, config `xprompts:` entries (string or structured), file-local
 * `_helpers`, and YAML workflow files (catalogued; embeddable when they have
 * a `prompt_part` step).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { parseYamlText } from "../yaml/untrusted.ts";
import { splitFrontMatter } from "./frontmatter.ts";
import { hasSegmentSeparators } from "./segments.ts";
import { parseInputs } from "./inputs.ts";
import type { XPrompt, XPromptSource } from "./model.ts";
import { outputToJsonSchema } from "./output_spec.ts";

/** Parse `tags:` given as a comma string or a list. */
export function parseTags(raw: unknown): string[] {
  if (typeof raw === "string") return raw.split(",").map((tag) => tag.trim()).filter(Boolean);
  if (Array.isArray(raw)) return raw.map(String).map((tag) => tag.trim()).filter(Boolean);
  return [];
}

function optionalString(
  data: Record<string, unknown>,
  key: string,
  where: string,
): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new SaseError("xprompt.field", `${where}: '${key}' must be a string`, {
      kind: "invalid-data",
    });
  }
  return value;
}

function skillValue(raw: unknown, where: string): boolean | string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "boolean") return raw;
  if (Array.isArray(raw)) return raw.map(String);
  throw new SaseError(
    "xprompt.field",
    `${where}: 'skill' must be true/false or a list of providers`,
    { kind: "invalid-data" },
  );
}

/** Fields shared by front matter and structured config entries. */
function fromFields(
  name: string,
  data: Record<string, unknown>,
  content: string,
  source: XPromptSource,
  where: string,
  helperRule: "underscore" | "any",
): XPrompt {
  const tags = parseTags(data.tags);
  if (data.wraps_all === true && !tags.includes("vcs")) tags.push("vcs");
  const snippet = data.snippet;
  if (snippet !== undefined && typeof snippet !== "boolean" && typeof snippet !== "string") {
    throw new SaseError(
      "xprompt.field",
      `${where}: 'snippet' must be true/false or a trigger word`,
      { kind: "invalid-data" },
    );
  }
  const xprompt: XPrompt = {
    name,
    kind: "xprompt",
    content,
    inputs: parseInputs(data.input, `${where} (#${name})`),
    description: optionalString(data, "description", where),
    tags,
    hidden: data.hidden === true,
    snippet: snippet as boolean | string | undefined,
    skill: skillValue(data.skill, where),
    logSkillUse: data.log_skill_use !== false,
    output: outputToJsonSchema(data.output, `${where} (#${name})`),
    helpers: {},
    multiAgent: hasSegmentSeparators(content),
    source,
  };
  xprompt.helpers = parseHelpers(data.xprompts, source, where, helperRule);
  return xprompt;
}

/** Parse a file-local `xprompts:` block; names must start with `_` unless `rule` is `any`. */
export function parseHelpers(
  raw: unknown,
  source: XPromptSource,
  where: string,
  rule: "underscore" | "any" = "underscore",
): Record<string, XPrompt> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new SaseError("xprompt.field", `${where}: 'xprompts' must be a mapping of helper names`, {
      kind: "invalid-data",
    });
  }
  const helpers: Record<string, XPrompt> = {};
  for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (rule === "underscore" && !name.startsWith("_")) {
      throw new SaseError(
        "xprompt.helper_name",
        `${where}: local xprompt '${name}' must start with '_' (e.g. '_${name}')`,
        { kind: "invalid-data" },
      );
    }
    helpers[name] = configXPrompt(name, entry, source, `${where} xprompts.${name}`);
  }
  return helpers;
}

/** Build an xprompt from a config entry (string body or structured mapping). */
export function configXPrompt(
  name: string,
  entry: unknown,
  source: XPromptSource,
  where: string,
): XPrompt {
  if (typeof entry === "string") return fromFields(name, {}, entry, source, where, "any");
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
    throw new SaseError(
      "xprompt.config",
      `${where}: must be a string or a mapping with 'content'`,
      { kind: "invalid-data" },
    );
  }
  const data = entry as Record<string, unknown>;
  if (typeof data.content !== "string") {
    throw new SaseError("xprompt.config", `${where}: missing string field 'content'`, {
      kind: "invalid-data",
    });
  }
  return fromFields(name, data, data.content, source, where, "any");
}

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
