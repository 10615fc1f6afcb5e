/**
 * `sase validate`: the top-level validation command. It runs the SDD init
 * drift check (for projects in version-controlled mode) and SDD link
 * validation, prints one status line per check (or, with `-j`, both results
 * as JSON) and exits 1 if any fails.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { JSON_FLAG, JSON_HELP, printJson, style } from "./shared/output.ts";
import { processEnv } from "../core/config/paths.ts";
import { resolveSddRoot } from "../core/sdd/root.ts";
import { validateTree } from "../core/sdd/tree.ts";
import { checkSddInit } from "../core/sdd/init.ts";
import { neutralizeControls } from "../core/text/control_chars.ts";

/** The outcome of one check. */
type CheckStatus = "ok" | "fail" | "skip";

interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
}

function statusLine(check: Check): string {
  const label = check.status === "skip"
    ? style("dim", "SKIP")
    : check.status === "ok"
    ? style("green", "OK  ")
    : style("red", "FAIL");
  return `${label} ${check.name}: ${neutralizeControls(check.detail, { keepLayout: false })}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Register `sase validate`. */
export function register(program: Command): void {
  program
    .command("validate")
    .description("Run the SDD init drift check and SDD validation; exit 1 if any check fails")
    .option("-p, --path <path>", "SDD root or project root (default: the current project)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const sdd = await resolveSddRoot({ cwd: Deno.cwd(), env: processEnv(), path: options.path });
      const checks: Check[] = [];
      let drifted: string[] = [];
      if (sdd.mode === "version_controlled") {
        const init = await checkSddInit(sdd.projectRoot, sdd.root);
        drifted = init.items.filter((item) => item.state !== "current").map((item) => item.path);
        checks.push({
          name: "init sdd",
          status: init.drift ? "fail" : "ok",
          detail: init.drift
            ? `${plural(drifted.length, "item")} drifted; run \`sase sdd init\``
            : "current",
        });
      } else {
        checks.push({
          name: "init sdd",
          status: "skip",
          detail: "local-mode SDD has no generated guides",
        });
      }
      const result = await validateTree(sdd.root, { cwd: Deno.cwd() });
      const hint = result.warning_count > 0 ? " (run `sase sdd validate -W` for warnings)" : "";
      checks.push({
        name: "sdd validate",
        status: result.ok ? "ok" : "fail",
        detail: `${plural(result.file_count, "file")}, ${plural(result.error_count, "error")}, ${
          plural(result.warning_count, "warning")
        }${hint}`,
      });
      const ok = checks.every((check) => check.status !== "fail");
      if (!ok) Deno.exitCode = 1;
      if (options.json) {
        return printJson({
          schema_version: 1,
          ok,
          root: sdd.root,
          mode: sdd.mode,
          checks: checks.map((check) => ({
            name: check.name.replace(" ", "_"),
            status: check.status,
            detail: check.detail,
          })),
          drifted,
          sdd: result,
        });
      }
      for (const check of checks) console.log(statusLine(check));
    });
}
