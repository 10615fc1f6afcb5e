/**
 * Turn definitions into {@linkcode XPrompt}s: the fields every definition
 * has, config `xprompts:` entries (string or structured) and file-local
 * `_helpers`. Definition files (which need the YAML parser) are read in
 * `file_loader.ts`.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
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

/** The string at `data[key]` (absent or null: undefined); anything else is an error naming `where`. */
export function optionalString(
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
export function fromFields(
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
