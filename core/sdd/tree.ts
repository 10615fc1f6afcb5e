/**
 * The read services behind `sase sdd list|links|validate`: load a tree once
 * and answer from the scan.
 *
 * @module
 */

import { SaseError, usageError } from "../errors.ts";
import { LINKED_KINDS, LIST_KIND_FILTERS, type ListedKind, type SddTier } from "./layout.ts";
import { scanSddTree, type SddFile } from "./scan.ts";
import { collectLinks, indexTree, type LinkRow } from "./links.ts";
import { invalidRoot, type SddValidation, validateSddFiles } from "./validate.ts";

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

function missingRoot(root: string): SaseError {
  return new SaseError("sdd.no_root", `SDD path does not exist or is not a directory: ${root}`, {
    hint: "run `sase sdd init` to create a version-controlled tree, or pass -p/--path",
    kind: "not-found",
  });
}

/** One row of `sase sdd list`. */
export interface ListRow {
  path: string;
  /** Where the file lives: `prompt`, `tale`, `epic`, `legend`, or `plan` for `plans/`. */
  kind: string;
  /** The plan tier of a plan-like file (for `plans/`, its `tier:`); null for prompts. */
  tier: SddTier | null;
  bucket: string | null;
  name: string;
}

function listedKind(file: SddFile): ListedKind | null {
  return file.kind === "prompt" ? "prompt" : file.tier;
}

/**
 * SDD documents of `kind` (`prompts`, `tales`, `epics`, `legends` or `all`).
 * A tier selects plan-like files of that tier wherever they live: `-k epics`
 * lists `epics/` and the `plans/` files declaring `tier: epic`.
 */
export async function listSdd(root: string, kind = "all"): Promise<ListRow[]> {
  const kinds = LIST_KIND_FILTERS[kind];
  if (!kinds) {
    throw usageError(
      `-k/--kind: expected one of ${Object.keys(LIST_KIND_FILTERS).join(", ")}, got '${kind}'`,
      "myths and research notes are not listed; pick one of the kinds above",
    );
  }
  if (!(await isDirectory(root))) throw missingRoot(root);
  const files = await scanSddTree(root);
  return files.filter((file) =>
    LINKED_KINDS.has(file.kind) &&
    (kind === "all" || kinds.includes(listedKind(file) as ListedKind))
  ).map((file: SddFile) => ({
    path: file.relpath,
    kind: file.kind,
    tier: file.tier,
    bucket: file.bucket,
    name: file.name,
  }));
}

/** The link table of the tree at `root`. */
export async function linksOf(root: string, cwd: string): Promise<LinkRow[]> {
  if (!(await isDirectory(root))) throw missingRoot(root);
  const files = await scanSddTree(root);
  return collectLinks(indexTree(root, files, cwd), files);
}

/** Validate the tree at `root`; a missing root is an `invalid-root` error, not a throw. */
export async function validateTree(
  root: string,
  options: { strict?: boolean; cwd?: string } = {},
): Promise<SddValidation> {
  if (!(await isDirectory(root))) return invalidRoot(root, options.strict);
  return validateSddFiles(root, await scanSddTree(root), options);
}
