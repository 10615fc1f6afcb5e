/**
 * `config.json` of a bead store: issue prefix, next counter, owner.
 *
 * Written as pretty JSON (two-space indent, trailing newline) like upstream;
 * unknown keys are kept so a newer writer's settings survive a round trip.
 *
 * @module
 */

import { z } from "zod";
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

const configSchema = z.looseObject({
  issue_prefix: z.string().nullish().transform((value) => value ?? ""),
  next_counter: z.number().int().min(1).nullish().transform((value) => value ?? 1),
  owner: z.string().nullish().transform((value) => value ?? ""),
});

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
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SaseError(
      "bead.config",
      `${path}: field '${issue.path.join(".") || "(root)"}': ${issue.message}`,
      {
        hint: "issue_prefix and owner are strings; next_counter is a positive integer",
        kind: "invalid-data",
      },
    );
  }
  const config = parsed.data as BeadConfig;
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
