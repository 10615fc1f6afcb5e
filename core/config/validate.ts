/**
 * Checking configuration against the zod schema: each layer on its own (so
 * an error names the file, line and key path that set the bad value), the
 * merged result, and the non-fatal warnings (unknown and deprecated keys).
 *
 * Kept out of `load.ts` because zod and the schema are costly to load and a
 * cached configuration is already known to be valid.
 *
 * @module
 */

import type { z } from "zod";
import { SaseError } from "../errors.ts";
import type { ConfigObject } from "./merge.ts";
import type { ConfigLayer } from "./layers.ts";
import type { ConfigWarning } from "./loaded.ts";
import { ConfigSchema, type SaseConfig, unknownTopLevelKeys } from "./schema.ts";

const DEPRECATED_KEYS: Readonly<Record<string, string>> = { sibling_repos: "linked_repos" };

function describeIssue(layer: ConfigLayer, issue: z.core.$ZodIssue): string {
  const keyPath = issue.path.map(String).join(".") || "(top level)";
  const line = layer.lineOf(issue.path as (string | number)[]);
  const where = line === undefined ? layer.path : `${layer.path}:${line}`;
  return `${where}: ${keyPath}: ${issue.message}`;
}

/** Validate one layer; throws a `SaseError` naming file, line and key path. */
export function validateLayer(layer: ConfigLayer): void {
  if (!layer.value) return;
  const result = ConfigSchema.safeParse(layer.value);
  if (result.success) return;
  const messages = result.error.issues.map((issue) => describeIssue(layer, issue));
  throw new SaseError("config.invalid", messages.join("\n"), {
    hint: `fix ${messages.length === 1 ? "this value" : "these values"} in ${layer.path}`,
    kind: "invalid-data",
  });
}

/** Validate the merged configuration; throws a `SaseError` naming the first bad key path. */
export function validateMerged(raw: ConfigObject): SaseConfig {
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SaseError(
      "config.invalid",
      `merged configuration: ${issue.path.map(String).join(".")}: ${issue.message}`,
      { hint: "run `sase config layers` to see which files contribute", kind: "invalid-data" },
    );
  }
  return parsed.data;
}

/** Warnings for unknown and deprecated top-level keys in a layer. */
export function layerWarnings(layer: ConfigLayer): ConfigWarning[] {
  if (!layer.value) return [];
  const warnings: ConfigWarning[] = [];
  for (const key of unknownTopLevelKeys(layer.value)) {
    warnings.push({
      layer: layer.name,
      path: layer.path,
      line: layer.lineOf([key]),
      key,
      message: `unknown configuration key '${key}'`,
    });
  }
  for (const [key, replacement] of Object.entries(DEPRECATED_KEYS)) {
    if (key in layer.value) {
      warnings.push({
        layer: layer.name,
        path: layer.path,
        line: layer.lineOf([key]),
        key,
        message: `'${key}' is deprecated; use '${replacement}'`,
      });
    }
  }
  return warnings;
}
