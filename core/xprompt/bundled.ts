/**
 * Where the bundled xprompts live.
 *
 * They sit in the repository's `xprompts/` directory and are read relative to
 * this module's directory, which `deno compile --include xprompts` keeps
 * working inside the single binary (the embedded file system mirrors the
 * source tree).
 *
 * @module
 */

import { join } from "../fs/path.ts";

/** Absolute path of the bundled `xprompts/` directory. */
export function bundledXPromptsDir(): string {
  return join(import.meta.dirname ?? ".", "..", "..", "xprompts");
}
