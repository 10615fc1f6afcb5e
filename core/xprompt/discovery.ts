/**
 * Discovery: the nine places xprompts come from, first match wins.
 *
 * 1 `./.xprompts/` · 2 `./xprompts/` · 3 `~/.xprompts/` · 4 `~/xprompts/` ·
 * 5 `~/.config/sase/xprompts/<project>/` · 6 config `xprompts:` · 7 plugin
 * directories · 8 bundled `xprompts/` · 9 bundled `xprompts/skills/`.
 * With a project set, files of 1–2, local config xprompts and 5 are named
 * `<project>/<name>`. Parsed files are cached in memory and re-read only
 * when their mtime or size changes.
 *
 * @module
 */

import { join } from "node:path";
import { SaseError } from "../errors.ts";
import { READ_LIMITS, readTextBoundedSync } from "../fs/bounded_read.ts";
import { bundledXPromptsDir } from "./bundled.ts";
import { configXPrompt, markdownXPrompt, workflowXPrompt } from "./loader.ts";
import type { XPrompt, XPromptSource } from "./model.ts";

/** One layer of config `xprompts:` (lowest priority first). */
export interface ConfigXPromptLayer {
  /** The config file the layer came from (for errors and `--trace`). */
  path: string;
  xprompts: Record<string, unknown>;
  /** Local `./sase.yml`: namespaced under the project when one is set. */
  local?: boolean;
}

/** Inputs to discovery; the CLI fills them from the environment and config. */
export interface DiscoveryOptions {
  cwd: string;
  home: string;
  /** `~/.config/sase`. */
  configDir: string;
  project?: string;
  config?: readonly ConfigXPromptLayer[];
  /** Extra plugin xprompt directories (priority 7). */
  pluginDirs?: readonly string[];
  /** Override for the bundled directory (tests, benchmarks). */
  bundledDir?: string;
}

/** A definition that could not be loaded. */
export interface CatalogProblem {
  path: string;
  message: string;
}

/** All definitions by name, in discovery order, plus load problems. */
export interface Catalog {
  /** Winning definition per name. */
  byName: Map<string, XPrompt>;
  /** Every definition found, including shadowed ones, in priority order. */
  all: XPrompt[];
  problems: CatalogProblem[];
}

interface CachedFile {
  mtime: number;
  size: number;
  result: XPrompt | CatalogProblem;
}

const fileCache = new Map<string, CachedFile>();

/** Definition files in `dir` (relative paths); `skip` names subdirectories not to enter. */
function listDir(dir: string, recursive = false, skip: readonly string[] = []): string[] {
  const names: string[] = [];
  try {
    for (const entry of Deno.readDirSync(dir)) {
      if ((entry.isFile || entry.isSymlink) && /\.(md|ya?ml)$/.test(entry.name)) {
        names.push(entry.name);
      } else if (recursive && entry.isDirectory && !skip.includes(entry.name)) {
        names.push(...listDir(join(dir, entry.name), true).map((name) => `${entry.name}/${name}`));
      }
    }
  } catch {
    return [];
  }
  return names.sort();
}

function loadFile(
  path: string,
  fileName: string,
  source: Omit<XPromptSource, "path">,
): XPrompt | CatalogProblem {
  let stat: Deno.FileInfo;
  try {
    stat = Deno.statSync(path);
  } catch (error) {
    return { path, message: (error as Error).message };
  }
  const mtime = stat.mtime?.getTime() ?? 0;
  const cached = fileCache.get(path);
  if (cached && cached.mtime === mtime && cached.size === stat.size && "name" in cached.result) {
    if (cached.result.source.priority === source.priority) return cached.result;
  }
  const stem = fileName.replace(/\.(md|ya?ml)$/, "");
  let result: XPrompt | CatalogProblem;
  try {
    const text = readTextBoundedSync(path, READ_LIMITS.config);
    const full = { ...source, path };
    result = fileName.endsWith(".md")
      ? markdownXPrompt(text, stem, full)
      : workflowXPrompt(text, stem, full);
  } catch (error) {
    result = {
      path,
      message: error instanceof SaseError ? error.message : `${path}: ${(error as Error).message}`,
    };
  }
  fileCache.set(path, { mtime, size: stat.size, result });
  return result;
}

function withPrefix(xprompt: XPrompt, prefix: string | undefined): XPrompt {
  if (!prefix) return xprompt;
  return { ...xprompt, name: `${prefix}/${xprompt.name}` };
}

/** Build the catalog for `options`. */
export function discoverXPrompts(options: DiscoveryOptions): Catalog {
  const all: XPrompt[] = [];
  const problems: CatalogProblem[] = [];
  const project = options.project;
  const bundled = options.bundledDir ?? bundledXPromptsDir();
  const dirs: [number, string, string, string | undefined][] = [
    [1, join(options.cwd, ".xprompts"), ".xprompts/ (cwd)", project],
    [2, join(options.cwd, "xprompts"), "xprompts/ (cwd)", project],
    [3, join(options.home, ".xprompts"), "~/.xprompts/", undefined],
    [4, join(options.home, "xprompts"), "~/xprompts/", undefined],
  ];
  if (project) {
    dirs.push([5, join(options.configDir, "xprompts", project), `project ${project}`, project]);
  }
  const addDir = (
    [priority, dir, label, prefix]: [number, string, string, string | undefined],
    recursive = false,
  ) => {
    // `skills/` are catalogued separately; `steps/` hold `use:` step definitions, not workflows.
    for (const fileName of listDir(dir, recursive, ["skills", "steps"])) {
      const result = loadFile(join(dir, fileName), fileName, { priority, label });
      if ("name" in result) all.push(withPrefix(result, prefix));
      else problems.push(result);
    }
  };
  for (const dir of dirs) addDir(dir);
  const layers = [...(options.config ?? [])].reverse();
  for (const layer of layers) {
    for (const [name, entry] of Object.entries(layer.xprompts ?? {})) {
      try {
        const source = { priority: 6, label: "config", path: layer.path };
        const xprompt = configXPrompt(name, entry, source, `${layer.path}: xprompts.${name}`);
        all.push(withPrefix(xprompt, layer.local ? project : undefined));
      } catch (error) {
        problems.push({ path: layer.path, message: (error as Error).message });
      }
    }
  }
  for (const dir of options.pluginDirs ?? []) addDir([7, dir, "plugin", undefined]);
  addDir([8, bundled, "bundled", undefined], true);
  addDir([9, join(bundled, "skills"), "bundled skills", undefined]);
  const byName = new Map<string, XPrompt>();
  for (const xprompt of all) if (!byName.has(xprompt.name)) byName.set(xprompt.name, xprompt);
  return { byName, all, problems };
}

/** The first definition (in discovery order) carrying `tag`. */
export function getByTag(catalog: Catalog, tag: string): XPrompt | undefined {
  for (const xprompt of catalog.byName.values()) if (xprompt.tags.includes(tag)) return xprompt;
  return undefined;
}
