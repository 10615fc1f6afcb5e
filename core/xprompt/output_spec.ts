/**
 * Output specs (`output:`) mapped to JSON Schema.
 *
 * Shortform object `{name: word}`, shortform array `[{name: word}]`, nested
 * `{type, default}` entries, and longform `{type: json_schema, schema: …}`.
 * Semantic types become JSON Schema types plus constraints (`word` has no
 * whitespace, `line` no newline).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { normalizeInputType } from "./inputs.ts";

type Schema = Record<string, unknown>;

function semantic(type: unknown, where: string, field: string): Schema {
  const normalized = normalizeInputType(type);
  switch (normalized) {
    case "word":
    case "path":
      return { type: "string", pattern: "^\\S*$" };
    case "line":
      return { type: "string", pattern: "^[^\\n]*$" };
    case "text":
      return { type: "string" };
    case "int":
      return { type: "integer" };
    case "float":
      return { type: "number" };
    case "bool":
      return { type: "boolean" };
  }
  if (
    typeof type === "string" &&
    ["string", "integer", "number", "boolean", "array", "object"].includes(type)
  ) {
    return { type };
  }
  throw new SaseError(
    "xprompt.output",
    `${where}: output field '${field}' has unknown type '${String(type)}'`,
    { kind: "invalid-data" },
  );
}

function objectSchema(fields: Record<string, unknown>, where: string): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    if (spec && typeof spec === "object" && !Array.isArray(spec)) {
      const entry = spec as Record<string, unknown>;
      properties[name] = semantic(entry.type, where, name);
      if (Object.hasOwn(entry, "default")) properties[name].default = entry.default;
      else required.push(name);
      if (typeof entry.description === "string") properties[name].description = entry.description;
    } else {
      properties[name] = semantic(spec, where, name);
      required.push(name);
    }
  }
  return { type: "object", properties, required };
}

function convertLongform(schema: unknown, where: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => convertLongform(item, where));
  if (!schema || typeof schema !== "object") return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === "type" && typeof value === "string" && normalizeInputType(value)
      ? semantic(value, where, key).type
      : convertLongform(value, where);
    if (key === "type" && normalizeInputType(value as string) && typeof value === "string") {
      const extra = semantic(value, where, key);
      if (extra.pattern) out.pattern = extra.pattern;
    }
  }
  return out;
}

/** Convert an `output:` value to JSON Schema; `where` names the file in errors. */
export function outputToJsonSchema(raw: unknown, where: string): Schema | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (Array.isArray(raw)) {
    if (raw.length !== 1 || typeof raw[0] !== "object") {
      throw new SaseError(
        "xprompt.output",
        `${where}: array output must hold exactly one object spec`,
        { kind: "invalid-data" },
      );
    }
    return { type: "array", items: objectSchema(raw[0] as Record<string, unknown>, where) };
  }
  if (typeof raw !== "object") {
    throw new SaseError("xprompt.output", `${where}: 'output' must be a mapping or list`, {
      kind: "invalid-data",
    });
  }
  const record = raw as Record<string, unknown>;
  if (record.type === "json_schema") {
    if (!record.schema || typeof record.schema !== "object") {
      throw new SaseError(
        "xprompt.output",
        `${where}: json_schema output needs a 'schema' mapping`,
        { kind: "invalid-data" },
      );
    }
    const schema = convertLongform(record.schema, where) as Schema;
    if (!schema.type && schema.properties) schema.type = "object";
    return schema;
  }
  return objectSchema(record, where);
}
