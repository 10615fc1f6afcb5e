/**
 * One value of the merged configuration by its dotted key path (`sase config
 * show KEY`), or the whole of it.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { LoadedConfig } from "./loaded.ts";
import { getPath } from "./merge.ts";

/** The value at `key` (the whole merged configuration without one); unknown keys are an error. */
export function configValue(loaded: LoadedConfig, key?: string): unknown {
  const value = key ? getPath(loaded.raw, key) : loaded.raw;
  if (value === undefined) {
    throw new SaseError("config.unknown_key", `no configuration value at '${key}'`, {
      hint: "run `sase config show` to see every key",
      kind: "not-found",
    });
  }
  return value;
}
