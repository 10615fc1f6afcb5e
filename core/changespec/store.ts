/**
 * The ProjectSpec store: finds projects under `SASE_HOME/projects/`, caches
 * parsed files by (mtime, size, inode) so a reload with no change parses
 * nothing, reports changes as a feed, and applies every mutation under the
 * ProjectSpec lock with an atomic write.
 *
 * @module
 */

import { basename, dirname, join } from "../fs/path.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readBytesBounded, readBytesBoundedSync } from "../fs/bounded_read.ts";
import { withFileLock } from "../fs/lock.ts";
import { SaseError } from "../errors.ts";
import { ProjectSpecEditor } from "./edit.ts";
import { parseProjectSpec } from "./parser.ts";
import { projectSpecBasename, SPEC_EXTENSIONS } from "./paths.ts";
import type { ChangeSpec, ProjectSpecFile, ProjectState } from "./types.ts";

/** One project directory and its files. */
export interface ProjectRef {
  name: string;
  dir: string;
  /** Active ProjectSpec path (may not exist yet for a new project). */
  activePath: string;
  archivePath: string;
  /** True when the project still uses the legacy `.gp` extension. */
  legacy: boolean;
}

/** A project with its parsed files. */
export interface ProjectSnapshot {
  ref: ProjectRef;
  active: ProjectSpecFile | null;
  archive: ProjectSpecFile | null;
  state: ProjectState;
}

/** A change seen by {@linkcode ChangeSpecStore.refresh}. */
export interface ChangeEvent {
  kind: "added" | "changed" | "removed";
  path: string;
  project: string;
}

/** Options for listing projects and specs. */
export interface ScopeOptions {
  /** Lifecycle states to include (default: active only). */
  states?: readonly ProjectState[] | "all";
  /** Also read `<project>-archive.sase` files. */
  includeArchive?: boolean;
}

/** Editors handed to a mutation. */
export interface ProjectEditors {
  ref: ProjectRef;
  active: ProjectSpecEditor;
  archive: ProjectSpecEditor;
}

/**
 * The editor (active or archive) holding the spec `name`, or a
 * `changespec.not_found` error naming the project file.
 */
export function editorHolding(editors: ProjectEditors, name: string): ProjectSpecEditor {
  if (editors.active.has(name)) return editors.active;
  if (editors.archive.has(name)) return editors.archive;
  throw new SaseError(
    "changespec.not_found",
    `no ChangeSpec named '${name}' in ${editors.ref.activePath}`,
    { kind: "not-found" },
  );
}

interface CacheEntry {
  signature: string;
  file: ProjectSpecFile;
}

// `ignoreBOM` keeps a byte-order mark in the text, so a rewrite keeps it too.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder("utf-8");

function signatureOf(info: Deno.FileInfo): string {
  return `${info.mtime?.getTime() ?? 0}:${info.size}:${info.ino ?? 0}`;
}

/**
 * `path`'s info, or null when it does not exist. Synchronous, like the
 * read that follows it: a ProjectSpec is a small local file, and an async
 * round trip per file left a parse of a hundred files waiting on the
 * thread pool for a tenth of its time.
 */
function statOrNull(path: string): Deno.FileInfo | null {
  try {
    return Deno.statSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

function existsSync(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * The ref of project `name` under `projectsDir`, or null when it has no
 * ProjectSpec. Synchronous: listing is a few stats per project, where an
 * async round trip costs more than the call.
 */
function projectRef(projectsDir: string, name: string): ProjectRef | null {
  const dir = join(projectsDir, name);
  for (const ext of SPEC_EXTENSIONS) {
    const activePath = join(dir, `${name}${ext}`);
    const archivePath = join(dir, `${name}-archive${ext}`);
    if (existsSync(activePath) || existsSync(archivePath)) {
      return { name, dir, activePath, archivePath, legacy: ext === ".gp" };
    }
  }
  return null;
}

/**
 * The ref of the project whose active or archive ProjectSpec is `path` (as
 * `SASE_AGENT_PROJECT_FILE` names it); the file need not exist yet.
 */
export function projectRefOfFile(path: string): ProjectRef {
  const dir = dirname(path);
  const name = projectSpecBasename(path);
  const ext = SPEC_EXTENSIONS.find((e) => basename(path).endsWith(e)) ?? ".sase";
  return {
    name,
    dir,
    activePath: join(dir, `${name}${ext}`),
    archivePath: join(dir, `${name}-archive${ext}`),
    legacy: ext === ".gp",
  };
}

/** Every project directory under `projectsDir` holding a ProjectSpec, sorted by name. */
export function listProjectRefs(projectsDir: string): ProjectRef[] {
  const refs: ProjectRef[] = [];
  try {
    for (const entry of Deno.readDirSync(projectsDir)) {
      if (!entry.isDirectory) continue;
      const ref = projectRef(projectsDir, entry.name);
      if (ref) refs.push(ref);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return refs.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Read a ProjectSpec for rewriting; refuses bytes that would not survive a rewrite. */
async function readForWrite(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytesBounded(path, READ_LIMITS.document);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "";
    throw error;
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new SaseError(
      "changespec.encoding",
      `${path} is not valid UTF-8; refusing to rewrite it`,
      {
        hint: "fix or remove the binary bytes in the file, then retry",
        kind: "invalid-data",
      },
    );
  }
}

/** Reads and writes ProjectSpec files below one projects directory. */
export class ChangeSpecStore {
  readonly #cache = new Map<string, CacheEntry>();
  readonly #seen = new Map<string, string>();

  constructor(readonly projectsDir: string) {}

  /** Every project directory holding a ProjectSpec, sorted by name. */
  projects(): Promise<ProjectRef[]> {
    return new Promise((resolve) => resolve(listProjectRefs(this.projectsDir)));
  }

  /** The project called `name`, or null when it has no ProjectSpec. */
  project(name: string): Promise<ProjectRef | null> {
    return new Promise((resolve) => resolve(projectRef(this.projectsDir, name)));
  }

  /** A ref for a project that may not exist yet (for creating files). */
  newProjectRef(name: string): ProjectRef {
    const dir = join(this.projectsDir, name);
    return {
      name,
      dir,
      activePath: join(dir, `${name}.sase`),
      archivePath: join(dir, `${name}-archive.sase`),
      legacy: false,
    };
  }

  /** Parse `path`, reusing the cached parse when (mtime, size, inode) match. */
  load(path: string): Promise<ProjectSpecFile | null> {
    return new Promise((resolve) => resolve(this.#loadNow(path)));
  }

  #loadNow(path: string): ProjectSpecFile | null {
    const info = statOrNull(path);
    if (!info) {
      this.#cache.delete(path);
      return null;
    }
    const signature = signatureOf(info);
    const cached = this.#cache.get(path);
    if (cached && cached.signature === signature) return cached.file;
    const text = lenientUtf8.decode(readBytesBoundedSync(path, READ_LIMITS.document));
    const file = parseProjectSpec(text, path);
    this.#cache.set(path, { signature, file });
    return file;
  }

  /** Load one project's files. */
  async snapshot(ref: ProjectRef, includeArchive = true): Promise<ProjectSnapshot> {
    const active = await this.load(ref.activePath);
    const archive = includeArchive ? await this.load(ref.archivePath) : null;
    return { ref, active, archive, state: active?.header.state ?? "active" };
  }

  /** Load every project in scope. */
  async snapshots(options: ScopeOptions = {}): Promise<ProjectSnapshot[]> {
    const states = options.states ?? ["active"];
    const out: ProjectSnapshot[] = [];
    for (const ref of await this.projects()) {
      const snap = await this.snapshot(ref, options.includeArchive ?? false);
      if (states === "all" || states.includes(snap.state)) out.push(snap);
    }
    return out;
  }

  /** Every ChangeSpec in scope, project by project, in file order. */
  async specs(options: ScopeOptions = {}): Promise<ChangeSpec[]> {
    const out: ChangeSpec[] = [];
    for (const snap of await this.snapshots(options)) {
      if (snap.active) out.push(...snap.active.specs);
      if (snap.archive) out.push(...snap.archive.specs);
    }
    return out;
  }

  /**
   * Compare every ProjectSpec file with what the previous call saw and
   * return what was added, changed or removed (the first call reports all
   * files as added). This is the change feed ACE polls or drives from
   * {@linkcode ChangeSpecStore.watch}.
   */
  async refresh(): Promise<ChangeEvent[]> {
    const now = new Map<string, { signature: string; project: string }>();
    for (const ref of await this.projects()) {
      for (const path of [ref.activePath, ref.archivePath]) {
        const info = statOrNull(path);
        if (info) now.set(path, { signature: signatureOf(info), project: ref.name });
      }
    }
    const events: ChangeEvent[] = [];
    for (const [path, { signature, project }] of now) {
      const before = this.#seen.get(path);
      if (before === undefined) events.push({ kind: "added", path, project });
      else if (before !== signature) events.push({ kind: "changed", path, project });
    }
    for (const path of this.#seen.keys()) {
      if (!now.has(path)) {
        events.push({ kind: "removed", path, project: path.split("/").at(-2) ?? "" });
        this.#cache.delete(path);
      }
    }
    this.#seen.clear();
    for (const [path, { signature }] of now) this.#seen.set(path, signature);
    return events;
  }

  /** Yield batches of change events as files under the projects dir change. */
  async *watch(signal?: AbortSignal): AsyncGenerator<ChangeEvent[]> {
    await Deno.mkdir(this.projectsDir, { recursive: true });
    await this.refresh();
    const watcher = Deno.watchFs(this.projectsDir, { recursive: true });
    const stop = () => watcher.close();
    signal?.addEventListener("abort", stop, { once: true });
    try {
      for await (const _event of watcher) {
        const events = await this.refresh();
        if (events.length > 0) yield events;
      }
    } finally {
      signal?.removeEventListener("abort", stop);
      try {
        watcher.close();
      } catch {
        // Already closed by the abort signal.
      }
    }
  }

  /**
   * Run `fn` on fresh editors of a project's files while holding the
   * ProjectSpec lock, then write back whatever changed (archive first, so a
   * spec being moved is never missing from both files).
   */
  async mutate<T>(ref: ProjectRef, fn: (editors: ProjectEditors) => T | Promise<T>): Promise<T> {
    await Deno.mkdir(ref.dir, { recursive: true });
    return await withFileLock(ref.activePath, async () => {
      const activeText = await readForWrite(ref.activePath);
      const archiveText = await readForWrite(ref.archivePath);
      const editors: ProjectEditors = {
        ref,
        active: new ProjectSpecEditor(activeText, ref.activePath),
        archive: new ProjectSpecEditor(archiveText, ref.archivePath),
      };
      const result = await fn(editors);
      if (editors.archive.text !== archiveText) {
        await atomicWriteTextFile(ref.archivePath, editors.archive.text);
      }
      if (editors.active.text !== activeText) {
        await atomicWriteTextFile(ref.activePath, editors.active.text);
      }
      this.#cache.delete(ref.activePath);
      this.#cache.delete(ref.archivePath);
      return result;
    });
  }

  /** Find the project holding a spec called `name` (active or archive). */
  async locate(name: string, project?: string): Promise<ProjectRef> {
    const refs = project ? [await this.#requireProject(project)] : await this.projects();
    const hits: ProjectRef[] = [];
    for (const ref of refs) {
      const snap = await this.snapshot(ref, true);
      const found = [snap.active, snap.archive].some((file) =>
        file?.specs.some((s) => s.name === name)
      );
      if (found) hits.push(ref);
    }
    if (hits.length === 0) {
      throw new SaseError(
        "changespec.not_found",
        `no ChangeSpec named '${name}'${project ? ` in project '${project}'` : ""}`,
        {
          hint:
            "list names with `sase changespec search '*'` or `sase changespec search name:<name>`",
          kind: "not-found",
        },
      );
    }
    if (hits.length > 1) {
      throw new SaseError(
        "changespec.ambiguous",
        `ChangeSpec '${name}' exists in several projects: ${hits.map((h) => h.name).join(", ")}`,
        { hint: "pass -p/--project to pick one", kind: "invalid-input" },
      );
    }
    return hits[0];
  }

  async #requireProject(name: string): Promise<ProjectRef> {
    const ref = await this.project(name);
    if (!ref) {
      throw new SaseError(
        "project.not_found",
        `no project named '${name}' under ${this.projectsDir}`,
        {
          hint: "see `sase project list --state all`",
          kind: "not-found",
        },
      );
    }
    return ref;
  }

  /** The project called `name`, or a `project.not_found` error. */
  requireProject(name: string): Promise<ProjectRef> {
    return this.#requireProject(name);
  }
}
