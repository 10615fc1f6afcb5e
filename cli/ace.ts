/**
 * `sase ace [QUERY]`: ACE, the terminal UI over ChangeSpecs, agents and the
 * axe daemon (handbook 4, 24.6.1).
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";

/** Register `sase ace`. */
export function register(program: Command, app: AppContext): void {
  program
    .command("ace")
    .description("Open ACE, the terminal UI for ChangeSpecs, agents and axe")
    .argument("[query]", "ChangeSpec query for the PRs tab (default: last used, first saved, !!!)")
    .option("-t, --tab <tab>", "tab to open: changespecs, agents or axe", "agents")
    .option("-r, --refresh-interval <seconds>", "auto-refresh period in seconds (0: off)", "10")
    .option("-x, --no-axe", "do not start the axe daemon")
    .option("-R, --restart-axe", "restart the axe daemon on start (no-op when it is not running)")
    .option("-m, --model-tier <tier>", "model tier for every launch from ACE: large or small")
    .option("-M, --model-size <size>", "deprecated alias of --model-tier: big or little")
    .option("-v, --vcs-provider <name>", "VCS provider for launches from ACE: git, hg or auto")
    .option("-T, --tmux", "open ACE in a new tmux window and print its target")
    .option(
      "-p, --profile [path]",
      "write a CPU profile of the session (default $SASE_TMPDIR/ace_profile_<ts>.txt)",
    )
    .addHelpText(
      "after",
      [
        "",
        "Tabs: PRs (ChangeSpecs matching the query), Agents, AXE; Tab / Shift+Tab switch, ? lists",
        "the keys, q quits. ACE needs a terminal on stdin and stdout.",
        "",
        "Examples:",
        "  sase ace                       # Agents tab, last used query on the PRs tab",
        "  sase ace -t changespecs '+myproject'",
        "  sase ace -r 30 '!!! OR @@@'",
      ].join("\n"),
    )
    .action(async (query, options) => {
      const { runAce } = await import("./ace/run.ts");
      await runAce(app, query ?? null, options);
    });
}
