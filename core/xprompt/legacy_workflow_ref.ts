/**
 * Legacy standalone-workflow references: a prompt segment that is nothing
 * but `#name(args)` (plus directives and a workspace reference), where
 * `name` is a standalone workflow, still runs it — as `#!name(args)` — with
 * a warning that points to the `#!` form (handbook 7.1). Anywhere else a
 * standalone workflow cannot be expanded inline and stays an error.
 *
 * @module
 */

import type { Catalog } from "./discovery.ts";
import { scanDirectives } from "./directives.ts";
import { findReferences } from "./reference.ts";
import { findWorkspaceRefs } from "./workspace_refs.ts";

/** A segment rewritten to the `#!` form, and the warning to show. */
export interface PromotedReference {
  text: string;
  warning: string;
}

/** The segment with its lone legacy `#workflow` reference made `#!workflow`, if it has one. */
export function promoteLegacyWorkflowRef(
  segment: string,
  catalog: Catalog,
): PromotedReference | undefined {
  const references = findReferences(segment).filter((ref) => !findWorkspaceRefs(ref.raw).length);
  if (references.length !== 1) return undefined;
  const [reference] = references;
  if (reference.marker !== "#" || catalog.byName.get(reference.name)?.kind !== "workflow") {
    return undefined;
  }
  let rest = segment.slice(0, reference.start) + segment.slice(reference.end);
  for (const token of scanDirectives(rest).reverse()) {
    rest = rest.slice(0, token.start) + rest.slice(token.end);
  }
  for (const ref of findWorkspaceRefs(rest)) rest = rest.replace(ref.raw, "");
  if (rest.trim() !== "") return undefined;
  const written = reference.raw.split("\n")[0];
  return {
    text: segment.slice(0, reference.start) + "#!" + reference.raw.slice(1) +
      segment.slice(reference.end),
    warning: `'${written}' names the standalone workflow '${reference.name}': ran it as ` +
      `'#!${
        written.slice(1)
      }'; write '#!${reference.name}' (the '#${reference.name}' form is deprecated)`,
  };
}
