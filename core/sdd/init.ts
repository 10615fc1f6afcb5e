/**
 * `sase sdd init` / `sase init sdd`: opt a project into version-controlled
 * SDD and create or refresh the generated guides and the directory map
 * picture (`assets/sdd-directory-map.png`). `--check` is the same
 * comparison without writing.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "../fs/path.ts";
import { atomicWriteFile, atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readBytesBounded, readTextBounded } from "../fs/bounded_read.ts";
import { generatedAssets } from "./assets.ts";
import { SaseError } from "../errors.ts";
import { generatedFiles } from "./templates.ts";
import { enableVersionControlled, versionControlledEnabled } from "./project_config.ts";

/** State of one generated file or the config setting. */
export type DriftState = "current" | "missing" | "stale";

/** One item `init` manages. */
export interface InitItem {
  /** Absolute path. */
  path: string;
  /** What the item is (`config` or `generated`). */
  role: "config" | "generated";
  state: DriftState;
}

/** The result of an init run or check. */
export interface InitReport {
  projectRoot: string;
  sddRoot: string;
  items: InitItem[];
  /** True when anything was (or, for `--check`, would be) changed. */
  drift: boolean;
  /** Paths written (empty for `--check`). */
  written: string[];
}

/** `-p/--path` may name the SDD root (`.../sdd`) or the project root. */
export function initRoots(cwd: string, path?: string): { projectRoot: string; sddRoot: string } {
  const given = resolve(cwd, path ?? ".");
  return basename(given) === "sdd"
    ? { projectRoot: dirname(given), sddRoot: given }
    : { projectRoot: given, sddRoot: join(given, "sdd") };
}

async function fileState(path: string, expected: string): Promise<DriftState> {
  try {
    return (await readTextBounded(path, READ_LIMITS.document)) === expected ? "current" : "stale";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "missing";
    // Generated guides are safe to overwrite: one too large to read is simply stale.
    if (error instanceof SaseError && error.code === "input.too_large") return "stale";
    throw error;
  }
}

/** How a binary file compares with the bytes init would write. */
async function bytesState(path: string, expected: Uint8Array): Promise<DriftState> {
  try {
    const actual = await readBytesBounded(path, READ_LIMITS.document);
    return actual.length === expected.length && actual.every((byte, i) => byte === expected[i])
      ? "current"
      : "stale";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "missing";
    if (error instanceof SaseError && error.code === "input.too_large") return "stale";
    throw error;
  }
}

/** Compare the project with what init would produce; writes nothing. */
export async function checkSddInit(projectRoot: string, sddRoot: string): Promise<InitReport> {
  const configPath = join(projectRoot, "sase.yml");
  const items: InitItem[] = [{
    path: configPath,
    role: "config",
    state: (await versionControlledEnabled(configPath)) ? "current" : "stale",
  }];
  for (const [relpath, text] of generatedFiles()) {
    const path = join(sddRoot, relpath);
    items.push({ path, role: "generated", state: await fileState(path, text) });
  }
  for (const [relpath, bytes] of await generatedAssets()) {
    const path = join(sddRoot, relpath);
    items.push({ path, role: "generated", state: await bytesState(path, bytes) });
  }
  return {
    projectRoot,
    sddRoot,
    items,
    drift: items.some((item) => item.state !== "current"),
    written: [],
  };
}

/** Enable version-controlled SDD and refresh every drifted generated file. */
export async function runSddInit(projectRoot: string, sddRoot: string): Promise<InitReport> {
  const report = await checkSddInit(projectRoot, sddRoot);
  const written: string[] = [];
  if (await enableVersionControlled(join(projectRoot, "sase.yml"))) {
    written.push(join(projectRoot, "sase.yml"));
  }
  const files = generatedFiles();
  const assets = await generatedAssets();
  for (const item of report.items) {
    if (item.role !== "generated" || item.state === "current") continue;
    const relpath = item.path.slice(sddRoot.length + 1);
    const text = files.get(relpath);
    if (text !== undefined) await atomicWriteTextFile(item.path, text);
    else await atomicWriteFile(item.path, assets.get(relpath)!);
    written.push(item.path);
  }
  return { ...report, written };
}
