/**
 * The ancestors/children panel beside the PRs detail: the PARENT chain of
 * the focused ChangeSpec (nearest first) and the specs naming it as their
 * PARENT, looked up over every loaded spec (not only the query's matches).
 * A name missing from the corpus still shows, marked unknown; a PARENT cycle
 * ends the chain where it repeats.
 *
 * @module
 */

import type { ChangeSpec } from "../../../core/changespec/types.ts";
import { agentText, type Line, seg } from "../segments.ts";
import { statusStyle } from "./rows.ts";

/** One related ChangeSpec (status null when the corpus does not hold it). */
export interface RelatedSpec {
  readonly name: string;
  readonly status: string | null;
}

/** The relationships of one spec. */
export interface Relations {
  /** PARENT first, then its PARENT, ... */
  readonly ancestors: readonly RelatedSpec[];
  readonly children: readonly RelatedSpec[];
}

/** Name → spec and name → children of a corpus, built once per load. */
export class RelationIndex {
  readonly #byName = new Map<string, ChangeSpec>();
  readonly #children = new Map<string, ChangeSpec[]>();

  constructor(specs: readonly ChangeSpec[]) {
    for (const spec of specs) {
      if (!this.#byName.has(spec.name)) this.#byName.set(spec.name, spec);
      if (spec.parent !== null) {
        const list = this.#children.get(spec.parent);
        if (list) list.push(spec);
        else this.#children.set(spec.parent, [spec]);
      }
    }
  }

  /** The relations of `spec`. */
  relations(spec: ChangeSpec): Relations {
    const ancestors: RelatedSpec[] = [];
    const seen = new Set([spec.name]);
    let parent = spec.parent;
    while (parent !== null && !seen.has(parent)) {
      seen.add(parent);
      const found = this.#byName.get(parent);
      ancestors.push({ name: parent, status: found?.status ?? null });
      parent = found?.parent ?? null;
    }
    const children = (this.#children.get(spec.name) ?? []).map((child) => ({
      name: child.name,
      status: child.status,
    }));
    return { ancestors, children };
  }
}

function relatedLine(prefix: string, related: RelatedSpec): Line {
  return [
    seg(prefix, "dim"),
    seg(agentText(related.name)),
    related.status === null
      ? seg("  (unknown)", "dim")
      : seg(`  ${agentText(related.status)}`, statusStyle(related.status)),
  ];
}

/** The panel's lines: an ANCESTORS and a CHILDREN block (each only when non-empty). */
export function relationLines(relations: Relations): Line[] {
  const out: Line[] = [];
  if (relations.ancestors.length) {
    out.push([seg("ANCESTORS:", "section.header")]);
    out.push(...relations.ancestors.map((a) => relatedLine("  ↑ ", a)));
  }
  if (relations.children.length) {
    out.push([seg("CHILDREN:", "section.header")]);
    out.push(...relations.children.map((c) => relatedLine("  ↓ ", c)));
  }
  return out;
}
