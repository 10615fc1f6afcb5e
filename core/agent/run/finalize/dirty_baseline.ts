/**
 * The dirty baseline: what was already uncommitted in an agent's checkouts
 * when its run started. Every tracked modification and untracked file is
 * recorded with a fingerprint of its content, so the commit finalizer can
 * tell the user's own pending work (never the agent's to commit) from what
 * the run changed, including a pre-existing edit the run changed further.
 * The baseline is kept in the run's `dirty_at_start.json`; a spawn-on-retry
 * child inherits its parent's, since the parent's uncommitted work in the
 * shared checkout is the chain's own, not the user's.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { join } from "../../../fs/path.ts";
import type { Env } from "../../../config/paths.ts";
import type { SaseConfig } from "../../../config/types.ts";
import { atomicWriteJson } from "../../../fs/atomic_write.ts";
import { readJsonObject } from "../../../fs/json_object.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "../../records/artifacts.ts";
import { dirtyFiles, type StatusEntry } from "./commit_finalizer_text.ts";
import { repoRoot, staticLinkedRoots, statusEntries } from "./workspace_status.ts";

/** One checkout's dirty paths at the run's start, each with its content fingerprint. */
export interface RepoBaseline {
  /** Absolute repository root. */
  root: string;
  /** Repository-relative path → fingerprint (see {@linkcode pathFingerprint}). */
  files: Record<string, string>;
  /** The `git status` letters of each path then, for the record. */
  status: Record<string, string>;
}

/** Every checkout's baseline, main repository first. */
export interface DirtyBaseline {
  capturedAt: string;
  repos: RepoBaseline[];
}

const CHUNK = 1 << 16;

/**
 * What a path holds, in a form that changes whenever its content does:
 * `sha256:<hex>` of a file's bytes (read in chunks, whatever its size),
 * `symlink:<hex>` of a link's target, `directory` (a submodule or nested
 * checkout, compared by its status alone), or `missing` (deleted).
 */
export async function pathFingerprint(path: string): Promise<string> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "missing";
    throw error;
  }
  if (info.isSymlink) {
    return `symlink:${createHash("sha256").update(await Deno.readLink(path)).digest("hex")}`;
  }
  if (info.isDirectory) return "directory";
  const hash = createHash("sha256");
  using file = await Deno.open(path);
  const buffer = new Uint8Array(CHUNK);
  for (let read = await file.read(buffer); read !== null; read = await file.read(buffer)) {
    hash.update(buffer.subarray(0, read));
  }
  return `sha256:${hash.digest("hex")}`;
}

/**
 * Current fingerprints of `paths` under `root`; a path that cannot be read
 * (permissions, a special file) gets a marker that never matches a baseline.
 */
export async function fingerprints(
  root: string,
  paths: readonly string[],
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const path of paths) {
    result[path] = await pathFingerprint(join(root, path)).catch((error: Error) =>
      `unreadable:${error.name}`
    );
  }
  return result;
}

async function repoBaseline(root: string, env: Env): Promise<RepoBaseline> {
  const entries: StatusEntry[] = await statusEntries(root, env) ?? [];
  const paths = dirtyFiles(entries);
  const status = Object.fromEntries(entries.map((entry) => [entry.path, entry.xy]));
  return {
    root,
    files: await fingerprints(root, paths),
    status: Object.fromEntries(paths.map((path) => [path, status[path]])),
  };
}

/** What {@linkcode captureDirtyBaseline} reads. */
export interface BaselineInput {
  /** The agent's workspace (any directory inside the repository). */
  workspaceDir: string;
  config: SaseConfig;
  env: Env;
}

/**
 * Record the dirty state of the agent's checkout and its static linked
 * repos; undefined outside a Git checkout.
 */
export async function captureDirtyBaseline(
  input: BaselineInput,
): Promise<DirtyBaseline | undefined> {
  const root = await repoRoot(input.workspaceDir, input.env);
  if (!root) return undefined;
  const linked = await staticLinkedRoots(input.config, input.workspaceDir, root, input.env);
  const repos = [await repoBaseline(root, input.env)];
  for (const repo of linked) repos.push(await repoBaseline(repo.root, input.env));
  return { capturedAt: new Date().toISOString(), repos };
}

/** The baseline's paths in `root` (empty when that checkout was clean or not recorded). */
export function baselineFiles(
  baseline: DirtyBaseline | undefined,
  root: string,
): Readonly<Record<string, string>> {
  return baseline?.repos.find((repo) => repo.root === root)?.files ?? {};
}

/** Keep the baseline in the run's artifacts (`dirty_at_start.json`), readable by the user only. */
export async function writeDirtyBaseline(dir: string, baseline: DirtyBaseline): Promise<void> {
  await atomicWriteJson(join(dir, ARTIFACT_FILES.dirtyAtStart), {
    schema_version: 1,
    captured_at: baseline.capturedAt,
    repos: baseline.repos.map((repo) => ({
      root: repo.root,
      files: Object.entries(repo.files).map(([path, fingerprint]) => ({
        path,
        status: repo.status[path] ?? null,
        fingerprint,
      })),
    })),
  }, { mode: PRIVATE_FILE_MODE });
}

function parseRepo(value: unknown): RepoBaseline | undefined {
  const repo = value as { root?: unknown; files?: unknown } | null;
  if (typeof repo?.root !== "string" || !Array.isArray(repo.files)) return undefined;
  const files: Record<string, string> = {};
  const status: Record<string, string> = {};
  for (const file of repo.files as { path?: unknown; fingerprint?: unknown; status?: unknown }[]) {
    if (typeof file?.path !== "string" || typeof file.fingerprint !== "string") return undefined;
    files[file.path] = file.fingerprint;
    if (typeof file.status === "string") status[file.path] = file.status;
  }
  return { root: repo.root, files, status };
}

/**
 * The baseline a run recorded in `dir` (a retry child's parent): nothing
 * dirty when it wrote none (the checkout was clean then); undefined when
 * the file cannot be read as one, so the caller takes a fresh baseline
 * rather than guess.
 */
export async function recordedBaseline(dir: string): Promise<DirtyBaseline | undefined> {
  const path = join(dir, ARTIFACT_FILES.dirtyAtStart);
  const exists = await Deno.lstat(path).then(() => true, () => false);
  if (!exists) return { capturedAt: "", repos: [] };
  const recorded = await readJsonObject(path);
  if (!recorded || !Array.isArray(recorded.repos)) return undefined;
  const repos = recorded.repos.map(parseRepo);
  if (repos.some((repo) => repo === undefined)) return undefined;
  return {
    capturedAt: typeof recorded.captured_at === "string" ? recorded.captured_at : "",
    repos: repos as RepoBaseline[],
  };
}
