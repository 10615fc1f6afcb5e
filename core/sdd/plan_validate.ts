/**
 * Validating a plan document as text: its frontmatter read (a flat block of
 * `key: value` lines without the YAML parser, any other block with it,
 * locating every field's line in the parser's source map), then checked by
 * the tier rules of `plan_rules.ts`.
 *
 * @module
 */

import { isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap } from "../yaml/lib.ts";
import { parseFrontmatterYaml } from "./frontmatter.ts";
import {
  flatFrontmatterFields,
  type FrontmatterFields,
  splitFrontmatter,
} from "./frontmatter_text.ts";
import type { SddTier } from "./layout.ts";
import {
  checkPlan,
  declaredTier,
  type PlanValidation,
  type ValidatePlanOptions,
} from "./plan_rules.ts";

export type { PlanDiagnostic } from "./plan_diagnostics.ts";
export type { PlanValidation, ValidatePlanOptions } from "./plan_rules.ts";

/** The file line of each field path of a plan's mapping: its keys, phases and their fields. */
function fieldLines(root: YAMLMap, counter: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  const lineOf = (node: Node | null | undefined) =>
    node?.range ? counter.linePos(node.range[0]).line + 1 : undefined;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const line = lineOf(pair.key as Node);
    if (key === undefined || line === undefined) continue;
    lines.set(key, line);
    if (key !== "phases" || !isSeq(pair.value)) continue;
    pair.value.items.forEach((item, index) => {
      const itemLine = lineOf(item as Node);
      if (itemLine !== undefined) lines.set(`phases[${index}]`, itemLine);
      if (!isMap(item)) return;
      for (const field of item.items) {
        const fieldLine = lineOf(field.key as Node);
        if (isScalar(field.key) && fieldLine !== undefined) {
          lines.set(`phases[${index}].${String(field.key.value)}`, fieldLine);
        }
      }
    });
  }
  return lines;
}

/** A plan's frontmatter block read by the YAML parser, with each field's line. */
export function yamlPlanFields(yaml: string): FrontmatterFields {
  const block = parseFrontmatterYaml(yaml);
  if (!block.ok) return block;
  const root = block.doc && isMap(block.doc.contents) ? block.doc.contents : null;
  return {
    ok: true,
    data: block.data,
    lines: root ? fieldLines(root, block.counter) : new Map(),
    warnings: block.warnings,
  };
}

/** A plan's frontmatter block: a flat one read without the parser, any other with it. */
export function planFields(yaml: string): FrontmatterFields {
  return flatFrontmatterFields(yaml) ?? yamlPlanFields(yaml);
}

/** Validate a complete markdown plan against `tier`. Pure. */
export function validatePlan(
  content: string,
  tier: SddTier,
  options: ValidatePlanOptions = {},
): PlanValidation {
  const split = splitFrontmatter(content);
  return checkPlan(split, split.yaml === null ? null : planFields(split.yaml), tier, options);
}

/** The tier a plan document declares in valid frontmatter, if it names one. */
export function authoredTier(content: string): SddTier | null {
  const split = splitFrontmatter(content);
  return split.yaml === null ? null : declaredTier(planFields(split.yaml));
}
