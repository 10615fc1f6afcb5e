/**
 * `sase validate`: the top-level validation command. It runs the SDD init
 * drift check (for projects in version-controlled mode) and SDD link
 * validation, prints one status line per check and exits 1 if any fails.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { style } from "./output.ts";
import { processEnv } from "../core/config/paths.ts";
import { resolveSddRoot } from "../core/sdd/root.ts";
import { validateTree } from "../core/sdd/tree.ts";
import { checkSddInit } from "../core/sdd/init.ts";

function statusLine(ok: boolean | "skip", name: string, detail: string): string {
  const label = ok === "skip"
    ? style("dim", "SKIP")
    : ok
    ? style("green", "OK  ")
    : style("red", "FAIL");
  return `${label} ${name}: ${detail}`;
}

/** Register `sase validate`. */
export function register(program: Command): void {
  program
    .command("validate")
    .description("Run the SDD init drift check and SDD validation; exit 1 if any check fails")
    .option("-p, --path <path>", "SDD root or project root (default: the current project)")
    .action(async (options) => {
      const sdd = await resolveSddRoot({ cwd: Deno.cwd(), env: processEnv(), path: options.path });
      let failed = false;
      if (sdd.mode === "version_controlled") {
        const init = await checkSddInit(sdd.projectRoot, sdd.root);
        const drifted = init.items.filter((item) => item.state !== "current").length;
        failed ||= init.drift;
        console.log(statusLine(
          !init.drift,
          "init sdd",
          init.drift ? `${drifted} item(s) drifted; run \`sase sdd init\`` : "current",
        ));
      } else {
        console.log(statusLine("skip", "init sdd", "local-mode SDD has no generated guides"));
      }
      const result = await validateTree(sdd.root, { cwd: Deno.cwd() });
      failed ||= !result.ok;
      const hint = result.warning_count > 0 ? " (run `sase sdd validate -W` for warnings)" : "";
      console.log(statusLine(
        result.ok,
        "sdd validate",
        `${result.file_count} files, ${result.error_count} errors, ${result.warning_count} warnings${hint}`,
      ));
      if (failed) Deno.exitCode = 1;
    });
}
