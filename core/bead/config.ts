/**
 * `config.json` of a bead store: issue prefix, next counter, owner.
 *
 * Written as pretty JSON (two-space indent, trailing newline) like upstream;
 * unknown keys are kept so a newer writer's settings survive a round trip.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { prefixProblem } from "./ids.ts";

/** The bead store configuration. */
export interface BeadConfig {
  issue_prefix: string;
  next_counter: number;
  owner: string;
  /** Keys this implementation does not model, preserved verbatim. */
  [key: string]: unknown;
}

function invalidField(path: string, field: string, message: string): SaseError {
  return new SaseError("bead.config", `${path}: field '${field}': ${message}`, {
    hint: "issue_prefix and owner are strings; next_counter is a positive integer",
    kind: "invalid-data",
  });
}

/**
 * The known fields checked and defaulted (missing or null: "", 1, ""),
 * every other key kept. Plain code rather than a schema library: every
 * bead command reads this file, and loading one costs more than the read.
 */
function checkedConfig(raw: unknown, path: string): BeadConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalidField(path, "(root)", "expected an object");
  }
  const record = raw as Record<string, unknown>;
  const text = (field: "issue_prefix" | "owner"): string => {
    const value = record[field];
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") throw invalidField(path, field, "expected a string");
    return value;
  };
  const counter = record.next_counter ?? 1;
  if (typeof counter !== "number" || !Number.isInteger(counter) || counter < 1) {
    throw invalidField(path, "next_counter", "expected a positive integer");
  }
  return {
    ...record,
    issue_prefix: text("issue_prefix"),
    next_counter: counter,
    owner: text("owner"),
  };
}

/** Parse config text; `path` is named in errors. */
export function parseBeadConfig(text: string, path: string): BeadConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SaseError("bead.config", `${path}: invalid JSON: ${(error as Error).message}`, {
      hint: "fix the file by hand or restore it from git",
      kind: "invalid-data",
    });
  }
  const config = checkedConfig(raw, path);
  // The prefix names stream files: one like `../x` must never reach a path.
  const problem = config.issue_prefix === "" ? undefined : prefixProblem(config.issue_prefix);
  if (problem) {
    throw new SaseError("bead.config", `${path}: field 'issue_prefix': ${problem}`, {
      hint: 'set issue_prefix to a plain name such as "proj" (or remove it to use "beads")',
      kind: "invalid-data",
    });
  }
  return config;
}

/** Read `config.json`, or `undefined` when it does not exist. */
export async function readBeadConfig(path: string): Promise<BeadConfig | undefined> {
  try {
    return parseBeadConfig(await readTextBounded(path, READ_LIMITS.record), path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** The pretty JSON text upstream writes. */
export function formatBeadConfig(config: BeadConfig): string {
  return JSON.stringify(config, null, 2) + "\n";
}

/** Atomically write `config.json`. */
export function writeBeadConfig(path: string, config: BeadConfig): Promise<void> {
  return atomicWriteJson(path, config);
}
