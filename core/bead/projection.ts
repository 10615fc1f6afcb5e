/**
 * The `issues.jsonl` compatibility projection: one compact JSON object per
 * line, sorted by id. Also the reader for legacy stores that have only this
 * file; bad lines are counted and reported, never fatal.
 *
 * @module
 */

import { parseJsonl } from "../fs/jsonl.ts";
import { compareIds, type Issue, issueToRow } from "./model.ts";
import { parseIssueRow } from "./row.ts";

/** The projection text for `issues` (sorted by id, `\n` after each row). */
export function exportProjection(issues: readonly Issue[]): string {
  return [...issues]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((issue) => JSON.stringify(issueToRow(issue)) + "\n")
    .join("");
}

/** A projection line that could not be used. */
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
  /** Lines that are JSON but not a valid bead row. */
  invalidRows: number;
  problems: ProjectionProblem[];
}

/** Parse projection text leniently; legacy rows get the documented defaults. */
export function parseProjection(text: string): ProjectionReadResult {
  const { records, problems: jsonProblems } = parseJsonl<unknown>(text);
  const problems: ProjectionProblem[] = jsonProblems.map((problem) => ({
    line: problem.line,
    message: `invalid JSON: ${problem.reason}`,
    torn: problem.torn,
  }));
  const lineNumbers = recordLineNumbers(text);
  const issues: Issue[] = [];
  let invalidRows = 0;
  records.forEach((record, index) => {
    const parsed = parseIssueRow(record);
    if ("error" in parsed) {
      invalidRows++;
      problems.push({ line: lineNumbers[index], message: parsed.error, torn: false });
    } else issues.push(parsed.issue);
  });
  problems.sort((a, b) => a.line - b.line);
  issues.sort((a, b) => compareIds(a.id, b.id));
  return { issues, invalidJsonLines: jsonProblems.length, invalidRows, problems };
}

/** Line numbers of the lines that parse as JSON, in order. */
function recordLineNumbers(text: string): number[] {
  const numbers: number[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      JSON.parse(line);
      numbers.push(index + 1);
    } catch {
      // Not a record; parseJsonl reports it.
    }
  });
  return numbers;
}

/** Read a projection file; a missing file is an empty outcome. */
export async function readProjection(path: string): Promise<ProjectionReadResult> {
  try {
    return parseProjection(await Deno.readTextFile(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return { issues: [], invalidJsonLines: 0, invalidRows: 0, problems: [] };
    }
    throw error;
  }
}
