/**
 * Showing text in the user's pager (`$PAGER`, else `less -R`), through
 * `sh -c` so a pager with arguments works. ACE lends the terminal to it
 * (the runner's hand-off) while it runs.
 *
 * @module
 */

import { join } from "./fs/path.ts";
import type { Env } from "./config/paths.ts";
import { SaseError } from "./errors.ts";

/** The pager when `$PAGER` is unset or empty. */
export const DEFAULT_PAGER = "less -R";

/**
 * Page `text` (saved to a temporary file named `name`, removed afterwards)
 * and wait for the pager to exit; a pager that fails is a `failed` error.
 */
export async function pageText(text: string, name: string, env: Env): Promise<void> {
  const pager = env.PAGER?.trim() || DEFAULT_PAGER;
  const dir = await Deno.makeTempDir({ prefix: "sase-page-" });
  const file = join(dir, name);
  try {
    await Deno.writeTextFile(file, text);
    const status = await new Deno.Command("sh", { args: ["-c", `${pager} "$1"`, "sh", file] })
      .spawn().status;
    if (!status.success) {
      throw new SaseError("pager.failed", `pager '${pager}' exited with ${status.code}`, {
        kind: "failed",
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}
