/**
 * `sase telemetry export-config`: write the monitoring stack. A target
 * directory that exists and is not empty is refused without `-f`; files are
 * written whole (atomically), so an interrupted export leaves no half file.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { SaseError } from "../../core/errors.ts";
import { atomicWriteTextFile } from "../../core/fs/atomic_write.ts";
import { dirname, join, resolve } from "../../core/fs/path.ts";
import { monitoringStack } from "../../core/telemetry/stack.ts";
import { telemetrySettings } from "../../core/telemetry/settings.ts";

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    for await (const _ of Deno.readDir(dir)) return false;
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return true;
    throw error;
  }
}

/** Run `sase telemetry export-config`. */
export async function runExportConfig(
  app: AppContext,
  options: { outputDir: string; force?: boolean },
): Promise<void> {
  const dir = resolve(app.cwd, options.outputDir);
  if (!options.force && !(await isEmptyOrMissing(dir))) {
    throw new SaseError("telemetry.export_exists", `${dir} exists and is not empty`, {
      hint: "pass -f to overwrite it, or choose another directory with -o",
      kind: "conflict",
    });
  }
  const files = monitoringStack(telemetrySettings((await app.config()).config));
  for (const file of files) {
    const path = join(dir, file.path);
    await Deno.mkdir(dirname(path), { recursive: true });
    await atomicWriteTextFile(path, file.text);
  }
  console.log(`wrote ${files.length} files to ${dir}`);
  console.log(`start the stack: cd ${dir} && docker compose up -d`);
}
