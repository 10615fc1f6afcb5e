/**
 * `sase path`: every well-known location and published schema by name.
 * Schema files are written (or refreshed) only when asked for.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { knownPaths } from "./known_paths.ts";
import { type Env, saseHome } from "./paths.ts";
import { materializeSchema, SCHEMA_SOURCES } from "./schema_files.ts";

/** A named path and how to get it. */
interface NamedPath {
  name: string;
  resolve: () => Promise<string>;
}

function namedPaths(env: Env): NamedPath[] {
  const home = saseHome(env);
  return [
    ...knownPaths(env).map((path) => ({
      name: path.name,
      resolve: () => Promise.resolve(path.path),
    })),
    ...SCHEMA_SOURCES.map((source) => ({
      name: source.name,
      resolve: () => materializeSchema(source, home),
    })),
  ];
}

/** One resolved path. */
export interface ResolvedPath {
  name: string;
  path: string;
}

/** The path called `name`; an unknown name is an error listing the known ones. */
export async function namedPath(env: Env, name: string): Promise<ResolvedPath> {
  const entries = namedPaths(env);
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) {
    throw new SaseError("path.unknown", `unknown path name '${name}'`, {
      hint: `known names: ${entries.map((candidate) => candidate.name).join(", ")}`,
      kind: "invalid-input",
    });
  }
  return { name: entry.name, path: await entry.resolve() };
}

/** Every named path, in display order (schemas are written). */
export async function allNamedPaths(env: Env): Promise<ResolvedPath[]> {
  return await Promise.all(
    namedPaths(env).map(async (entry) => ({ name: entry.name, path: await entry.resolve() })),
  );
}
