/**
 * The `linked_repos` (or deprecated `sibling_repos`) entries generated
 * memory describes, read from one config file exactly: project memory from
 * the project's own `./sase.yml`, home memory from the user config. Every
 * entry needs a non-empty `description`; init fails rather than generating
 * ambiguous memory.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { parse } from "../yaml/lib.ts";
import { readTextIfExists } from "./fs.ts";

/** One linked repository as generated memory shows it. */
export interface LinkedRepo {
  name: string;
  path: string | null;
  description: string;
  /** `none`: a static path; otherwise numbered workspaces. */
  numbered: boolean;
}

function bad(path: string, message: string): SaseError {
  return new SaseError("memory.linked_repos", `${path}: ${message}`, {
    hint: "give every linked_repos entry a non-empty `description:`, then rerun `sase memory init`",
    kind: "invalid-data",
  });
}

/** The linked repositories `configPath` declares (none when the file is missing). */
export async function readLinkedRepos(configPath: string): Promise<LinkedRepo[]> {
  const text = await readTextIfExists(configPath);
  if (text === null) return [];
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw bad(configPath, `not valid YAML: ${(error as Error).message}`);
  }
  if (data === null || data === undefined) return [];
  if (typeof data !== "object" || Array.isArray(data)) throw bad(configPath, "expected a mapping");
  const record = data as Record<string, unknown>;
  const key = record.linked_repos !== undefined ? "linked_repos" : "sibling_repos";
  const raw = record[key];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw bad(configPath, `${key} must be a list`);
  const repos: LinkedRepo[] = [];
  raw.forEach((item, index) => {
    const at = `${key}[${index}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw bad(configPath, `${at} must be a mapping`);
    }
    const entry = item as Record<string, unknown>;
    const name = typeof entry.name === "string" ? entry.name.trim() : "";
    if (!name) throw bad(configPath, `${at} is missing its \`name\``);
    const description = typeof entry.description === "string"
      ? entry.description.trim().replace(/\s+/g, " ")
      : "";
    if (!description) {
      throw bad(configPath, `${at} ('${name}') is missing a non-empty \`description\``);
    }
    const workspace = entry.workspace as Record<string, unknown> | undefined;
    repos.push({
      name,
      path: typeof entry.path === "string" && entry.path.trim() ? entry.path.trim() : null,
      description,
      numbered: workspace?.strategy !== "none",
    });
  });
  return repos;
}
