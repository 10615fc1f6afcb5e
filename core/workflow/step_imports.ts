/**
 * `use:` step imports (handbook 10.6): a slash-separated path, without
 * extension, under a `steps/` directory, searched in priority order —
 * `./.xprompts/steps/`, `./xprompts/steps/`, `~/.xprompts/steps/`,
 * `~/xprompts/steps/`, the workflow file's own `steps/`, then the bundled
 * `xprompts/steps/` — with `.yml` before `.yaml`. Paths with `..` or a
 * leading `/` are refused.
 *
 * @module
 */

import { dirname, join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { READ_LIMITS, readTextBoundedSync } from "../fs/bounded_read.ts";
import { parseYamlText } from "../yaml/untrusted.ts";

/** Where step definitions are looked for. */
export interface StepSearch {
  cwd: string;
  home: string;
  /** The bundled `xprompts/` directory. */
  bundledDir: string;
}

/** The `steps/` directories searched for a workflow defined in `sourcePath`, highest first. */
export function stepSearchDirs(search: StepSearch, sourcePath: string): string[] {
  const dirs = [
    join(search.cwd, ".xprompts", "steps"),
    join(search.cwd, "xprompts", "steps"),
    join(search.home, ".xprompts", "steps"),
    join(search.home, "xprompts", "steps"),
    join(dirname(sourcePath), "steps"),
    join(search.bundledDir, "steps"),
  ];
  return [...new Set(dirs)];
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * The mapping `use: <ref>` imports, read from the first `steps/` directory
 * that has it; `where` (file and line of the step) prefixes errors.
 */
export function loadStepImport(ref: string, dirs: readonly string[], where: string) {
  if (ref.includes("..") || ref.startsWith("/") || ref.trim() === "") {
    throw new SaseError(
      "workflow.step_import",
      `${where}: step import 'use: ${ref}' is refused: paths with '..' or a leading '/' are not allowed`,
      {
        hint: "write the path relative to a steps/ directory, e.g. 'shared/check_changes'",
        kind: "invalid-data",
      },
    );
  }
  for (const dir of dirs) {
    for (const ext of [".yml", ".yaml"]) {
      const path = join(dir, `${ref}${ext}`);
      if (!isFile(path)) continue;
      const text = readTextBoundedSync(path, READ_LIMITS.config);
      const value = parseYamlText(text, path, { code: "workflow.step_import" }).value;
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        throw new SaseError(
          "workflow.step_import",
          `${path}: a step definition must be a YAML mapping (imported by ${where})`,
          { kind: "invalid-data" },
        );
      }
      return value as Record<string, unknown>;
    }
  }
  throw new SaseError(
    "workflow.step_import",
    `${where}: step import 'use: ${ref}' not found`,
    { hint: `looked for ${ref}.yml/.yaml in: ${dirs.join(", ")}`, kind: "not-found" },
  );
}
