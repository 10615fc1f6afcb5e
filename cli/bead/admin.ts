/**
 * Store administration: init, onboard, sync, doctor.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import type { FixResult } from "../../core/bead/doctor.ts";
import { beadDoctor, initBeads, syncBeads, unstagedBeadPaths } from "../../core/bead/service.ts";
import {
  beadDoctorWire,
  beadInitWire,
  beadSyncStatusWire,
  beadSyncWire,
} from "../../core/bead/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson } from "../shared/output.ts";

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

/** Run `sase bead init`. */
export async function runInit(
  app: AppContext,
  options: { prefix?: string; json?: boolean },
): Promise<void> {
  const init = await initBeads(app, { prefix: options.prefix });
  if (options.json) return printJson(beadInitWire(init));
  const { dir, result } = init;
  if (result.created.length === 0 && !result.migrated) {
    console.log(`Bead store already initialized at ${dir}`);
  } else {
    console.log(`Initialized bead store at ${dir} (prefix ${result.config.issue_prefix})`);
  }
  if (result.migrated) console.log("Migrated legacy issues.jsonl into event streams");
}

/** Run `sase bead onboard`. */
export function runOnboard(): void {
  console.log(ONBOARD_TEXT);
}

/** Run `sase bead sync` (`--status`: exit 1 when bead state has unstaged changes). */
export async function runSync(
  app: AppContext,
  options: { status?: boolean; json?: boolean },
): Promise<void> {
  if (options.status) {
    const unstaged = await unstagedBeadPaths(app);
    if (unstaged.length > 0) Deno.exitCode = 1;
    if (options.json) return printJson(beadSyncStatusWire(unstaged));
    if (unstaged.length === 0) return console.log("Bead state is fully staged.");
    console.log(`Unstaged bead changes (${unstaged.length}):`);
    for (const path of unstaged) console.log(`  ${path}`);
    return;
  }
  const sync = await syncBeads(app);
  if (options.json) return printJson(beadSyncWire(sync));
  console.log(`Regenerated issues.jsonl (${plural(sync.beads, "bead")})`);
  console.log(
    sync.notGit ? "Not in a git repository: nothing staged" : "Staged bead state (no commit made)",
  );
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

/** Run `sase bead doctor` (exit 1 when it finds errors). */
export async function runDoctor(
  app: AppContext,
  options: { fix?: boolean; json?: boolean },
): Promise<void> {
  const doctor = await beadDoctor(app, { fix: options.fix });
  if (!doctor.report.ok) Deno.exitCode = 1;
  if (options.json) return printJson(beadDoctorWire(doctor));
  if (doctor.fixed) { for (const line of fixLines(doctor.fixed)) console.log(line); }
  for (const message of doctor.report.messages) console.log(neutralizeControls(message));
}
