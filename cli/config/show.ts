/**
 * `sase config show [KEY]`: the merged configuration (or one key) as YAML
 * or JSON.
 *
 * @module
 */

import { stringify } from "../../core/yaml/lib.ts";
import type { AppContext } from "../../core/context.ts";
import { configValue } from "../../core/config/value.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase config show`. */
export async function runShow(
  app: AppContext,
  key: string | undefined,
  options: { json?: boolean },
): Promise<void> {
  const value = configValue(await app.config(), key);
  if (options.json) printJson(value);
  // YAML escapes control characters inside its quoted strings already.
  else if (typeof value === "object" && value !== null) console.log(stringify(value).trimEnd());
  else console.log(neutralizeControls(String(value)));
}
