/**
 * The sase version, read from `deno.json` so there is one place to bump it.
 *
 * @module
 */

import denoConfig from "../deno.json" with { type: "json" };

/** The version of this sase build. */
export const SASE_VERSION: string = denoConfig.version;
