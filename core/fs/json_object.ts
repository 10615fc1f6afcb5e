/**
 * Reading a JSON object file that may be missing, torn or not an object:
 * run records (`agent_meta.json`, `done.json`) are read by many processes
 * while others write them, and a reader must simply see "nothing yet".
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { READ_LIMITS, readTextBounded, readTextBoundedSync } from "./bounded_read.ts";

/**
 * What checks a parsed value: a zod schema, or anything with the same
 * `safeParse` (see `json_fields.ts` for a check that needs no zod).
 */
export interface JsonCheck<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

function asObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The items of the JSON list in `text`; none when `text` is not JSON or not
 * a list. For lenient readers of files other programs share (ACE's tag and
 * dismissal lists), which skip what they cannot use.
 */
export function jsonListItems(text: string): unknown[] {
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * The object in `path`, or undefined when it is missing or not a JSON object.
 * A file over {@linkcode READ_LIMITS.record} (or a device, or a directory)
 * is not a record either: the read stops at the limit instead of hanging.
 */
export async function readJsonObject(path: string): Promise<Record<string, unknown> | undefined> {
  const text = await readTextBounded(path, READ_LIMITS.record).catch(() => undefined);
  return text === undefined ? undefined : asObject(text);
}

/** {@linkcode readJsonObject}, synchronously. */
export function readJsonObjectSync(path: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readTextBoundedSync(path, READ_LIMITS.record);
  } catch {
    return undefined;
  }
  return asObject(text);
}

/** How {@linkcode readJsonFile} and {@linkcode readCheckedJson} word their errors. */
export interface JsonFileErrors {
  /** The hint of every error about the file's content. */
  hint?: string;
  /**
   * What the message says between the path and the parser's own words when
   * the file is not JSON (default `invalid JSON`): each store keeps the
   * wording its users know.
   */
  invalidJson?: string;
}

/**
 * The parsed content of a JSON file sase writes itself; `undefined` when it
 * does not exist (a file holding `null` gives `null`). Invalid JSON is a
 * `SaseError` with `code`, `path: <errors.invalidJson>: <parser message>`;
 * a file over {@linkcode READ_LIMITS.record} or a directory in its place is
 * a `SaseError` naming the path too.
 */
export async function readJsonFile(
  path: string,
  code: string,
  errors: JsonFileErrors = {},
): Promise<unknown> {
  let text: string;
  try {
    text = await readTextBounded(path, READ_LIMITS.record);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SaseError(
      code,
      `${path}: ${errors.invalidJson ?? "invalid JSON"}: ${(error as Error).message}`,
      { hint: errors.hint, kind: "invalid-data" },
    );
  }
}

/**
 * The schema-checked content of a JSON file sase writes itself; null when
 * it does not exist. Besides {@linkcode readJsonFile}'s errors, a failed
 * check is a `SaseError` with `code` naming the file and the field at fault.
 */
export async function readCheckedJson<T>(
  path: string,
  schema: JsonCheck<T>,
  code: string,
  errors: JsonFileErrors = {},
): Promise<T | null> {
  const value = await readJsonFile(path, code, errors);
  if (value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SaseError(
      code,
      `${path}: field '${issue.path.map(String).join(".")}' ${issue.message}`,
      { hint: errors.hint, kind: "invalid-data" },
    );
  }
  return parsed.data;
}

/** The string-valued fields of a JSON object (anything else, or a non-object, gives none). */
export function stringFields(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] =>
      typeof entry[1] === "string"
    ),
  );
}
