/**
 * Explicit agent artifacts (`sase artifact create -p PATH [-n LABEL] [-k KIND]`):
 * a file an agent hands over is moved into `SASE_HOME/artifacts/agents/
 * <project>/<timestamp>/` and recorded in `SASE_HOME/artifacts/index.jsonl`.
 * The association is the run's project and timestamp, not its directory
 * path, so it still holds after the agent is dismissed and revived.
 *
 * @module
 */

import { basename, extname, join, resolve, sep } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import { SaseError, usageError } from "../../errors.ts";
import { appendJsonl, readJsonl } from "../../fs/jsonl.ts";
import { ARTIFACT_FILES } from "./artifacts.ts";
import { READ_LIMITS, readBytesBounded, readTextBoundedSync } from "../../fs/bounded_read.ts";

/** What an artifact is, which decides how ACE opens it. */
export type ArtifactKind = "chat" | "plan" | "image" | "markdown" | "pdf" | "file";

/** Every kind. */
export const ARTIFACT_KINDS: readonly ArtifactKind[] = [
  "chat",
  "plan",
  "image",
  "markdown",
  "pdf",
  "file",
];

/** One stored explicit artifact. */
export interface ExplicitArtifact {
  id: string;
  label: string;
  kind: ArtifactKind;
  /** Where the file is stored now. */
  path: string;
  /** Where the agent created it. */
  source_path: string;
  created_at: string;
  agent_artifacts_dir: string;
  project: string;
  raw_timestamp: string;
  agent_name: string | null;
  size: number;
}

/** The record schema of `index.jsonl` lines. */
export const ARTIFACT_INDEX_SCHEMA_VERSION = 1;

const IMAGE = new Set([".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"]);
const MARKDOWN = new Set([".md", ".markdown", ".mdown", ".mkd"]);

/** `SASE_HOME/artifacts`. */
export function artifactsRoot(env: Env): string {
  return join(saseHome(env), "artifacts");
}

/** `SASE_HOME/artifacts/index.jsonl`, the association index. */
export function artifactIndexPath(env: Env): string {
  return join(artifactsRoot(env), "index.jsonl");
}

/** The kind a file's extension suggests. */
export function inferArtifactKind(path: string): ArtifactKind {
  const extension = extname(path).toLowerCase();
  if (IMAGE.has(extension)) return "image";
  if (MARKDOWN.has(extension)) return "markdown";
  return extension === ".pdf" ? "pdf" : "file";
}

/** Parse a `-k/--kind` value. */
export function parseArtifactKind(value: string): ArtifactKind {
  const kind = ARTIFACT_KINDS.find((candidate) => candidate === value.trim().toLowerCase());
  if (!kind) {
    throw usageError(
      `unknown artifact kind '${value}'`,
      `use one of: ${ARTIFACT_KINDS.join(", ")}`,
    );
  }
  return kind;
}

/** The run a directory belongs to: project and timestamp from its path. */
export function associationOf(agentDir: string): { project: string; rawTimestamp: string } {
  const parts = resolve(agentDir).split(sep);
  const projects = parts.lastIndexOf("projects");
  const project = projects >= 0 && parts[projects + 2] === "artifacts"
    ? parts[projects + 1]
    : "unknown-project";
  return { project, rawTimestamp: basename(agentDir) };
}

function safeSegment(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "") || "artifact";
}

async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    await readBytesBounded(path, READ_LIMITS.store),
  );
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function agentNameOf(agentDir: string): string | null {
  try {
    const meta = JSON.parse(
      readTextBoundedSync(join(agentDir, ARTIFACT_FILES.meta), READ_LIMITS.record),
    );
    const name = meta?.name ?? meta?.agent_name;
    return typeof name === "string" ? name : null;
  } catch {
    return null;
  }
}

/** Move `file` to `target` (same name only once complete), across filesystems too. */
async function moveInto(file: string, target: string): Promise<void> {
  const temp = `${target}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  await Deno.copyFile(file, temp);
  try {
    await Deno.rename(temp, target);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  await Deno.remove(file);
}

/** What {@linkcode createExplicitArtifact} needs. */
export interface CreateArtifactInput {
  env: Env;
  /** The file to hand over (relative paths resolve against `cwd`). */
  path: string;
  cwd: string;
  /** The owning run's artifact directory. */
  agentDir: string;
  label?: string;
  kind?: ArtifactKind;
  now?: Date;
}

/** Move a file into persistent storage and associate it with its run. */
export async function createExplicitArtifact(
  input: CreateArtifactInput,
): Promise<ExplicitArtifact> {
  const source = resolve(input.cwd, input.path);
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(source);
  } catch {
    throw new SaseError("artifact.not_found", `artifact file ${source} does not exist`, {
      hint: "pass the path of a file the agent created with -p/--path",
      kind: "not-found",
    });
  }
  if (!info.isFile) {
    throw new SaseError("artifact.not_file", `${source} is not a regular file`, {
      hint: "artifacts are single files; archive a directory first",
      kind: "not-found",
    });
  }
  const { project, rawTimestamp } = associationOf(input.agentDir);
  const digest = await sha256(source);
  const extension = extname(source);
  const stem = safeSegment(basename(source, extension));
  const dir = join(
    artifactsRoot(input.env),
    "agents",
    safeSegment(project),
    safeSegment(rawTimestamp),
  );
  const target = join(dir, `${stem}-${digest.slice(0, 12)}${extension}`);
  await Deno.mkdir(dir, { recursive: true });
  if (resolve(target) !== source) await moveInto(source, target);
  const label = input.label?.trim() || basename(source);
  const artifact: ExplicitArtifact = {
    id: `explicit:${project}/${rawTimestamp}/${digest.slice(0, 16)}:${label}`,
    label,
    kind: input.kind ?? inferArtifactKind(source),
    path: target,
    source_path: source,
    created_at: (input.now ?? new Date()).toISOString(),
    agent_artifacts_dir: resolve(input.agentDir),
    project,
    raw_timestamp: rawTimestamp,
    agent_name: agentNameOf(input.agentDir),
    size: info.size,
  };
  await appendJsonl(artifactIndexPath(input.env), [{
    schema_version: ARTIFACT_INDEX_SCHEMA_VERSION,
    artifact,
  }]);
  return artifact;
}

function isArtifact(value: unknown): value is ExplicitArtifact {
  if (!value || typeof value !== "object") return false;
  const record = value as Record<string, unknown>;
  return typeof record.id === "string" && typeof record.path === "string" &&
    typeof record.project === "string" && typeof record.raw_timestamp === "string" &&
    ARTIFACT_KINDS.includes(record.kind as ArtifactKind);
}

/**
 * The explicit artifacts of one run, oldest first (a re-created artifact
 * replaces its earlier record). Files deleted since are left out.
 */
export async function listExplicitArtifacts(
  env: Env,
  run: { project: string; timestamp: string },
): Promise<ExplicitArtifact[]> {
  const { records } = await readJsonl<{ schema_version?: number; artifact?: unknown }>(
    artifactIndexPath(env),
  );
  const byId = new Map<string, ExplicitArtifact>();
  for (const record of records) {
    if (record?.schema_version !== ARTIFACT_INDEX_SCHEMA_VERSION) continue;
    const artifact = record.artifact;
    if (!isArtifact(artifact)) continue;
    if (artifact.project !== run.project || artifact.raw_timestamp !== run.timestamp) continue;
    byId.delete(artifact.id);
    byId.set(artifact.id, artifact);
  }
  const present = await Promise.all(
    [...byId.values()].map(async (artifact) =>
      await Deno.stat(artifact.path).then(() => artifact, () => null)
    ),
  );
  return present.filter((artifact): artifact is ExplicitArtifact => artifact !== null);
}
