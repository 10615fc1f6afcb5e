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

/** `fn` throws; returns the error for further checks. */
export function assertThrows(fn: () => unknown, message?: string): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new nodeAssert.AssertionError({ message: message ?? "expected function to throw" });
}

/** `fn` rejects; returns the error for further checks. */
export async function assertRejects(fn: () => Promise<unknown>, message?: string): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new nodeAssert.AssertionError({ message: message ?? "expected promise to reject" });
}
