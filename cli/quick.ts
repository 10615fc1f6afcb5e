/**
 * The hot commands without commander: the read and agent-side commands sase
 * is invoked for constantly (by agents inside their runs, by axe chops, by
 * ACE, by people) run their group's own action on a command line parsed by
 * `quick_tree.ts`, so they do not pay for loading the command framework.
 * Help, errors and every other command line go to the full commander tree,
 * which stays the one place their text comes from.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { GROUPS } from "./registry.ts";
import { exitCodeOf } from "./shared/errors.ts";
import { parseQuick, type QuickParse, RecordedCommand } from "./quick_tree.ts";

/**
 * The commands answered without commander, by their full name. Each has
 * parse cases checked against commander's own result in
 * `tests/cli/quick_test.ts`; add a command there when adding it here.
 */
export const QUICK_COMMANDS: ReadonlySet<string> = new Set([
  "notify list",
  "bead ready",
  "bead list",
  "bead show",
  "bead create",
  "agent list",
  "agent show",
  "changespec search",
  "var set",
  "plan propose",
  "commit",
  "xprompt expand",
  "config show",
  "doctor",
]);

/** Where a command line points: the command's name and the words after it. */
interface QuickTarget {
  /** The group's name and the subcommand's (none for a leaf group such as `doctor`). */
  path: string[];
  /** The name as typed, for the `--help` hint (a bare group runs its `list`). */
  typed: string[];
  rest: string[];
}

/** The quick command `args` name, or null. A bare group runs its `list` when it is quick. */
function target(args: readonly string[]): QuickTarget | null {
  const [group, sub, ...after] = args;
  if (group === undefined) return null;
  if (QUICK_COMMANDS.has(group)) return { path: [group], typed: [group], rest: args.slice(1) };
  if (sub !== undefined && QUICK_COMMANDS.has(`${group} ${sub}`)) {
    return { path: [group, sub], typed: [group, sub], rest: after };
  }
  // Bare `sase notify` runs `list`; so does `sase notify -j ...`: once the
  // group meets an option, commander hands every word after it to `list`.
  if (QUICK_COMMANDS.has(`${group} list`) && (sub === undefined || sub.startsWith("-"))) {
    return { path: [group, "list"], typed: [group], rest: args.slice(1) };
  }
  return null;
}

/** The recorded command at `path`, or null when its group cannot be recorded. */
async function recorded(path: readonly string[], app: AppContext): Promise<RecordedCommand | null> {
  const group = GROUPS.find((entry) => entry.name === path[0]);
  if (!group) return null;
  const root = new RecordedCommand();
  try {
    // The group's declarations, made on the recorder instead of commander.
    (await group.load()).register(root as unknown as Command, app);
  } catch {
    return null;
  }
  let command: RecordedCommand | undefined = root;
  for (const word of path) command = command?.child(word);
  return command ?? null;
}

/** A quick command line, parsed: what to run and how to report a usage error. */
export interface QuickCommand extends QuickParse {
  /** The command's full name, e.g. `["notify", "list"]`. */
  path: string[];
  /** The group's action for the command. */
  // deno-lint-ignore no-explicit-any
  handler: (...args: any[]) => unknown;
  /** The `hint:` line of a usage error, as commander's tree would word it. */
  usageHint: string;
}

/**
 * `args` (without the program name) as a quick command, or null when the
 * full command-line parser must answer them.
 */
export async function resolveQuick(
  args: readonly string[],
  app: AppContext,
): Promise<QuickCommand | null> {
  const found = target(args);
  if (!found) return null;
  const command = await recorded(found.path, app);
  if (!command?.handler) return null;
  const parsed = parseQuick(command, found.rest);
  if (!parsed) return null;
  return {
    ...parsed,
    path: found.path,
    handler: command.handler,
    usageHint: `run \`sase ${found.typed.join(" ")} --help\` for usage`,
  };
}

/**
 * Run `args` (without the program name) when they are a quick command;
 * resolves to the exit code, or to null when the full command-line parser
 * must run instead.
 */
export async function runQuick(args: readonly string[], app: AppContext): Promise<number | null> {
  const quick = await resolveQuick(args, app);
  if (!quick) return null;
  return await exitCodeOf(async () => {
    await quick.handler(...quick.args, quick.options);
  }, () => quick.usageHint);
}
