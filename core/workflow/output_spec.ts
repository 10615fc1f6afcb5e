/**
 * A step's `output:` declaration as an {@linkcode OutputSpec}: the JSON
 * Schema the xprompt layer builds (`core/xprompt/output_spec.ts`) plus the
 * declared fields with their semantic types, which output parsing coerces
 * to and the load-time reference check knows.
 *
 * @module
 */

import { normalizeInputType } from "../xprompt/inputs.ts";
import { outputToJsonSchema } from "../xprompt/output_spec.ts";
import type { OutputSpec } from "./model.ts";

function fieldTypes(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, spec]) => {
      const type = spec && typeof spec === "object" && !Array.isArray(spec)
        ? (spec as Record<string, unknown>).type
        : spec;
      return [name, normalizeInputType(type) ?? String(type ?? "text")];
    }),
  );
}

function schemaFieldTypes(schema: Record<string, unknown>): Record<string, string> {
  const properties = schema.properties;
  if (!properties || typeof properties !== "object") return {};
  return Object.fromEntries(
    Object.entries(properties as Record<string, Record<string, unknown>>).map((
      [name, property],
    ) => [name, String(property?.type ?? "text")]),
  );
}

/** Parse `raw` (an `output:` value); `where` names the file and step in errors. */
export function parseOutputSpec(raw: unknown, where: string): OutputSpec | undefined {
  const schema = outputToJsonSchema(raw, where);
  if (!schema) return undefined;
  if (Array.isArray(raw)) {
    return { schema, array: true, fields: fieldTypes(raw[0] as Record<string, unknown>) };
  }
  const record = raw as Record<string, unknown>;
  if (record.type === "json_schema") {
    const array = schema.type === "array";
    const items = array ? schema.items as Record<string, unknown> ?? {} : schema;
    return { schema, array, fields: schemaFieldTypes(items) };
  }
  return { schema, array: false, fields: fieldTypes(record) };
}
