/**
 * ChangeSpecs for the ACE model tests, parsed from ProjectSpec text by the
 * real parser (as the loader would).
 *
 * @module
 */

import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import type { ChangeSpec } from "../../../core/changespec/types.ts";

/** One spec's fields, written as a ProjectSpec block. */
export interface SpecText {
  name: string;
  status: string;
  description?: string;
  parent?: string;
  /** Extra lines appended verbatim (sections). */
  extra?: string;
}

function block(spec: SpecText): string {
  return [
    `NAME: ${spec.name}`,
    `DESCRIPTION: ${spec.description ?? `About ${spec.name}`}`,
    ...(spec.parent ? [`PARENT: ${spec.parent}`] : []),
    `STATUS: ${spec.status}`,
    ...(spec.extra ? [spec.extra.replace(/\n$/, "")] : []),
  ].join("\n");
}

/** The specs of one project file `/p/<project>/<project>.sase`. */
export function projectSpecs(project: string, specs: readonly SpecText[]): ChangeSpec[] {
  const text = `PROJECT_STATE: active\n\n${specs.map(block).join("\n\n\n")}\n`;
  return parseProjectSpec(text, `/p/${project}/${project}.sase`).specs;
}

/** The reading guide's scenario fixture: my_project a/b/c (WIP/Draft/Ready) and other_x_1 (WIP). */
export function scenarioSpecs(): ChangeSpec[] {
  return [
    ...projectSpecs("my_project", [
      { name: "my_project_a_1", status: "WIP" },
      { name: "my_project_b_1", status: "Draft" },
      { name: "my_project_c_1", status: "Ready" },
    ]),
    ...projectSpecs("other", [{ name: "other_x_1", status: "WIP" }]),
  ];
}
