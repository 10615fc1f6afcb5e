/**
 * Builds the `sase` command tree and runs it.
 *
 * Only the group named on the command line is imported; `sase --help` gets
 * light placeholders carrying each group's one-line summary. After the tree is
 * built, every group that has a `list` child runs it when invoked bare.
 *
 * @module
 */

import { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { type GroupEntry, GROUPS } from "./registry.ts";
import { exitCodeOf } from "./shared/errors.ts";
import { usageError } from "../core/errors.ts";
import { SASE_VERSION } from "../core/version.ts";

/** A fresh root command with sase's global settings. */
export function createProgram(): Command {
  return new Command("sase")
    .description(
      "Structured Agentic Software Engineering: prompts, workflows, ChangeSpecs, beads and agents",
    )
    .addHelpText("after", "\nRun `sase <command> --help` for a command's options.")
    .version(SASE_VERSION, "-V, --version", "print the sase version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride();
}

/** The first word of `args` that is not an option: the command name. */
function commandWord(args: readonly string[]): string | undefined {
  return args.find((arg) => !arg.startsWith("-"));
}

/** Decide which groups must really be loaded for `args`. */
export function groupsToLoad(args: readonly string[]): GroupEntry[] {
  const word = commandWord(args);
  if (word === "help") {
    const topic = args[args.indexOf("help") + 1];
    return GROUPS.filter((group) => group.name === topic);
  }
  if (word === "completion") return [...GROUPS];
  return GROUPS.filter((group) => group.name === word);
}

/** Register every group on `program` (used by completion and tests). */
export async function buildFullTree(
  app: AppContext,
  program: Command = createProgram(),
): Promise<Command> {
  for (const group of GROUPS) (await group.load()).register(program, app);
  applyListDefaults(program);
  applyUsageHints(program);
  return program;
}

/** `command`'s full name as typed, e.g. `sase project alias add`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent as Command | null) {
    names.unshift(current.name());
  }
  return names.join(" ");
}

/** The help a user should read after a usage mistake in `command`. */
function usageHintFor(command: Command): string {
  return `run \`${commandPath(command)} --help\` for usage`;
}

/**
 * Every usage error ends with a `hint:` line. Commander prints its own
 * errors (unknown option or command, missing argument) and then the
 * "help after error" text, so each command gets its own pointer to its help.
 */
export function applyUsageHints(command: Command): void {
  command.showHelpAfterError(`hint: ${usageHintFor(command)}`);
  for (const child of command.commands as Command[]) applyUsageHints(child);
}

/** The subcommand of `command` called (or aliased) `word`. */
function childNamed(command: Command, word: string): Command | undefined {
  return (command.commands as Command[]).find((candidate) =>
    candidate.name() === word || candidate.aliases().includes(word)
  );
}

/** The deepest command named by the leading command words of `args`. */
export function commandFor(program: Command, args: readonly string[]): Command {
  let current = program;
  for (const arg of args) {
    if (arg.startsWith("-")) continue;
    const child = childNamed(current, arg);
    if (!child) break;
    current = child;
  }
  return current;
}

/**
 * `sase help [command...]`: the help of the named (sub)command on stdout, or
 * a usage error naming the first word that is not a command. Commander's
 * own help command would print the root help and exit 0 for a typo.
 */
function showHelpFor(program: Command, words: readonly string[]): void {
  let current = program;
  for (const [index, word] of words.entries()) {
    const child = childNamed(current, word);
    if (!child) {
      throw usageError(
        `unknown command '${words.slice(0, index + 1).join(" ")}'`,
        `run \`${commandPath(current)} --help\` to see its commands`,
      );
    }
    current = child;
  }
  current.outputHelp();
}

/**
 * The handbook rule: a group with an exact `list` child runs `list` when
 * invoked bare. Commander calls that the default command; the public way to
 * set it is `addCommand(..., { isDefault: true })`, which cannot be applied to
 * a command already added, so we set the same field after the fact.
 */
export function applyListDefaults(command: Command): void {
  for (const child of command.commands as Command[]) {
    if (child.commands.some((grandchild) => grandchild.name() === "list")) {
      (child as unknown as { _defaultCommandName: string })._defaultCommandName = "list";
    }
    applyListDefaults(child);
  }
}

/** Run the CLI with `args` (without the program name); resolves to the exit code. */
export async function runCli(args: readonly string[], app: AppContext): Promise<number> {
  const program = createProgram();
  return await exitCodeOf(async () => {
    const load = groupsToLoad(args);
    for (const group of GROUPS) {
      if (load.includes(group)) (await group.load()).register(program, app);
      else program.command(group.name).description(group.summary);
    }
    applyListDefaults(program);
    applyUsageHints(program);
    if (args[0] === "help") {
      return showHelpFor(program, args.slice(1).filter((arg) => !arg.startsWith("-")));
    }
    await program.parseAsync([...args], { from: "user" });
  }, () => usageHintFor(commandFor(program, args)));
}
