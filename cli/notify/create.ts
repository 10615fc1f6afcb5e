/**
 * `sase notify create`: post a notification from JSON on stdin or a file.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { SaseError, usageError } from "../../core/errors.ts";
import { READ_LIMITS, readStdinBounded, readTextBounded } from "../../core/fs/bounded_read.ts";
import { postNotification } from "../../core/notify/inbox.ts";

/** The notification JSON from `--file` or stdin, at most {@linkcode READ_LIMITS.input} bytes. */
async function readInput(file: string | undefined): Promise<{ text: string; source: string }> {
  if (file !== undefined) {
    try {
      return { text: await readTextBounded(file, READ_LIMITS.input), source: file };
    } catch (error) {
      if (error instanceof SaseError) throw error;
      throw new SaseError("notify.input", `cannot read ${file}: ${(error as Error).message}`, {
        kind: error instanceof Deno.errors.NotFound ? "not-found" : "unavailable",
      });
    }
  }
  if (Deno.stdin.isTerminal()) {
    throw usageError(
      "no notification JSON given",
      `pipe JSON on stdin (echo '{"sender":"me","notes":["Hi"]}' | sase notify create) or pass --file PATH`,
    );
  }
  return { text: await readStdinBounded(READ_LIMITS.input), source: "stdin" };
}

/** Run `sase notify create`; prints the new notification's id. */
export async function runCreate(
  app: AppContext,
  options: { sender?: string; tag: string[]; file?: string },
): Promise<void> {
  const { text, source } = await readInput(options.file);
  const record = await postNotification(app, text, {
    sender: options.sender,
    tags: options.tag,
    source,
  });
  console.log(record.id);
}
