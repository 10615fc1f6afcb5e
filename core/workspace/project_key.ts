/**
 * The per-project namespace under managed roots (handbook 11.9.2): an
 * explicit `workspace.project_key`, else the slug of the primary checkout's
 * single git remote (`github.com_org_repo`), else the primary's basename plus
 * a short hash of its path so two projects with one basename never collide.
 *
 * @module
 */

import { basename, resolve } from "../fs/path.ts";
import { runGit } from "../git.ts";

/** Make `value` safe as one path component. */
export function slugify(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "") || "unnamed";
}

/** Reduce a hosted git remote URL to `host/owner/repo`; null for local paths. */
export function normalizeGitUrl(url: string): string | null {
  const text = url.trim();
  const scp = /^[^@\s/]+@([^:/]+):(.+?)(?:\.git)?\/?$/.exec(text);
  if (scp) return `${scp[1]}/${scp[2]}`;
  const full = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/
    .exec(text);
  if (full && !text.startsWith("file:")) return `${full[1]}/${full[2]}`;
  return null;
}

/** The fallback key: slugged basename plus 8 hex digits of the absolute path's SHA-256. */
export async function projectKeyFromPath(primaryDir: string): Promise<string> {
  const absolute = resolve(primaryDir).replace(/\/+$/, "");
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(absolute));
  const digest = Array.from(
    new Uint8Array(hash).subarray(0, 4),
    (byte) => byte.toString(16).padStart(2, "0"),
  ).join("");
  return `${slugify(basename(absolute) || "workspace")}-${digest}`;
}

/** Pick the project key from an explicit value, the remotes, or the path. */
export async function deriveProjectKey(
  primaryDir: string,
  remoteUrls: readonly string[],
  explicit?: string,
): Promise<string> {
  if (explicit?.trim()) return slugify(explicit.trim());
  const unique = [...new Set(remoteUrls)];
  const hosted = unique.length === 1 ? normalizeGitUrl(unique[0]) : null;
  return hosted ? slugify(hosted.replaceAll("/", "_")) : await projectKeyFromPath(primaryDir);
}

/** The distinct remote URLs of the checkout at `dir` (empty when it is not one). */
export async function gitRemoteUrls(dir: string): Promise<string[]> {
  const result = await runGit(dir, ["remote", "-v"]);
  if (!result.ok) return [];
  const urls = result.stdout.split("\n").map((line) => line.split(/\s+/)[1]).filter(Boolean);
  return [...new Set(urls)];
}
