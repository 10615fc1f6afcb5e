/**
 * Store administration: init, onboard, sync, doctor.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { basename } from "node:path";
import { SaseError } from "../../core/errors.ts";
import { processEnv } from "../../core/config/paths.ts";
import { defaultPrefix } from "../../core/bead/ids.ts";
import { resolveStoreDir } from "../../core/bead/settings.ts";
import { runGit } from "../../core/git.ts";
import { stageBeadState, unstagedPaths } from "../../core/bead/git.ts";
import { JSON_FLAG, JSON_HELP, printJson } from "../output.ts";
import { activeStoreDir } from "./context.ts";

/** The `sase bead onboard` guide. */
export const ONBOARD_TEXT = `Beads: git-native issue tracking for plans, epics, legends and phases.

Quick start:
  sase bead init                                    # create the store for this project
  sase bead create -t "Feature" -T "plan(sdd/tales/202605/feature.md)" --tier plan
  sase bead create -t "Epic" -T "plan(sdd/epics/202605/epic.md)" --tier epic
  sase bead create -t "Roadmap" -T "plan(sdd/legends/202605/roadmap.md)" --tier legend -E 3
  sase bead create -t "Phase 1" -T "phase(<epic-id>)" -m codex/gpt-5.5
  sase bead dep add <phase-2> <phase-1>             # phase 2 waits for phase 1
  sase bead list                                    # open and in-progress beads
  sase bead search auth                             # find beads, closed ones too
  sase bead ready | sase bead blocked               # what can run / what waits
  sase bead show <id>                               # every detail of one bead
  sase bead update <id> --status=in_progress        # claim work
  sase bead close <id> -r "done"                    # finish (plans close their phases)
  sase bead work <epic-id> -n                       # preview the agents an epic launches
  sase bead sync                                    # regenerate issues.jsonl and git add
  sase bead doctor                                  # health check (--fix repairs)

Statuses: ○ open  ◐ in_progress  ✓ closed.  Ids: <prefix>-<n> for plans, <plan>.<n> for phases.
The event streams under events/ are the source of truth; issues.jsonl is generated.`;

/** Register init, onboard, sync and doctor. */
export function registerAdmin(bead: Command): void {
  bead
    .command("init")
    .description("Initialize the bead store for the current project")
    .option("--prefix <prefix>", "issue id prefix (default: the project directory name)")
    .action(async (options) => {
      const { dir, checkoutRoot } = await resolveStoreDir(Deno.cwd(), processEnv());
      const email = await runGit(checkoutRoot, ["config", "user.email"]);
      const owner = email.ok ? email.stdout.trim() : "";
      const { initStore } = await import("../../core/bead/init.ts");
      const result = await initStore(dir, {
        prefix: options.prefix ?? defaultPrefix(basename(checkoutRoot)),
        owner,
        actor: processEnv().SASE_BEAD_ACTOR || owner || processEnv().USER || "unknown",
      });
      if (result.created.length === 0 && !result.migrated) {
        console.log(`Bead store already initialized at ${dir}`);
      } else {
        console.log(`Initialized bead store at ${dir} (prefix ${result.config.issue_prefix})`);
      }
      if (result.migrated) console.log("Migrated legacy issues.jsonl into event streams");
    });

  bead
    .command("onboard")
    .description("Show a quick-start guide")
    .action(() => console.log(ONBOARD_TEXT));

  bead
    .command("sync")
    .description("Regenerate issues.jsonl from the events and stage bead state in git")
    .option("-s, --status", "only check whether bead state has unstaged changes")
    .action(async (options) => {
      const dir = await activeStoreDir();
      if (options.status) {
        const unstaged = await unstagedPaths(dir);
        if (unstaged === undefined) {
          throw new SaseError("bead.not_git", `${dir} is not inside a git repository`);
        }
        if (unstaged.length === 0) return console.log("Bead state is fully staged.");
        console.log(`Unstaged bead changes (${unstaged.length}):`);
        for (const path of unstaged) console.log(`  ${path}`);
        Deno.exitCode = 1;
        return;
      }
      const { regenerateMirrors } = await import("../../core/bead/store.ts");
      const store = await regenerateMirrors(dir);
      console.log(`Regenerated issues.jsonl (${store.issues.length} beads)`);
      const staged = await stageBeadState(dir);
      if (staged.ok) console.log("Staged bead state (no commit made)");
      else if (/not a git repository/i.test(staged.stderr)) {
        console.log("Not in a git repository: nothing staged");
      } else throw new SaseError("bead.git", `git add failed: ${staged.stderr.trim()}`);
    });

  bead
    .command("doctor")
    .description("Run health checks on the bead store")
    .option("--fix", "repair id collisions, torn lines, projection, manifest and cache")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const dir = await activeStoreDir();
      const { fixStore, runDoctor } = await import("../../core/bead/doctor.ts");
      if (options.fix) {
        const fixed = await fixStore(dir);
        for (const relocation of fixed.relocations) {
          console.log(`Renamed ${relocation.oldId} -> ${relocation.newId} (id collision)`);
        }
        if (fixed.removedTornLines > 0) {
          console.log(`Removed ${fixed.removedTornLines} torn line(s)`);
        }
        console.log("Regenerated issues.jsonl, manifest and beads.db");
      }
      const report = await runDoctor(dir);
      if (options.json) printJson(report);
      else for (const message of report.messages) console.log(message);
      if (!report.ok) Deno.exitCode = 1;
    });
}
