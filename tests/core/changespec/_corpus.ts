/**
 * Paths to the upstream golden ChangeSpec corpus and query oracle.
 *
 * @module
 */

import { upstreamFixture } from "../../_helpers/fixtures.ts";

/** `fixtures/upstream/` of the shared checkout. */
export const UPSTREAM = upstreamFixture("");
/** The golden active ProjectSpec. */
export const GOLDEN = `${UPSTREAM}changespec/myproj.sase`;
/** The golden archive ProjectSpec. */
export const GOLDEN_ARCHIVE = `${UPSTREAM}changespec/myproj-archive.sase`;
/** The query oracle. */
export const QUERY_CASES = `${UPSTREAM}query/cases.json`;
