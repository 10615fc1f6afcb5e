/**
 * `sase changespec ...`: search ChangeSpecs with the query language, show
 * one, find the current workspace's spec, change a status, the VCS
 * operations on a spec's branch (sync, rebase, rewind, rename, reword,
 * mail, archive, sync-deltas), and migrate legacy `.gp` filenames. Each
 * command's body is in `changespec/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import {
  withConfirmedOpOptions,
  withOpOptions,
  WORKSPACE_FLAG,
  WORKSPACE_HELP,
} from "./shared/changespec_ops.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Register `sase changespec`. */
export function register(program: Command, app: AppContext): void {
  const group = program
    .command("changespec")
    .description("Search, inspect and operate on ChangeSpecs (CL/PR review records)");

  group
    .command("search")
    .description("Search ChangeSpecs of active projects with the query language")
    .argument("<query>", "query, e.g. '%w +myproj', '\"fix bug\" OR refactor', '^base_cl !!'")
    .option("-f, --format <format>", "plain, rich or markdown", "rich")
    .option("-a, --include-archive", "also search <project>-archive.sase files")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      '\nQuery syntax: words or "quoted" strings (c"..." case-sensitive), AND/OR/NOT or !, parentheses,\n' +
        "status:X project:X name:X ancestor:X sibling:X origin:X, +proj ^anc ~sib &name,\n" +
        "%d %m %r %s %w %y (status), !!! errors, @@@ running agents, $$$ running processes, * any.",
    )
    .action(async (query, options) =>
      (await importOnDemand<typeof import("./changespec/search.ts")>(
        "./changespec/search.ts",
        import.meta.url,
      )).runSearch(app, query, options)
    );

  group
    .command("show")
    .description("Print one ChangeSpec as it is stored")
    .argument("<name>", "ChangeSpec NAME")
    .option("-p, --project <project>", "project holding the ChangeSpec")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) =>
      (await importOnDemand<typeof import("./changespec/show.ts")>(
        "./changespec/show.ts",
        import.meta.url,
      )).runShow(app, name, options)
    );

  group
    .command("current")
    .description("Render the ChangeSpec associated with the current workspace")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./changespec/show.ts")>(
        "./changespec/show.ts",
        import.meta.url,
      )).runCurrent(app, options)
    );

  group
    .command("set-status")
    .description("Move a ChangeSpec to another status through the status state machine")
    .argument("<name>", "ChangeSpec NAME")
    .argument("<status>", "WIP, Draft, Ready, Mailed, Submitted, Reverted or Archived")
    .option("-p, --project <project>", "project holding the ChangeSpec")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, status, options) =>
      (await importOnDemand<typeof import("./changespec/set_status.ts")>(
        "./changespec/set_status.ts",
        import.meta.url,
      )).runSetStatus(app, name, status, options)
    );

  registerOperations(group, app);

  group
    .command("migrate-extension")
    .description("Rename legacy .gp ProjectSpec files to .sase")
    .option("--force", "replace an existing differing .sase sibling with the .gp file")
    .option("--projects-dir <path>", "project root to scan (default ~/.sase/projects)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./changespec/migrate.ts")>(
        "./changespec/migrate.ts",
        import.meta.url,
      )).runMigrate(app, options)
    );
}

/** The commands that act on a spec's branch through the VCS provider. */
function registerOperations(group: Command, app: AppContext): void {
  withOpOptions(
    group
      .command("sync")
      .description("Check out a ChangeSpec's branch and sync it with the remote (SYNC event)")
      .argument("<name>", "ChangeSpec NAME"),
  )
    .addHelpText(
      "after",
      "\ngit: git fetch origin, then git rebase origin/<default branch>. The checkout must be clean.\n" +
        "A sync that stops on conflicts is abandoned (the branch is left as it was) and reported.\n" +
        "DELTAS are refreshed afterwards (best-effort).",
    )
    .action(async (name, options) =>
      (await importOnDemand<typeof import("./changespec/sync.ts")>(
        "./changespec/sync.ts",
        import.meta.url,
      )).runSync(app, name, options)
    );

  withOpOptions(
    group
      .command("rebase")
      .description("Move a ChangeSpec's branch onto a new parent and update PARENT (REBASE event)")
      .argument("<name>", "ChangeSpec NAME")
      .argument("[new_parent]", "NAME of the new parent ChangeSpec (omit with --root)")
      .option("--root", "take the parent away: rebase onto the default branch"),
  )
    .addHelpText(
      "after",
      "\nOnly the branch's own commits move (git rebase --onto <new> <old parent> <branch>). The new\n" +
        "parent must be another ChangeSpec of the same project, not a descendant, not Reverted or\n" +
        "Archived; a spec past Draft cannot go under a WIP or Draft parent. A rebase that stops on\n" +
        "conflicts is abandoned. DELTAS are refreshed against the new parent (best-effort).",
    )
    .action(async (name, newParent, options) =>
      (await importOnDemand<typeof import("./changespec/rebase.ts")>(
        "./changespec/rebase.ts",
        import.meta.url,
      )).runRebase(app, name, newParent, options)
    );

  withConfirmedOpOptions(
    group
      .command("rewind")
      .description("Undo the COMMITS entries after (ENTRY) on a ChangeSpec's branch (REWIND event)")
      .argument("<name>", "ChangeSpec NAME")
      .argument("<entry>", "the COMMITS entry number to go back to, e.g. 2"),
  )
    .addHelpText(
      "after",
      "\nThe later entries' saved diffs (their DIFF drawers) are applied in reverse, newest first, and\n" +
        "committed as '[rewind] (ENTRY)'; no history is rewritten. In COMMITS, (ENTRY) and the first\n" +
        "undone entry (renumbered as a proposal of ENTRY) are flagged NEW PROPOSAL and later entries\n" +
        "are dropped, with the HOOKS, MENTORS and COMMENTS lines that refer to them. Asks first.",
    )
    .action(async (name, entry, options) =>
      (await importOnDemand<typeof import("./changespec/rewind.ts")>(
        "./changespec/rewind.ts",
        import.meta.url,
      )).runRewind(app, name, entry, options)
    );

  withOpOptions(
    group
      .command("rename")
      .description("Rename a ChangeSpec and its branch (RENAME event)")
      .argument("<name>", "current ChangeSpec NAME")
      .argument("<new_name>", "new NAME (letters, digits, '_', '.', '-')"),
  )
    .addHelpText(
      "after",
      "\nChildren's PARENT lines and RUNNING claims follow. git renames the branch (git branch -m);\n" +
        "GitHub keeps it and maps the new name to it in SASE_HOME/projects/<project>/branch_map.json.",
    )
    .action(async (name, newName, options) =>
      (await importOnDemand<typeof import("./changespec/rename.ts")>(
        "./changespec/rename.ts",
        import.meta.url,
      )).runRename(app, name, newName, options)
    );

  withOpOptions(
    group
      .command("reword")
      .description("Replace the commit description of a ChangeSpec's branch (REWORD event)")
      .argument("<name>", "ChangeSpec NAME")
      .option("-m, --message <text>", "the new description")
      .option("-M, --message-file <path>", "read the new description from a file")
      .option(
        "-t, --add-tag <KEY=VALUE>",
        "append a KEY=VALUE tag line instead (BUG also sets BUG)",
      ),
  )
    .addHelpText(
      "after",
      "\nWithout -m, -M or -t the description opens in $VISUAL/$EDITOR. git amends the branch's tip\n" +
        "commit (git commit --amend -m). DESCRIPTION is updated without trailing KEY=VALUE lines.",
    )
    .action(async (name, options) =>
      (await importOnDemand<typeof import("./changespec/reword.ts")>(
        "./changespec/reword.ts",
        import.meta.url,
      )).runReword(app, name, options)
    );

  withConfirmedOpOptions(
    group
      .command("mail")
      .description("Push a ChangeSpec's branch for review; with GitHub find or open its PR")
      .argument("<name>", "ChangeSpec NAME"),
  )
    .addHelpText(
      "after",
      "\ngit push -u origin <branch>; GitHub then creates the pull request when the branch has none\n" +
        "(gh pr create --fill) and its URL becomes the PR field. A Ready spec becomes Mailed.",
    )
    .action(async (name, options) =>
      (await importOnDemand<typeof import("./changespec/mail.ts")>(
        "./changespec/mail.ts",
        import.meta.url,
      )).runMail(app, name, options)
    );

  withConfirmedOpOptions(
    group
      .command("archive")
      .description("Archive a ChangeSpec: save its diff, tag and delete its branch, set Archived")
      .argument("<name>", "ChangeSpec NAME"),
  )
    .addHelpText(
      "after",
      "\nThe diff goes to SASE_HOME/archived/<name>.diff; git keeps the commits under the tag\n" +
        "archive/<name> and deletes the branch. Restore it with the restore command.",
    )
    .action(async (name, options) =>
      (await importOnDemand<typeof import("./changespec/archive.ts")>(
        "./changespec/archive.ts",
        import.meta.url,
      )).runArchive(app, name, options)
    );

  group
    .command("sync-deltas")
    .description("Recompute the DELTAS field of a ChangeSpec from the VCS state")
    .requiredOption("-c, --cl-name <name>", "NAME of the ChangeSpec")
    .option("-p, --project-file <path>", "ProjectSpec file holding it (default: found by name)")
    .option(WORKSPACE_FLAG, WORKSPACE_HELP)
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      "\nDELTAS are the files the ChangeSpec's branch changes against its parent's branch (or the\n" +
        "default branch). When the VCS query fails, DELTAS are left as they were and it exits 1.",
    )
    .action(async (options) =>
      (await importOnDemand<typeof import("./changespec/sync_deltas.ts")>(
        "./changespec/sync_deltas.ts",
        import.meta.url,
      )).runSyncDeltas(app, options)
    );
}
