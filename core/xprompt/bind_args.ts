/**
 * Binding call arguments to declared inputs, with value validation and
 * conversion (`int`, `bool`, `word`, ...).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { type ArgBlanks, type ArgValue, NULL_ARG } from "./args.ts";
import type { InputDef, InputType } from "./inputs.ts";

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

const NO_BLANKS: ArgBlanks = { positional: [], named: [] };

/**
 * Refuse what a call cannot mean: more positional arguments than an xprompt
 * with declared inputs has (one without declarations takes any number, for
 * `{1}` placeholders and `_args`), and arguments written as nothing
 * (`#x(a,,b)`, `#x(a,)`, `#x(k=)`): an empty value is written `""`.
 */
function checkCall(
  inputs: readonly InputDef[],
  positional: readonly ArgValue[],
  blanks: ArgBlanks,
  label: string,
): void {
  if (inputs.length > 0 && positional.length > inputs.length) {
    const names = inputs.map((input) => input.name).join(", ");
    throw new SaseError(
      "xprompt.args",
      `xprompt '${label}' takes at most ${inputs.length} positional argument${
        inputs.length === 1 ? "" : "s"
      } (${names}) but ${positional.length} were given`,
      {
        hint: `quote a value that holds commas: ${label}("a, b") or ${label}([[a, b]])`,
        kind: "invalid-data",
      },
    );
  }
  const hint = 'write "" for an empty value, or leave the argument out';
  for (const index of blanks.positional) {
    const input = inputs[index];
    const which = input ? `input '${input.name}' (argument ${index + 1})` : `argument ${index + 1}`;
    throw new SaseError("xprompt.args", `xprompt '${label}' ${which} is empty`, {
      hint,
      kind: "invalid-data",
    });
  }
  for (const name of blanks.named) {
    throw new SaseError("xprompt.args", `xprompt '${label}' input '${name}' is empty`, {
      hint: `write ${name}="" for an empty value, or leave the argument out`,
      kind: "invalid-data",
    });
  }
}

/**
 * Map positional args to inputs by order, apply named args (which win),
 * apply defaults (`null` args fall through to them), and validate types.
 * `label` (e.g. `#greet`) names the xprompt in errors; `blanks` (from the
 * parser) are arguments written as nothing, which are refused.
 */
export function bindArgs(
  inputs: readonly InputDef[],
  positional: readonly ArgValue[],
  named: Readonly<Record<string, ArgValue>>,
  label: string,
  blanks: ArgBlanks = NO_BLANKS,
): BoundArgs {
  checkCall(inputs, positional, blanks, label);
  const values: Record<string, unknown> = {};
  const out: unknown[] = [];
  const fail = (input: string, value: unknown, why: string) =>
    new SaseError(
      "xprompt.args",
      `xprompt '${label}' input '${input}': invalid value '${String(value)}': ${why}`,
      { kind: "invalid-data" },
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
        { hint: `pass it as ${label}(${input.name}=…) or positionally`, kind: "invalid-data" },
      );
    }
    values[input.name] = input.default ?? null;
  }
  return { positional: out, values };
}
