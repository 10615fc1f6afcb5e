/**
 * Parsers for the machine-readable output of the git commands the git
 * providers run (`-z` forms, so any byte in a path survives).
 *
 * @module
 */

import type { LineStat, NameStatusEntry } from "../../core/vcs/provider.ts";
import { basename } from "../../core/fs/path.ts";

/** NUL-separated fields, without the trailing terminator. */
function fields(stdout: string): string[] {
  const parts = stdout.split("\0");
  if (parts.at(-1) === "") parts.pop();
  return parts;
}

/**
 * `git diff --name-status -z`: a status token, then one path, or two (source
 * and target) for renames (`R<score>`) and copies (`C<score>`). A truncated
 * record at the end is dropped.
 */
export function parseNameStatusZ(stdout: string): NameStatusEntry[] {
  const parts = fields(stdout);
  const entries: NameStatusEntry[] = [];
  for (let i = 0; i < parts.length;) {
    const status = parts[i++];
    if (!status) continue;
    if (status[0] === "R" || status[0] === "C") {
      if (i + 1 >= parts.length) break;
      entries.push({ status, oldPath: parts[i], path: parts[i + 1] });
      i += 2;
    } else {
      if (i >= parts.length) break;
      entries.push({ status, path: parts[i++] });
    }
  }
  return entries;
}

/**
 * `git diff --numstat -z`: `<added>\t<removed>\t<path>` per file, or for a
 * rename `<added>\t<removed>\t` followed by the source and target paths as
 * their own fields; `-` counts mark a binary file.
 */
export function parseNumstatZ(stdout: string): LineStat[] {
  const parts = fields(stdout);
  const stats: LineStat[] = [];
  for (let i = 0; i < parts.length;) {
    const record = parts[i++];
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(record);
    if (!match) continue;
    let path = match[3];
    if (path === "") {
      // A rename: source and target follow; the counts belong to the target.
      if (i + 1 >= parts.length) break;
      path = parts[i + 1];
      i += 2;
    }
    const count = (token: string) => token === "-" ? null : Number(token);
    stats.push({ path, added: count(match[1]), removed: count(match[2]) });
  }
  return stats;
}

/**
 * A repository's name from its `origin` URL (the last `/` segment without
 * `.git`, so `git@host:o/r.git` and `/srv/r` work alike), else from its
 * top-level directory; null when neither gives one.
 */
export function workspaceNameFrom(remoteUrl: string | null, root: string | null): string | null {
  const url = remoteUrl?.trim();
  if (url) {
    const last = url.slice(url.lastIndexOf("/") + 1);
    const name = last.endsWith(".git") ? last.slice(0, -4) : last;
    return name || null;
  }
  const top = root?.trim();
  return top ? basename(top) || null : null;
}
