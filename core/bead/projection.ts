/**
 * The `issues.jsonl` compatibility projection: one compact JSON object per
 * line, sorted by id. Also the reader for legacy stores that have only this
 * file; bad lines are counted and reported, never fatal.
 *
 * @module
 */

import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { compareIds, type Issue, issueToRow } from "./model.ts";
import { parseIssueRow } from "./row.ts";

/** The projection text for `issues` (sorted by id, `\n` after each row). */
export function exportProjection(issues: readonly Issue[]): string {
  return [...issues]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((issue) => JSON.stringify(issueToRow(issue)) + "\n")
    .join("");
}

/** A projection line that could not be used, or a field of one that had to be defaulted. */
export interface ProjectionProblem {
  line: number;
  message: string;
  torn: boolean;
}

/** What reading a projection produced. */
export interface ProjectionReadResult {
  issues: Issue[];
  /** Lines that are not JSON at all (including a torn last line). */
  invalidJsonLines: number;
  /** Lines that are JSON but not a bead row. */
  invalidRows: number;
  problems: ProjectionProblem[];
}

/** Parse projection text leniently; legacy rows get the documented defaults. */
export function parseProjection(text: string): ProjectionReadResult {
  const issues: Issue[] = [];
  const problems: ProjectionProblem[] = [];
  let invalidJsonLines = 0;
  let invalidRows = 0;
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    const number = index + 1;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      invalidJsonLines++;
      const torn = index === lines.length - 1 && !text.endsWith("\n");
      problems.push({ line: number, message: `invalid JSON: ${(error as Error).message}`, torn });
      return;
    }
    const parsed = parseIssueRow(record);
    if ("error" in parsed) {
      invalidRows++;
      problems.push({ line: number, message: parsed.error, torn: false });
      return;
    }
    issues.push(parsed.issue);
    for (const message of parsed.problems) {
      problems.push({ line: number, message: `${parsed.issue.id}: ${message}`, torn: false });
    }
  });
  issues.sort((a, b) => compareIds(a.id, b.id));
  return { issues, invalidJsonLines, invalidRows, problems };
}

/** Read a projection file; a missing file is an empty outcome. */
export async function readProjection(path: string): Promise<ProjectionReadResult> {
  try {
    return parseProjection(await readTextBounded(path, READ_LIMITS.store));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { issues: [], invalidJsonLines: 0, invalidRows: 0, problems: [] };
    }
    throw error;
  }
}
