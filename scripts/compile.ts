/**
 * `deno task compile`: build the single `dist/sase` binary with every bundled
 * asset and worker module included.
 *
 * `deno compile` downloads its runtime stub (`denort`) unless `DENORT_BIN`
 * points at one; our machines are offline, so say so clearly instead of
 * failing deep inside a download.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Folders shipped inside the binary: bundled xprompts and workflows, and the
 * built phone web app the gateway serves (`scripts/build_phone.ts`).
 */
const ASSET_DIRS = ["xprompts", "web/phone/app"];

/**
 * Modules loaded by a run-time specifier, which static analysis cannot see
 * (`core/on_demand.ts`): the command groups and their handlers (see
 * `cli/registry.ts`), the process entries `main.ts` dispatches to, the core
 * modules loaded on demand (the uncached configuration loader, record
 * parsers, ...), the sandbox's worker module and the built-in providers
 * (`entries/context.ts` loads their registries on demand).
 */
const DYNAMIC_MODULES: string[] = ["cli", "entries", "core", "providers", "tui"];

const output = Deno.args[0] ?? join(ROOT, "dist", "sase");
const includes = [...ASSET_DIRS, ...DYNAMIC_MODULES].flatMap((path) => ["--include", path]);
const args = [
  "compile",
  "-A",
  "--unstable-worker-options",
  ...includes,
  "--output",
  output,
  "main.ts",
];

const denort = Deno.env.get("DENORT_BIN");
if (denort) console.error(`compile: using runtime stub DENORT_BIN=${denort}`);
else console.error("compile: DENORT_BIN is not set; deno will download the runtime stub");

const status = await new Deno.Command(Deno.execPath(), {
  args,
  cwd: ROOT,
  stdout: "inherit",
  stderr: "inherit",
})
  .spawn().status;
if (!status.success) {
  console.error(
    "error: deno compile failed" +
      (denort
        ? ""
        : "\nhint: offline? set DENORT_BIN to a denort binary matching this Deno version"),
  );
  Deno.exit(status.code || 1);
}
console.error(`compile: wrote ${output}`);
