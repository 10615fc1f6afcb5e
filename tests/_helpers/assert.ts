/**
 * Test assertions in the shape of Deno's `@std/assert` (JSR is unreachable
 * from our machines), built on `node:assert/strict`.
 *
 * @module
 */

import nodeAssert from "node:assert/strict";

/** Deep strict equality. */
export function assertEquals<T>(
  actual: unknown,
  expected: T,
  message?: string,
): asserts actual is T {
  nodeAssert.deepStrictEqual(actual, expected, message);
}

/** Deep strict inequality. */
export function assertNotEquals(actual: unknown, expected: unknown, message?: string): void {
  nodeAssert.notDeepStrictEqual(actual, expected, message);
}

/** Truthiness. */
export function assert(condition: unknown, message?: string): asserts condition {
  nodeAssert.ok(condition, message);
}

/** `actual` contains `expected`. */
export function assertStringIncludes(actual: string, expected: string, message?: string): void {
  nodeAssert.ok(
    actual.includes(expected),
    message ?? `expected ${JSON.stringify(actual)} to include ${JSON.stringify(expected)}`,
  );
}

/** `actual` matches `pattern`. */
export function assertMatch(actual: string, pattern: RegExp, message?: string): void {
  nodeAssert.match(actual, pattern, message);
}

// deno-lint-ignore no-explicit-any
type ErrorClass = abstract new (...args: any[]) => Error;

function checkError(
  error: unknown,
  expected: ErrorClass | string | undefined,
  includes: string | undefined,
): Error {
  if (typeof expected === "function") {
    if (!(error instanceof expected)) {
      throw new nodeAssert.AssertionError({
        message: `expected ${expected.name}, got ${
          error instanceof Error ? `${error.name}: ${error.message}` : String(error)
        }`,
      });
    }
    if (includes !== undefined && !error.message.includes(includes)) {
      throw new nodeAssert.AssertionError({
        message: `expected the error message to include ${JSON.stringify(includes)}, got ${
          JSON.stringify(error.message)
        }`,
      });
    }
  }
  return error as Error;
}

/**
 * `fn` throws; returns the error for further checks. With an error class
 * (and optionally a message fragment) the error must be of that class and
 * carry that text, so a stray `TypeError` from a bug does not pass.
 */
export function assertThrows(
  fn: () => unknown,
  expected?: ErrorClass | string,
  includes?: string,
): Error {
  try {
    fn();
  } catch (error) {
    return checkError(error, expected, includes);
  }
  const message = typeof expected === "string" ? expected : "expected function to throw";
  throw new nodeAssert.AssertionError({ message });
}

/** `fn` rejects; like {@linkcode assertThrows} for promises. */
export async function assertRejects(
  fn: () => Promise<unknown>,
  expected?: ErrorClass | string,
  includes?: string,
): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return checkError(error, expected, includes);
  }
  const message = typeof expected === "string" ? expected : "expected promise to reject";
  throw new nodeAssert.AssertionError({ message });
}
