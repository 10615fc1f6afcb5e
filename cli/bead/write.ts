/**
 * Mutating commands: create, update, open, close, rm, dep add.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { isAbsolute, relative } from "node:path";
import { usageError } from "../../core/errors.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import {
  descendantsOf,
  parseTypeSpec,
  planClose,
  planCreate,
  planDependency,
  planOpen,
  planRemove,
  planUpdate,
  type UpdateRequest,
} from "../../core/bead/mutate.ts";
import { requireIssue } from "../../core/bead/query.ts";

/** The store service (and its parsers) load only when a command runs. */
const store = () => import("../../core/bead/store.ts");
import { findCheckoutRoot } from "../../core/bead/location.ts";
import { JSON_FLAG, JSON_HELP, printJson } from "../shared/output.ts";
import { activeStoreDir, actorFor, intOption } from "./context.ts";
import { confirmOrRequireYes } from "../shared/confirm.ts";

async function relativizeDesign(file: string): Promise<string> {
  if (!isAbsolute(file)) return file;
  const root = await findCheckoutRoot(Deno.cwd());
  const rel = relative(root, file);
  return rel.startsWith("..") ? file : rel;
}

/** Register the mutating commands. */
export function registerWrite(bead: Command): void {
  bead
    .command("create")
    .description("Create a plan or phase bead")
    .requiredOption("-t, --title <title>", "bead title")
    .requiredOption(
      "-T, --type <type>",
      "plan(<file>), plan(<file>,<parent>) or phase(<parent_id>)",
    )
    .option("-d, --description <text>", "description")
    .option("-a, --assignee <name>", "assignee")
    .option("--tier <tier>", "plan tier: plan, epic or legend")
    .option("-c, --changespec <name>", "attach a ChangeSpec name (plan beads only)")
    .option("-b, --bug-id <id>", "bug id of the attached ChangeSpec (requires --changespec)")
    .option("-E, --epic-count <n>", "number of epics a legend proposes", intOption("--epic-count"))
    .option("-m, --model <model>", "launch model, e.g. codex/gpt-5.5 or #pro")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const type = parseTypeSpec(options.type);
      if (type.kind === "plan") type.file = await relativizeDesign(type.file);
      const dir = await activeStoreDir();
      const result = await (await store()).mutateStore(
        dir,
        { actor: await actorFor(dir) },
        (ctx) => {
          const plan = planCreate(ctx, {
            title: options.title,
            type,
            description: options.description,
            assignee: options.assignee,
            tier: options.tier,
            changespec: options.changespec,
            bugId: options.bugId,
            epicCount: options.epicCount,
            model: options.model,
          });
          return plan;
        },
      );
      if (options.json) printJson({ id: result });
      else console.log(`Created ${result}: ${neutralizeControls(options.title)}`);
    });

  bead
    .command("update")
    .description("Update fields of a bead")
    .argument("<id>", "bead id")
    .option("-s, --status <status>", "open, in_progress, ready or closed")
    .option("-t, --title <title>", "new title")
    .option("-d, --description <text>", "new description")
    .option("-n, --notes <text>", "new notes")
    .option("-D, --design <path>", "new plan path")
    .option("-a, --assignee <name>", "new assignee")
    .option("--tier <tier>", "new plan tier")
    .option("-E, --epic-count <n>", "new legend epic count", intOption("--epic-count"))
    .option("-m, --model <model>", "new launch model (empty string clears)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => {
      const request: UpdateRequest = {
        status: options.status,
        title: options.title,
        description: options.description,
        notes: options.notes,
        design: options.design === undefined ? undefined : await relativizeDesign(options.design),
        assignee: options.assignee,
        tier: options.tier,
        epicCount: options.epicCount,
        model: options.model,
      };
      const dir = await activeStoreDir();
      await (await store()).mutateStore(
        dir,
        { actor: await actorFor(dir) },
        (ctx) => planUpdate(ctx, id, request),
      );
      if (options.json) printJson({ id, updated: true });
      else console.log(`Updated ${id}`);
    });

  bead
    .command("open")
    .description("Reopen a bead (same as update --status=open)")
    .argument("<id>", "bead id")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => {
      const dir = await activeStoreDir();
      await (await store()).mutateStore(
        dir,
        { actor: await actorFor(dir) },
        (ctx) => planOpen(ctx, id),
      );
      if (options.json) printJson({ id, status: "open" });
      else console.log(`Reopened ${id}`);
    });

  bead
    .command("close")
    .description("Close beads; closing a plan closes its phases")
    .argument("<ids...>", "bead ids")
    .option("-r, --reason <text>", "close reason")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (ids, options) => {
      const dir = await activeStoreDir();
      const closed = await (await store()).mutateStore(
        dir,
        { actor: await actorFor(dir) },
        (ctx) => planClose(ctx, ids, options.reason),
      );
      if (options.json) return printJson({ closed });
      for (const id of ids) if (!closed.includes(id)) console.log(`${id} was already closed`);
      for (const id of closed) console.log(`Closed ${id}`);
    });

  bead
    .command("rm")
    .description("Remove a bead and all its children (irreversible)")
    .argument("<id>", "bead id")
    .option("-y, --yes", "remove without asking (required when stdin is not a terminal)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => {
      const dir = await activeStoreDir();
      const actor = await actorFor(dir);
      let question = `Remove ${id} and all its children? This cannot be undone.`;
      if (!options.yes && Deno.stdin.isTerminal()) {
        const loaded = await (await store()).loadStore(dir);
        const issues = new Map(loaded.issues.map((issue) => [issue.id, issue]));
        requireIssue(issues, id);
        const preview = [id, ...descendantsOf(issues, id).map((issue) => issue.id)];
        question = `Remove ${preview.join(", ")}? This cannot be undone.`;
      }
      confirmOrRequireYes({
        yes: options.yes,
        question,
        action: `removing ${id} (and all its children)`,
        declined: "nothing removed",
      });
      const removed = await (await store()).mutateStore(
        dir,
        { actor },
        (ctx) => planRemove(ctx, id),
      );
      if (options.json) printJson({ removed });
      else console.log(`Removed ${removed.join(", ")}`);
    });

  const dep = bead.command("dep").description("Manage dependencies");
  dep
    .command("add")
    .description("<issue> depends on <depends_on>")
    .argument("<issue>", "the bead that waits")
    .argument("<depends_on>", "the bead it waits for")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (issue, dependsOn, options) => {
      if (issue === dependsOn) throw usageError(`${issue} cannot depend on itself`);
      const dir = await activeStoreDir();
      const added = await (await store()).mutateStore(
        dir,
        { actor: await actorFor(dir) },
        (ctx) => planDependency(ctx, issue, dependsOn),
      );
      if (options.json) return printJson({ issue_id: issue, depends_on_id: dependsOn, added });
      console.log(
        added ? `${issue} now depends on ${dependsOn}` : `${issue} already depends on ${dependsOn}`,
      );
    });
}
