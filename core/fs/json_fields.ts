/**
 * Typed field access on parsed JSON, for files sase writes and reads back on
 * hot paths where loading zod would cost more than the check itself (a
 * detached runner reading its `launch.json`). A wrong field throws a
 * {@linkcode FieldError} naming its dotted path.
 *
 * @module
 */

import type { JsonCheck } from "./json_object.ts";

/** A field with the wrong type or value. */
export class FieldError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = "FieldError";
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : `a ${typeof value}`;
}

/** The fields of one JSON object, read with type checks. */
export class JsonFields {
  readonly #value: Record<string, unknown>;
  readonly #path: string;

  private constructor(value: Record<string, unknown>, path: string) {
    this.#value = value;
    this.#path = path;
  }

  /** `value` as an object's fields; `path` names it in errors ("" for the top level). */
  static of(value: unknown, path = ""): JsonFields {
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      throw new FieldError(path, `expected an object, got ${describe(value)}`);
    }
    return new JsonFields(value as Record<string, unknown>, path);
  }

  #at(key: string): string {
    return this.#path ? `${this.#path}.${key}` : key;
  }

  #fail(key: string, expected: string): never {
    throw new FieldError(
      this.#at(key),
      `expected ${expected}, got ${describe(this.#value[key])}`,
    );
  }

  /** Whether `key` is present (not undefined). */
  has(key: string): boolean {
    return this.#value[key] !== undefined;
  }

  /** A string; `pattern` further constrains it. */
  string(key: string, pattern?: RegExp): string {
    const value = this.#value[key];
    if (typeof value !== "string") this.#fail(key, "a string");
    if (pattern && !pattern.test(value)) this.#fail(key, `a string matching ${pattern}`);
    return value;
  }

  /** A string or null. */
  nullableString(key: string): string | null {
    return this.#value[key] === null ? null : this.string(key);
  }

  /** A boolean. */
  boolean(key: string): boolean {
    const value = this.#value[key];
    if (typeof value !== "boolean") this.#fail(key, "a boolean");
    return value;
  }

  /** An integer of at least `min`. */
  integer(key: string, min = Number.MIN_SAFE_INTEGER): number {
    const value = this.#value[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
      this.#fail(key, min === Number.MIN_SAFE_INTEGER ? "an integer" : `an integer >= ${min}`);
    }
    return value;
  }

  /** A list of strings. */
  strings(key: string): string[] {
    const value = this.#value[key];
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      this.#fail(key, "a list of strings");
    }
    return [...value];
  }

  /** Exactly `expected` (a format version, say). */
  constant<T extends string | number | boolean>(key: string, expected: T): T {
    if (this.#value[key] !== expected) this.#fail(key, JSON.stringify(expected));
    return expected;
  }

  /** One of `choices`. */
  oneOf<T extends string>(key: string, choices: readonly T[]): T {
    const value = this.#value[key];
    if (!choices.includes(value as T)) this.#fail(key, `one of ${choices.join(", ")}`);
    return value as T;
  }

  /** A nested object's fields. */
  object(key: string): JsonFields {
    return JsonFields.of(this.#value[key], this.#at(key));
  }
}

/** A {@linkcode JsonCheck} that reads a value with `read` (for `readCheckedJson`). */
export function fieldsCheck<T>(read: (fields: JsonFields) => T): JsonCheck<T> {
  return {
    safeParse(value) {
      try {
        return { success: true, data: read(JsonFields.of(value)) };
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        return {
          success: false,
          error: { issues: [{ path: [error.path], message: error.message }] },
        };
      }
    },
  };
}
