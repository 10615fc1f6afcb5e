/**
 * `sase notify show`: one notification as Markdown (or its JSON row).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { showNotification } from "../../core/notify/inbox.ts";
import { notificationMarkdown } from "../../core/notify/markdown.ts";
import { notificationWire } from "../../core/notify/wire.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase notify show [ID]`. */
export async function runShow(
  app: AppContext,
  positional: string | undefined,
  options: { id?: string; format: "markdown" | "json"; json?: boolean },
): Promise<void> {
  if (positional && options.id && positional !== options.id) {
    throw usageError(`two different ids given: '${positional}' and --id '${options.id}'`);
  }
  const ref = options.id ?? positional;
  if (!ref) throw usageError("which notification? pass --id ID", "list ids with `sase notify`");
  const row = notificationWire(await showNotification(app, ref), app.now().getTime());
  if (options.json || options.format === "json") printJson(row);
  else Deno.stdout.writeSync(new TextEncoder().encode(notificationMarkdown(row)));
}
