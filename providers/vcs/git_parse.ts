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
 * The paths after the status token `status` at `parts[i]`: one, or two
 * (source and target) for renames (`R<score>`) and copies (`C<score>`).
 * Undefined when the record is cut short; otherwise the entry and the index
 * after it.
 */
function nameStatusRecord(
  status: string,
  parts: readonly string[],
  i: number,
): [NameStatusEntry, number] | undefined {
  if (status[0] === "R" || status[0] === "C") {
    if (i + 1 >= parts.length) return undefined;
    return [{ status, oldPath: parts[i], path: parts[i + 1] }, i + 2];
  }
  if (i >= parts.length) return undefined;
  return [{ status, path: parts[i] }, i + 1];
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
    const record = nameStatusRecord(status, parts, i);
    if (!record) break;
    entries.push(record[0]);
    i = record[1];
  }
  return entries;
}

/** The numstat records from `parts[start]` on (see {@linkcode parseNumstatZ}). */
function numstatFrom(parts: readonly string[], start: number): LineStat[] {
  const stats: LineStat[] = [];
  for (let i = start; i < parts.length;) {
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
 * `git diff --numstat -z`: `<added>\t<removed>\t<path>` per file, or for a
 * rename `<added>\t<removed>\t` followed by the source and target paths as
 * their own fields; `-` counts mark a binary file.
 */
export function parseNumstatZ(stdout: string): LineStat[] {
  return numstatFrom(fields(stdout), 0);
}

/**
 * `git diff --raw --numstat -z`, both views of one diff from one run: the
 * raw records first (`:<modes> <ids> <status>`, then the paths as
 * `--name-status` gives them), then the numstat records (see
 * {@linkcode parseNumstatZ}). A raw record starts with `:`; a numstat one
 * never does, and the paths in between are counted, not guessed.
 */
export function parseRawNumstatZ(
  stdout: string,
): { nameStatus: NameStatusEntry[]; lineStats: LineStat[] } {
  const parts = fields(stdout);
  const nameStatus: NameStatusEntry[] = [];
  let i = 0;
  while (i < parts.length && parts[i].startsWith(":")) {
    const header = parts[i++];
    const record = nameStatusRecord(header.slice(header.lastIndexOf(" ") + 1), parts, i);
    if (!record) return { nameStatus, lineStats: [] };
    nameStatus.push(record[0]);
    i = record[1];
  }
  return { nameStatus, lineStats: numstatFrom(parts, i) };
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
