/**
 * `error_digest` (handbook 5.4.5): summarise the errors axe recorded since
 * the last digest into `shared/error_digests/digest_<timestamp>.txt` and
 * send one `axe` notification whose `ViewErrorReport` action opens it
 * (the path is in `files` and `action_data.error_report_path`). Nothing
 * new since the last digest: no file and no notification.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { atomicWriteJson, atomicWriteTextFile } from "../../fs/atomic_write.ts";
import { readJsonObject } from "../../fs/json_object.ts";
import { notificationsPath } from "../../config/paths.ts";
import { createNotification } from "../../notify/create.ts";
import { saseTimestamp } from "../../time.ts";
import { sharedPaths } from "../paths.ts";
import { type AxeErrorRecord, readRecentErrors } from "../recent_errors.ts";
import type { BuiltinChop } from "./registry.ts";

/** Error messages are cut to this many characters in a digest. */
const MESSAGE_LIMIT = 500;

function digestText(errors: readonly AxeErrorRecord[], since: string | null, now: Date): string {
  const bySource = new Map<string, number>();
  for (const error of errors) {
    const source = `${error.lumberjack}/${error.chop ?? "(lumberjack)"} ${error.kind}`;
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
  }
  const lines = [
    `AXE ERROR DIGEST ${now.toISOString()}`,
    `${errors.length} error(s) since ${since ?? "the first recorded error"}`,
    "",
    "By source:",
    ...[...bySource].sort((a, b) => b[1] - a[1]).map(([source, count]) => `  ${count}x ${source}`),
    "",
    "Errors (oldest first):",
    ...errors.map((error) =>
      `[${error.timestamp}] ${error.lumberjack}/${error.chop ?? "-"} ${error.kind}` +
      `${error.run_id ? ` run ${error.run_id}` : ""}: ${error.message.slice(0, MESSAGE_LIMIT)}`
    ),
  ];
  return lines.join("\n") + "\n";
}

const errorDigest: BuiltinChop = async ({ app, log }) => {
  const paths = sharedPaths(app.env);
  const statePath = join(paths.digestDir, "last_digest.json");
  const since = (await readJsonObject(statePath))?.last_error_at;
  const last = typeof since === "string" ? since : null;
  const errors = (await readRecentErrors(app.env)).filter((error) =>
    last === null || error.timestamp > last
  );
  if (errors.length === 0) {
    await log(`error_digest: inspected recent errors; no-op: none since ${last ?? "ever"}`);
    return;
  }
  const now = app.now();
  const digestPath = join(paths.digestDir, `digest_${saseTimestamp(now)}.txt`);
  await atomicWriteTextFile(digestPath, digestText(errors, last, now));
  const chops = new Set(errors.map((error) => `${error.lumberjack}/${error.chop ?? "-"}`));
  const notification = await createNotification(notificationsPath(app.env), {
    sender: "axe",
    notes: [
      `Axe error digest: ${errors.length} error(s) from ${chops.size} source(s)`,
      ...[...chops].slice(0, 5),
    ],
    files: [digestPath],
    action: "ViewErrorReport",
    action_data: { error_report_path: digestPath },
  });
  await atomicWriteJson(statePath, { last_error_at: errors.at(-1)!.timestamp });
  await log(
    `error_digest: ${errors.length} error(s) from ${chops.size} source(s); wrote ${digestPath}; ` +
      `notification ${notification.id}`,
  );
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { error_digest: errorDigest };
