/**
 * Typed inputs: declarations (longform list, shortform map, flow maps).
 * Binding call arguments to them is in `bind_args.ts`.
 *
 * Required-ness differs by file kind: in xprompts an input without `default`
 * is required; in workflow YAML a longform entry without `default` is
 * optional (as if `default: null`).
 *
 * @module
 */

import { SaseError } from "../errors.ts";

/** The semantic input types. */
export type InputType = "word" | "line" | "text" | "path" | "int" | "bool" | "float";

/** One declared input. */
export interface InputDef {
  name: string;
  type: InputType;
  required: boolean;
  /** The default (native YAML type kept); `null` when `default: null`. */
  default?: unknown;
  description?: string;
}

const TYPE_ALIASES: Record<string, InputType> = {
  word: "word",
  line: "line",
  text: "text",
  path: "path",
  int: "int",
  integer: "int",
  bool: "bool",
  boolean: "bool",
  float: "float",
};

/** Normalise a type name (`integer` → `int`); undefined if unknown. */
export function normalizeInputType(name: unknown): InputType | undefined {
  return typeof name === "string" ? TYPE_ALIASES[name.trim().toLowerCase()] : undefined;
}

/** A longform or mapped input declaration. */
interface InputEntry {
  name?: string;
  type?: string;
  default?: unknown;
  description?: string;
}

/** Whether `raw` is a mapping whose `name`, `type` and `description` are strings where given. */
function isInputEntry(raw: unknown): raw is InputEntry {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return false;
  const entry = raw as Record<string, unknown>;
  return ["name", "type", "description"].every((key) =>
    entry[key] === undefined || typeof entry[key] === "string"
  );
}

/** Whether the declaration comes from an xprompt or a workflow YAML file. */
export type InputMode = "xprompt" | "workflow";

function fromEntry(
  name: string,
  raw: unknown,
  where: string,
  mode: InputMode,
  longform: boolean,
): InputDef {
  if (raw === null || raw === undefined || typeof raw === "string") {
    const type = raw == null ? "line" : normalizeInputType(raw);
    if (!type) throw badType(where, name, raw);
    return { name, type, required: true };
  }
  if (!isInputEntry(raw)) {
    throw new SaseError(
      "xprompt.input",
      `${where}: input '${name}' must be a type name or a mapping`,
      { kind: "invalid-data" },
    );
  }
  const type = raw.type === undefined ? "line" : normalizeInputType(raw.type);
  if (!type) throw badType(where, name, raw.type);
  const hasDefault = Object.hasOwn(raw, "default");
  const def: InputDef = {
    name,
    type,
    required: !hasDefault && !(mode === "workflow" && longform),
    description: raw.description,
  };
  if (hasDefault) def.default = raw.default;
  else if (mode === "workflow" && longform) def.default = null;
  return def;
}

function badType(where: string, name: string, type: unknown): SaseError {
  return new SaseError(
    "xprompt.input",
    `${where}: input '${name}' has unknown type '${String(type)}'`,
    {
      hint: "types: word, line, text, path, int/integer, bool/boolean, float",
      kind: "invalid-data",
    },
  );
}

/** Parse an `input:` declaration. `where` names the file (and xprompt) in errors. */
export function parseInputs(raw: unknown, where: string, mode: InputMode = "xprompt"): InputDef[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) {
    return raw.map((entry, index) => {
      const name = (entry as { name?: unknown })?.name;
      if (typeof name !== "string" || !name) {
        throw new SaseError("xprompt.input", `${where}: input #${index + 1} has no 'name'`, {
          kind: "invalid-data",
        });
      }
      return fromEntry(name, entry, where, mode, true);
    });
  }
  if (typeof raw === "object") {
    return Object.entries(raw as Record<string, unknown>).map(([name, entry]) =>
      fromEntry(name, entry, where, mode, false)
    );
  }
  throw new SaseError("xprompt.input", `${where}: 'input' must be a list or a mapping`, {
    kind: "invalid-data",
  });
}
