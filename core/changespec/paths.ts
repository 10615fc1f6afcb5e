/**
 * Where ProjectSpec files live and how their names map to project keys.
 *
 * @module
 */

import { basename, join } from "../fs/path.ts";

/** Current and legacy ProjectSpec extensions, in lookup order. */
export const SPEC_EXTENSIONS = [".sase", ".gp"] as const;

/** Project key of a ProjectSpec path: basename minus extension and `-archive`. */
export function projectSpecBasename(path: string): string {
  let name = basename(path);
  for (const ext of SPEC_EXTENSIONS) {
    if (name.endsWith(ext)) {
      name = name.slice(0, -ext.length);
      break;
    }
  }
  return name.endsWith("-archive") ? name.slice(0, -"-archive".length) : name;
}

/** True when `path` names an archive ProjectSpec (`<p>-archive.sase`). */
export function isArchivePath(path: string): boolean {
  return /-archive\.(sase|gp)$/.test(basename(path));
}

/** Name of the directory holding `path` (the query language's project). */
export function projectDirName(path: string): string {
  const parts = path.replace(/\/+$/, "").split("/");
  return parts.length >= 2 ? parts[parts.length - 2] : "";
}

/** Canonical active and archive file paths of project `name`. */
export function projectFilePaths(
  projectsDir: string,
  name: string,
  ext: ".sase" | ".gp" = ".sase",
): { dir: string; active: string; archive: string } {
  const dir = join(projectsDir, name);
  return { dir, active: join(dir, `${name}${ext}`), archive: join(dir, `${name}-archive${ext}`) };
}
