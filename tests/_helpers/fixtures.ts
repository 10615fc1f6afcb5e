/**
 * The original implementation's conformance data, in `shared/` beside the
 * repository checkout (where CI puts it too).
 *
 * @module
 */

import { fileURLToPath } from "node:url";

const UPSTREAM_ROOT = fileURLToPath(new URL("../../../shared/fixtures/upstream/", import.meta.url));

/** Absolute path of `relative` under `shared/fixtures/upstream/` (a trailing `/` is kept). */
export function upstreamFixture(relative = ""): string {
  return UPSTREAM_ROOT + relative;
}
