/**
 * `sase prompt delete|prune|save|export`: the commands that write.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { join } from "node:path";
import { SaseError, usageError } from "../../core/errors.ts";
import { atomicWriteTextFile } from "../../core/fs/atomic_write.ts";
import { configDir, homeDir, processEnv } from "../../core/config/paths.ts";
import { requireKnownProject } from "../../core/known_project.ts";
import { promptId } from "../../core/xprompt/history/model.ts";
import { parseDateBound, slugify } from "../../core/xprompt/history/query.ts";
import {
  snapshotPath,
  snapshotText,
  xpromptFileText,
} from "../../core/xprompt/history/snapshot.ts";
import {
  mutateHistory,
  promptHistoryPath,
  readHistory,
  resolveSelector,
  sortNewestFirst,
} from "../../core/xprompt/history/store.ts";
import { printJson } from "../shared/output.ts";
import { confirmOrRequireYes } from "../shared/confirm.ts";
import { exists } from "../../core/fs/access.ts";
import { plural } from "../../core/text/plural.ts";

async function writeNew(path: string, text: string, force: boolean | undefined): Promise<void> {
  if (!force && await exists(path)) {
    throw new SaseError("prompt.exists", `${path} already exists`, {
      hint: "pass --force to replace it",
    });
  }
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await atomicWriteTextFile(path, text);
}

function intOption(value: string): number {
  if (!/^\d+$/.test(value)) throw usageError(`expected a non-negative integer, got '${value}'`);
  return Number(value);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Register the writing subcommands on `group`. */
export function registerMutations(group: Command): void {
  group
    .command("delete")
    .description("Remove exactly one prompt (every stored copy of its text)")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .option("-y, --yes", "do not ask for confirmation")
    .action(async (selector, options) => {
      const path = promptHistoryPath();
      const read = await readHistory(path);
      if (read.corrupt) {
        throw new SaseError("prompt.corrupt_store", read.corrupt, { hint: "nothing was changed" });
      }
      const entry = resolveSelector(read.entries, selector);
      const id = promptId(entry.text);
      confirmOrRequireYes({
        yes: options.yes,
        question: `Delete ${id}?`,
        action: `deleting prompt ${id}`,
        declined: "aborted; nothing was deleted",
      });
      await mutateHistory(path, (entries) => ({
        entries: entries.filter((candidate) => candidate.text !== entry.text),
        result: undefined,
      }));
      console.log(`deleted ${id}`);
    });
  group
    .command("prune")
    .description("Remove prompts by criteria (predicates intersect; --keep is a floor)")
    .option("-c, --cancelled", "only cancelled prompts")
    .option("-k, --keep <n>", "always keep the newest N prompts", intOption)
    .option("-b, --before <date>", "only prompts last used before this date")
    .option("--dry-run", "show what would be removed")
    .option("-y, --yes", "do not ask for confirmation")
    .action(async (options) => {
      if (!options.cancelled && options.keep === undefined && !options.before) {
        throw usageError("prune needs at least one of --cancelled, --keep, --before");
      }
      const before = options.before ? parseDateBound(options.before) : undefined;
      const select = (entries: Parameters<typeof sortNewestFirst>[0]) => {
        const kept = new Set(
          sortNewestFirst(entries).slice(0, options.keep ?? 0).map((e) => e.text),
        );
        return entries.filter((entry) =>
          !kept.has(entry.text) && (!options.cancelled || entry.cancelled) &&
          (!before || entry.last_used < before)
        );
      };
      const path = promptHistoryPath();
      const read = await readHistory(path);
      if (read.corrupt) {
        throw new SaseError("prompt.corrupt_store", read.corrupt, { hint: "nothing was changed" });
      }
      const doomed = select(read.entries);
      if (options.dryRun) {
        for (const entry of doomed) console.log(`would remove ${promptId(entry.text)}`);
        console.log(`${plural(doomed.length, "prompt")} would be removed (dry run)`);
        return;
      }
      if (doomed.length === 0) {
        console.log("nothing to prune");
        return;
      }
      confirmOrRequireYes({
        yes: options.yes,
        question: `Remove ${plural(doomed.length, "prompt")}?`,
        action: `removing ${plural(doomed.length, "prompt")}`,
        declined: "aborted; nothing was removed",
      });
      const removed = await mutateHistory(path, (entries) => {
        const gone = new Set(select(entries).map((entry) => entry.text));
        return { entries: entries.filter((entry) => !gone.has(entry.text)), result: gone.size };
      });
      console.log(`removed ${plural(removed, "prompt")}`);
    });
  group
    .command("save")
    .description("Save a prompt as a reusable xprompt file (default ./xprompts/)")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .option("-n, --name <name>", "xprompt name (default: a slug of the prompt)")
    .option("-t, --tag <tag>", "tag to add (repeatable)", collect, [] as string[])
    .option("-g, --global", "write to ~/.xprompts/")
    .option("-p, --project <project>", "write to ~/.config/sase/xprompts/<project>/")
    .option("--force", "overwrite an existing file")
    .action(async (selector, options) => {
      const read = await readHistory(promptHistoryPath());
      const entry = resolveSelector(read.entries, selector);
      const name = options.name ?? slugify(entry.text);
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
        throw usageError(
          `invalid xprompt name '${name}'`,
          "use letters, digits, '_' and '-', starting with a letter",
        );
      }
      const project = options.project === undefined
        ? undefined
        : await requireKnownProject(options.project, processEnv());
      const dir = project
        ? join(configDir(), "xprompts", project)
        : options.global
        ? join(homeDir(), ".xprompts")
        : join(Deno.cwd(), "xprompts");
      const path = join(dir, `${name}.md`);
      await writeNew(path, xpromptFileText(entry, options.tag), options.force);
      console.log(
        `saved ${promptId(entry.text)} as ${project ? `#${project}/${name}` : `#${name}`}: ${path}`,
      );
    });
  group
    .command("export")
    .description("Export a prompt to stdout, a file, or an SDD snapshot")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .option("-s, --sdd", "write sdd/prompts/YYYYMM/<slug>-<id>.md")
    .option("-o, --output <path>", "write to this file")
    .option("-m, --metadata", "wrap the text in provenance front matter")
    .option("--force", "overwrite an existing file")
    .option("-j, --json", "print where the file went as JSON")
    .action(async (selector, options) => {
      const read = await readHistory(promptHistoryPath());
      const entry = resolveSelector(read.entries, selector);
      const withMeta = options.sdd || options.metadata;
      const text = withMeta ? snapshotText(entry) : entry.text;
      const path = options.sdd ? join(Deno.cwd(), snapshotPath(entry)) : options.output;
      if (!path) {
        await Deno.stdout.write(new TextEncoder().encode(text));
        return;
      }
      await writeNew(path, text, options.force);
      if (options.json) printJson({ id: promptId(entry.text), path });
      else console.log(path);
    });
}
