/**
 * Which SDD tree a command works on.
 *
 * Version-controlled mode (`sdd.version_controlled: true`, or any project
 * resolved as the built-in `bare_git` VCS provider: a git checkout with an
 * `origin` remote no plugin claims) keeps SDD in `<project>/sdd/`, tracked
 * by the project's own git. Local mode (the default) keeps it in
 * `<primary workspace>/.sase/sdd/`, a standalone git repo SDD commits to
 * itself. `-p/--path` may name an SDD root or a project root.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "../fs/path.ts";
import { loadConfig } from "../config/load.ts";
import type { Env } from "../config/paths.ts";
import { exists } from "../fs/access.ts";
import { findCheckoutRoot } from "../bead/location.ts";
import { resolvesToBareGit } from "../vcs/detect.ts";

/** The two storage modes. */
export type SddMode = "local" | "version_controlled";

/** A resolved SDD tree. */
export interface SddRoot {
  /** Absolute SDD root (`.../sdd` or `.../.sase/sdd`). */
  root: string;
  /** The project (checkout) the tree belongs to. */
  projectRoot: string;
  mode: SddMode;
  /** Prefix of frontmatter links: `sdd/`, `.sase/sdd/`, or `` for other roots. */
  linkPrefix: string;
}

/** Options for {@linkcode resolveSddRoot}. */
export interface ResolveOptions {
  cwd: string;
  env: Env;
  /** `-p/--path`: an SDD root or a project root. */
  path?: string;
  /**
   * Read commands fall back to whichever tree exists when the configured one
   * does not; writers always use the configured mode.
   */
  forWrite?: boolean;
}

/** The link prefix a root implies. */
export function linkPrefixFor(root: string): string {
  if (basename(root) !== "sdd") return "";
  return basename(dirname(root)) === ".sase" ? ".sase/sdd/" : "sdd/";
}

/** The mode a root implies by its location. */
export function modeFor(root: string): SddMode {
  return linkPrefixFor(root) === ".sase/sdd/" ? "local" : "version_controlled";
}

/** The project root that owns an SDD root. */
function projectOf(root: string): string {
  const prefix = linkPrefixFor(root);
  if (prefix === ".sase/sdd/") return dirname(dirname(root));
  return prefix === "sdd/" ? dirname(root) : root;
}

function rootFromDir(root: string): SddRoot {
  return {
    root,
    projectRoot: projectOf(root),
    mode: modeFor(root),
    linkPrefix: linkPrefixFor(root),
  };
}

/**
 * The effective mode of the project at `projectRoot`: version-controlled when
 * `sdd.version_controlled` is set or the project resolves to the built-in
 * `bare_git` VCS provider (handbook 6.2), the same rule that places beads.
 */
export async function configuredMode(projectRoot: string, env: Env): Promise<SddMode> {
  const { config } = await loadConfig({ env, cwd: projectRoot });
  if (config.sdd?.version_controlled === true) return "version_controlled";
  const bareGit = await resolvesToBareGit(projectRoot, env, config.vcs_provider?.provider);
  return bareGit ? "version_controlled" : "local";
}

/** The SDD root of a project in a given mode. */
export function rootForMode(projectRoot: string, mode: SddMode): string {
  return mode === "version_controlled"
    ? join(projectRoot, "sdd")
    : join(projectRoot, ".sase", "sdd");
}

/** Resolve the SDD tree for a command. */
export async function resolveSddRoot(options: ResolveOptions): Promise<SddRoot> {
  if (options.path !== undefined) {
    const given = resolve(options.cwd, options.path);
    if (basename(given) !== "sdd" && !options.forWrite) {
      if (await exists(join(given, "sdd"))) return rootFromDir(join(given, "sdd"));
      if (await exists(join(given, ".sase", "sdd"))) {
        return rootFromDir(join(given, ".sase", "sdd"));
      }
    }
    if (basename(given) === "sdd") return rootFromDir(given);
    if (options.forWrite) {
      const mode = await configuredMode(given, options.env);
      return rootFromDir(rootForMode(given, mode));
    }
    return rootFromDir(given);
  }
  const projectRoot = await findProjectRoot(options.cwd);
  const mode = await configuredMode(projectRoot, options.env);
  const preferred = rootForMode(projectRoot, mode);
  if (!options.forWrite && !(await exists(preferred))) {
    const other = rootForMode(projectRoot, mode === "local" ? "version_controlled" : "local");
    if (await exists(other)) return rootFromDir(other);
  }
  return rootFromDir(preferred);
}

/**
 * The project checkout containing `cwd`. Inside a local-mode tree the
 * nearest `.git` is the standalone SDD repo, so step out of it.
 */
export async function findProjectRoot(cwd: string): Promise<string> {
  const checkout = await findCheckoutRoot(cwd);
  if (linkPrefixFor(checkout) === ".sase/sdd/") return dirname(dirname(checkout));
  return checkout;
}
