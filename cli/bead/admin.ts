/**
 * Store administration: init, onboard, sync, doctor.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { basename } from "node:path";
import { SaseError, usageError } from "../../core/errors.ts";
import { processEnv } from "../../core/config/paths.ts";
import { defaultPrefix, prefixProblem } from "../../core/bead/ids.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import type { FixResult } from "../../core/bead/doctor.ts";
import { resolveStoreDir } from "../../core/bead/settings.ts";
import { runGit } from "../../core/git.ts";
import { stageBeadState, unstagedPaths } from "../../core/bead/git.ts";
import { JSON_FLAG, JSON_HELP, printJson } from "../shared/output.ts";
import { activeStoreDir } from "./context.ts";
import { plural } from "../../core/text/plural.ts";

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

Statuses: ○ open  ◐ in_progress  ● ready  ◈ snoozed  ✓ closed.
Ids: <prefix>-<n> for plans, <plan>.<n> for phases.
The event streams under events/ are the source of truth; issues.jsonl is generated.`;

/** Register init, onboard, sync and doctor. */
export function registerAdmin(bead: Command): void {
  bead
    .command("init")
    .description("Initialize the bead store for the current project")
    .option("--prefix <prefix>", "issue id prefix (default: the project directory name)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      if (options.prefix !== undefined) {
        const problem = prefixProblem(options.prefix);
        if (problem) throw usageError(`--prefix: ${problem}`);
      }
      const { dir, checkoutRoot } = await resolveStoreDir(Deno.cwd(), processEnv());
      const email = await runGit(checkoutRoot, ["config", "user.email"]);
      const owner = email.ok ? email.stdout.trim() : "";
      const { initStore } = await import("../../core/bead/init.ts");
      const result = await initStore(dir, {
        prefix: options.prefix ?? defaultPrefix(basename(checkoutRoot)),
        owner,
        actor: processEnv().SASE_BEAD_ACTOR || owner || processEnv().USER || "unknown",
      });
      if (options.json) {
        return printJson({
          dir,
          prefix: result.config.issue_prefix,
          created: result.created,
          migrated: result.migrated,
        });
      }
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
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const dir = await activeStoreDir();
      if (options.status) {
        const unstaged = await unstagedPaths(dir);
        if (unstaged === undefined) {
          throw new SaseError("bead.not_git", `${dir} is not inside a git repository`);
        }
        if (unstaged.length > 0) Deno.exitCode = 1;
        if (options.json) return printJson({ unstaged });
        if (unstaged.length === 0) return console.log("Bead state is fully staged.");
        console.log(`Unstaged bead changes (${unstaged.length}):`);
        for (const path of unstaged) console.log(`  ${path}`);
        return;
      }
      const { regenerateMirrors } = await import("../../core/bead/store.ts");
      const { store, keptProjection } = await regenerateMirrors(dir);
      if (keptProjection) {
        // Staging now would commit a projection that no longer matches the events.
        throw new SaseError(
          "bead.incomplete",
          `not regenerating issues.jsonl: ${
            neutralizeControls(keptProjection.message)
          } (${keptProjection.file}); a projection without it would drop what it records`,
          { hint: "run `sase bead doctor`; nothing was staged" },
        );
      }
      const staged = await stageBeadState(dir);
      const notGit = !staged.ok && /not a git repository/i.test(staged.stderr);
      if (!staged.ok && !notGit) {
        throw new SaseError("bead.git", `git add failed: ${staged.stderr.trim()}`);
      }
      if (options.json) return printJson({ beads: store.issues.length, staged: staged.ok });
      console.log(`Regenerated issues.jsonl (${plural(store.issues.length, "bead")})`);
      console.log(
        notGit ? "Not in a git repository: nothing staged" : "Staged bead state (no commit made)",
      );
    });

  bead
    .command("doctor")
    .description("Run health checks on the bead store")
    .option("--fix", "repair id collisions, torn lines, projection, manifest and cache")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const dir = await activeStoreDir();
      const { fixStore, runDoctor } = await import("../../core/bead/doctor.ts");
      const fixed = options.fix ? await fixStore(dir) : undefined;
      const report = await runDoctor(dir);
      if (!report.ok) Deno.exitCode = 1;
      if (options.json) {
        return printJson({
          ...report,
          ...(fixed ? { fix: fixJson(fixed) } : {}),
        });
      }
      if (fixed) { for (const line of fixLines(fixed)) console.log(line); }
      for (const message of report.messages) console.log(neutralizeControls(message));
    });
}

/** What `doctor --fix` did, as lines for a human. */
function fixLines(fixed: FixResult): string[] {
  const lines = fixed.relocations.map((relocation) =>
    `Renamed ${relocation.oldId} -> ${relocation.newId} (id collision)`
  );
  if (fixed.removedTornLines > 0) {
    lines.push(`Removed ${plural(fixed.removedTornLines, "torn line")}`);
  }
  for (const name of fixed.removedTempFiles) lines.push(`Removed leftover temp file ${name}`);
  for (const file of fixed.skippedStreams) {
    lines.push(`Left the id collision in ${file} alone: it has lines that cannot be read`);
  }
  lines.push(
    fixed.keptProjection
      ? "Regenerated the manifest and beads.db; kept issues.jsonl (the events cannot all be read)"
      : "Regenerated issues.jsonl, manifest and beads.db",
  );
  return lines;
}

/** The `-j` form of what `doctor --fix` did. */
function fixJson(fixed: FixResult) {
  return {
    relocations: fixed.relocations.map((relocation) => ({
      old_id: relocation.oldId,
      new_id: relocation.newId,
      file: relocation.file,
    })),
    removed_torn_lines: fixed.removedTornLines,
    removed_temp_files: fixed.removedTempFiles,
    skipped_streams: fixed.skippedStreams,
    kept_projection: fixed.keptProjection !== undefined,
  };
}
