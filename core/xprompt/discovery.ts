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

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { READ_LIMITS, readTextBoundedSync } from "../fs/bounded_read.ts";
import { bundledXPromptsDir } from "./bundled.ts";
import { configXPrompt } from "./loader.ts";
import type { XPrompt, XPromptSource } from "./model.ts";
import type { XPromptFileCache } from "./file_cache.ts";
import { importOnDemand } from "../on_demand.ts";

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
  /** Files parsed by earlier processes (`file_cache.ts`); parsed afresh without it. */
  cache?: XPromptFileCache<XPrompt | CatalogProblem>;
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

/** A definition file to parse: where it is, where it came from, and its text. */
interface PendingFile {
  path: string;
  fileName: string;
  source: Omit<XPromptSource, "path">;
  text: string;
  mtime: number;
  size: number;
}

/** A file found by the walk: already answered, or to be parsed. */
type FoundFile = { result: XPrompt | CatalogProblem } | { pending: PendingFile };

/**
 * Answer `path` from the process's memory or the file cache when its text
 * is unchanged; otherwise leave it to parse (which needs the YAML parser).
 */
function findFile(
  path: string,
  fileName: string,
  source: Omit<XPromptSource, "path">,
  cache: DiscoveryOptions["cache"],
): FoundFile {
  let stat: Deno.FileInfo;
  try {
    stat = Deno.statSync(path);
  } catch (error) {
    return { result: { path, message: (error as Error).message } };
  }
  const mtime = stat.mtime?.getTime() ?? 0;
  const remembered = fileCache.get(path);
  if (
    remembered && remembered.mtime === mtime && remembered.size === stat.size &&
    "name" in remembered.result && remembered.result.source.priority === source.priority
  ) {
    return { result: remembered.result };
  }
  let text: string;
  try {
    text = readTextBoundedSync(path, READ_LIMITS.config);
  } catch (error) {
    return { result: problemOf(path, error) };
  }
  const cached = cache?.lookup(path, fileName, source, text);
  if (cached) {
    fileCache.set(path, { mtime, size: stat.size, result: cached });
    return { result: cached };
  }
  return { pending: { path, fileName, source, text, mtime, size: stat.size } };
}

function problemOf(path: string, error: unknown): CatalogProblem {
  return {
    path,
    message: error instanceof SaseError ? error.message : `${path}: ${(error as Error).message}`,
  };
}

/** Parse the files no cache could answer, remembering each result. */
async function parseFiles(
  files: readonly PendingFile[],
  cache: DiscoveryOptions["cache"],
): Promise<(XPrompt | CatalogProblem)[]> {
  if (files.length === 0) return [];
  const { markdownXPrompt, workflowXPrompt } = await importOnDemand<
    typeof import("./file_loader.ts")
  >("./file_loader.ts", import.meta.url);
  return files.map((file) => {
    const stem = file.fileName.replace(/\.(md|ya?ml)$/, "");
    const full = { ...file.source, path: file.path };
    let result: XPrompt | CatalogProblem;
    try {
      result = file.fileName.endsWith(".md")
        ? markdownXPrompt(file.text, stem, full)
        : workflowXPrompt(file.text, stem, full);
    } catch (error) {
      result = problemOf(file.path, error);
    }
    fileCache.set(file.path, { mtime: file.mtime, size: file.size, result });
    // The same text gives the same result, a problem included.
    cache?.store(file.path, file.fileName, file.source, file.text, result);
    return result;
  });
}

function withPrefix(xprompt: XPrompt, prefix: string | undefined): XPrompt {
  if (!prefix) return xprompt;
  return { ...xprompt, name: `${prefix}/${xprompt.name}` };
}

/**
 * Build the catalog for `options`. Files whose text a cache still holds are
 * not parsed again; only when one must be does the YAML parser load.
 */
export async function discoverXPrompts(options: DiscoveryOptions): Promise<Catalog> {
  /** Everything found, in priority order, with the project prefix of its place. */
  const found: { file: FoundFile; prefix: string | undefined }[] = [];
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
      const file = findFile(join(dir, fileName), fileName, { priority, label }, options.cache);
      found.push({ file, prefix });
    }
  };
  for (const dir of dirs) addDir(dir);
  const layers = [...(options.config ?? [])].reverse();
  for (const layer of layers) {
    for (const [name, entry] of Object.entries(layer.xprompts ?? {})) {
      let result: XPrompt | CatalogProblem;
      try {
        const source = { priority: 6, label: "config", path: layer.path };
        result = configXPrompt(name, entry, source, `${layer.path}: xprompts.${name}`);
      } catch (error) {
        result = { path: layer.path, message: (error as Error).message };
      }
      found.push({ file: { result }, prefix: layer.local ? project : undefined });
    }
  }
  for (const dir of options.pluginDirs ?? []) addDir([7, dir, "plugin", undefined]);
  addDir([8, bundled, "bundled", undefined], true);
  addDir([9, join(bundled, "skills"), "bundled skills", undefined]);
  const pending = found.flatMap(({ file }) => "pending" in file ? [file.pending] : []);
  const parsed = await parseFiles(pending, options.cache);
  const all: XPrompt[] = [];
  const problems: CatalogProblem[] = [];
  let next = 0;
  for (const { file, prefix } of found) {
    const result = "result" in file ? file.result : parsed[next++];
    if ("name" in result) all.push(withPrefix(result, prefix));
    else problems.push(result);
  }
  const byName = new Map<string, XPrompt>();
  for (const xprompt of all) if (!byName.has(xprompt.name)) byName.set(xprompt.name, xprompt);
  return { byName, all, problems };
}

/** The first definition (in discovery order) carrying `tag`. */
export function getByTag(catalog: Catalog, tag: string): XPrompt | undefined {
  for (const xprompt of catalog.byName.values()) if (xprompt.tags.includes(tag)) return xprompt;
  return undefined;
}
