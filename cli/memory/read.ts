/**
 * `sase memory read <path> -r <reason>`: print a long-term note for the
 * agent (without frontmatter) and record the audited read.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { readMemory } from "../../core/memory/read.ts";

/** Run `sase memory read`. The note goes to stdout as written: it is the agent's input. */
export async function runRead(
  app: AppContext,
  path: string,
  options: { reason: string },
): Promise<void> {
  const result = await readMemory(app, path, options.reason);
  const encoded = new TextEncoder().encode(result.output);
  let written = 0;
  while (written < encoded.length) written += await Deno.stdout.write(encoded.subarray(written));
}
