/**
 * The runtime version inventory behind `sase version` (handbook 23.7 and
 * 24.6.32): which sase, Deno, V8 and TypeScript this process is really using,
 * whether it runs from a source checkout or a `deno compile` binary, and the
 * packages it was built from. Local only: nothing is fetched from a registry.
 *
 * @module
 */

import { dirname, fromFileUrl } from "./fs/path.ts";
import denoConfig from "../deno.json" with { type: "json" };
import { SASE_VERSION } from "./version.ts";
import { runGit } from "./git.ts";

/** How this sase was started. */
export type BuildMode = "source" | "compiled";

/** The runtime half of the inventory. */
export interface RuntimeInfo {
  sase: string;
  deno: string;
  v8: string;
  typescript: string;
  buildMode: BuildMode;
  target: string;
  os: string;
  arch: string;
}

/** One package this sase is made of. */
export interface PackageInfo {
  name: string;
  /** `host` for sase itself, `dependency` for pinned npm packages. */
  role: "host" | "dependency";
  version: string;
  /** Where the code lives: the checkout or binary for the host, the specifier for dependencies. */
  location: string;
}

/** Git state of a source checkout. */
export interface GitInfo {
  commit: string;
  dirty: boolean;
}

/** Install details (verbose output and JSON). */
export interface InstallInfo {
  /** The executable running this process (the deno binary, or the compiled sase). */
  execPath: string;
  /** The entry module URL. */
  mainModule: string;
  /** The checkout directory when running from source, else null. */
  sourceDir: string | null;
  /** Git state of `sourceDir`, or null when not a git checkout (or compiled). */
  git: GitInfo | null;
}

/** The whole inventory (its wire form, `sase version -j`, is in `version_wire.ts`). */
export interface VersionInventory {
  runtime: RuntimeInfo;
  packages: PackageInfo[];
  install: InstallInfo;
}

/** What build-mode detection looks at. */
export interface BuildProbe {
  /** `Deno.build.standalone` (absent on runtimes that predate it). */
  standalone?: boolean;
  /** `Deno.mainModule`. */
  mainModule: string;
}

/**
 * Whether this process is a `deno compile` binary. `Deno.build.standalone`
 * says so directly; the entry module living in the compiler's virtual
 * `deno-compile-*` directory is the fallback for runtimes without it.
 */
export function detectBuildMode(
  probe: BuildProbe = {
    standalone: (Deno.build as { standalone?: boolean }).standalone,
    mainModule: Deno.mainModule,
  },
): BuildMode {
  if (probe.standalone !== undefined) return probe.standalone ? "compiled" : "source";
  return /[/\\]deno-compile-[^/\\]+[/\\]/.test(probe.mainModule) ? "compiled" : "source";
}

/** The npm packages pinned in the import map, as `{name, version, specifier}`. */
export function pinnedPackages(
  imports: Record<string, string> = denoConfig.imports,
): PackageInfo[] {
  return Object.values(imports).flatMap((specifier) => {
    const match = /^npm:(@?[^@]+)@(.+)$/.exec(specifier);
    if (!match) return [];
    return [{
      name: match[1],
      role: "dependency" as const,
      version: match[2],
      location: specifier,
    }];
  }).filter((entry, index, all) => all.findIndex((other) => other.name === entry.name) === index);
}

async function gitOutput(dir: string, args: string[]): Promise<string | undefined> {
  const result = await runGit(dir, args);
  return result.ok ? result.stdout : undefined;
}

/** Commit and dirtiness of the checkout at `dir`, or null when it is not a git work tree. */
export async function gitInfo(dir: string): Promise<GitInfo | null> {
  const commit = (await gitOutput(dir, ["rev-parse", "HEAD"]))?.trim();
  if (!commit) return null;
  const status = await gitOutput(dir, ["status", "--porcelain", "--untracked-files=no"]);
  return { commit, dirty: (status ?? "").trim() !== "" };
}

/** The checkout directory when running from a `file:` entry module. */
function sourceDir(mainModule: string, mode: BuildMode): string | null {
  if (mode === "compiled" || !mainModule.startsWith("file:")) return null;
  return dirname(fromFileUrl(mainModule));
}

/** Collect the inventory of the running process. */
export async function collectVersionInventory(): Promise<VersionInventory> {
  const mode = detectBuildMode();
  const mainModule = Deno.mainModule;
  const dir = sourceDir(mainModule, mode);
  const execPath = Deno.execPath();
  return {
    runtime: {
      sase: SASE_VERSION,
      deno: Deno.version.deno,
      v8: Deno.version.v8,
      typescript: Deno.version.typescript,
      buildMode: mode,
      target: Deno.build.target,
      os: Deno.build.os,
      arch: Deno.build.arch,
    },
    packages: [
      {
        name: denoConfig.name,
        role: "host",
        version: SASE_VERSION,
        location: dir ?? execPath,
      },
      ...pinnedPackages(),
    ],
    install: {
      execPath,
      mainModule,
      sourceDir: dir,
      git: dir ? await gitInfo(dir) : null,
    },
  };
}
