/**
 * The JSON shape of `sase xprompt list` entries.
 *
 * @module
 */

import type { Catalog } from "./discovery.ts";
import type { XPrompt } from "./model.ts";

/** One catalog entry as printed by `sase xprompt list`. */
export interface CatalogEntryJson {
  name: string;
  type: "xprompt" | "workflow";
  kind: string;
  reference_prefix: "#" | "#!";
  insertion: string;
  is_skill: boolean;
  source_path: string;
  source: string;
  priority: number;
  description: string | null;
  inputs: {
    name: string;
    type: string;
    required: boolean;
    default: unknown;
    description: string | null;
  }[];
  tags: string[];
  hidden: boolean;
  multi_agent: boolean;
  preview: string;
}

/** Describe one xprompt for the catalog listing. */
export function catalogEntry(xprompt: XPrompt): CatalogEntryJson {
  const standalone = xprompt.kind === "workflow";
  const prefix = standalone ? "#!" : "#";
  return {
    name: xprompt.name,
    type: xprompt.kind === "xprompt" ? "xprompt" : "workflow",
    kind: xprompt.kind,
    reference_prefix: prefix,
    insertion: `${prefix}${xprompt.name}`,
    is_skill: xprompt.kind === "xprompt" && Boolean(xprompt.skill),
    source_path: xprompt.source.path,
    source: xprompt.source.label,
    priority: xprompt.source.priority,
    description: xprompt.description ?? null,
    inputs: xprompt.inputs.map((input) => ({
      name: input.name,
      type: input.type,
      required: input.required,
      default: input.default ?? null,
      description: input.description ?? null,
    })),
    tags: xprompt.tags,
    hidden: xprompt.hidden,
    multi_agent: xprompt.multiAgent,
    preview: xprompt.content.replace(/\s+/g, " ").trim().slice(0, 120),
  };
}

/** Every winning entry, sorted by name. */
export function catalogEntries(catalog: Catalog): CatalogEntryJson[] {
  return [...catalog.byName.values()].map(catalogEntry).sort((a, b) =>
    a.name.localeCompare(b.name)
  );
}
