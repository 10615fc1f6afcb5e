/**
 * Typed inputs: declarations (longform list, shortform map, flow maps),
 * binding of call arguments to them, and value validation/conversion.
 *
 * Required-ness differs by file kind: in xprompts an input without `default`
 * is required; in workflow YAML a longform entry without `default` is
 * optional (as if `default: null`).
 *
 * @module
 */

import { z } from "zod";
import { SaseError } from "../errors.ts";
import { type ArgValue, NULL_ARG } from "./args.ts";

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

const EntrySchema = z.object({
  name: z.string().optional(),
  type: z.string().optional(),
  default: z.unknown().optional(),
  description: z.string().optional(),
}).passthrough();

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
  const parsed = EntrySchema.safeParse(raw);
  if (!parsed.success) {
    throw new SaseError(
      "xprompt.input",
      `${where}: input '${name}' must be a type name or a mapping`,
    );
  }
  const type = parsed.data.type === undefined ? "line" : normalizeInputType(parsed.data.type);
  if (!type) throw badType(where, name, parsed.data.type);
  const hasDefault = Object.hasOwn(raw as object, "default");
  const def: InputDef = {
    name,
    type,
    required: !hasDefault && !(mode === "workflow" && longform),
    description: parsed.data.description,
  };
  if (hasDefault) def.default = parsed.data.default;
  else if (mode === "workflow" && longform) def.default = null;
  return def;
}

function badType(where: string, name: string, type: unknown): SaseError {
  return new SaseError(
    "xprompt.input",
    `${where}: input '${name}' has unknown type '${String(type)}'`,
    { hint: "types: word, line, text, path, int/integer, bool/boolean, float" },
  );
}

/** Parse an `input:` declaration. `where` names the file (and xprompt) in errors. */
export function parseInputs(raw: unknown, where: string, mode: InputMode = "xprompt"): InputDef[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) {
    return raw.map((entry, index) => {
      const name = (entry as { name?: unknown })?.name;
      if (typeof name !== "string" || !name) {
        throw new SaseError("xprompt.input", `${where}: input #${index + 1} has no 'name'`);
      }
      return fromEntry(name, entry, where, mode, true);
    });
  }
  if (typeof raw === "object") {
    return Object.entries(raw as Record<string, unknown>).map(([name, entry]) =>
      fromEntry(name, entry, where, mode, false)
    );
  }
  throw new SaseError("xprompt.input", `${where}: 'input' must be a list or a mapping`);
}

const BOOL_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  "1": true,
  "0": false,
  on: true,
  off: false,
};

/** Validate and convert one value; throws a message naming the problem. */
export function convertValue(type: InputType, value: unknown): unknown {
  if (value === null) return null;
  if (type === "bool" && typeof value === "boolean") return value;
  if ((type === "int" || type === "float") && typeof value === "number") {
    if (type === "int" && !Number.isInteger(value)) throw new Error("expected an integer");
    return value;
  }
  const text = String(value);
  switch (type) {
    case "word":
    case "path":
      if (/\s/.test(text)) throw new Error(`${type} values may not contain whitespace`);
      return text;
    case "line":
      if (text.includes("\n")) throw new Error("line values may not contain newlines");
      return text;
    case "text":
      return text;
    case "int":
      if (!/^[+-]?\d+$/.test(text.trim())) throw new Error("expected an integer");
      return parseInt(text.trim(), 10);
    case "float":
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) {
        throw new Error("expected a number");
      }
      return parseFloat(text.trim());
    case "bool": {
      const parsed = BOOL_WORDS[text.trim().toLowerCase()];
      if (parsed === undefined) throw new Error("expected true/false, yes/no, 1/0 or on/off");
      return parsed;
    }
  }
}

/** Arguments bound to declared inputs. */
export interface BoundArgs {
  /** Positional values (converted where an input declares a type). */
  positional: unknown[];
  /** Every input by name, plus extra named arguments. */
  values: Record<string, unknown>;
}

/**
 * Map positional args to inputs by order, apply named args (which win),
 * apply defaults (`null` args fall through to them), and validate types.
 * `label` (e.g. `#greet`) names the xprompt in errors.
 */
export function bindArgs(
  inputs: readonly InputDef[],
  positional: readonly ArgValue[],
  named: Readonly<Record<string, ArgValue>>,
  label: string,
): BoundArgs {
  const values: Record<string, unknown> = {};
  const out: unknown[] = [];
  const fail = (input: string, value: unknown, why: string) =>
    new SaseError(
      "xprompt.args",
      `xprompt '${label}' input '${input}': invalid value '${String(value)}': ${why}`,
    );
  positional.forEach((value, index) => {
    const input = inputs[index];
    const raw = value === NULL_ARG ? undefined : value;
    if (!input) {
      out.push(raw ?? null);
      return;
    }
    if (raw === undefined || Object.hasOwn(named, input.name)) {
      out.push(raw ?? null);
      return;
    }
    try {
      const converted = convertValue(input.type, raw);
      values[input.name] = converted;
      out.push(converted);
    } catch (error) {
      throw fail(input.name, raw, (error as Error).message);
    }
  });
  for (const [name, value] of Object.entries(named)) {
    if (value === NULL_ARG) continue;
    const input = inputs.find((candidate) => candidate.name === name);
    if (!input) {
      values[name] = value;
      continue;
    }
    try {
      values[name] = convertValue(input.type, value);
    } catch (error) {
      throw fail(name, value, (error as Error).message);
    }
  }
  for (const input of inputs) {
    if (Object.hasOwn(values, input.name)) continue;
    if (input.required) {
      throw new SaseError(
        "xprompt.args",
        `xprompt '${label}' is missing required input '${input.name}' (${input.type})`,
        { hint: `pass it as ${label}(${input.name}=…) or positionally` },
      );
    }
    values[input.name] = input.default ?? null;
  }
  return { positional: out, values };
}
