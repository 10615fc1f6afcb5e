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
import { type GroupEntry, GROUPS } from "./registry.ts";
import { exitCodeOf } from "./errors.ts";
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
export async function buildFullTree(program: Command = createProgram()): Promise<Command> {
  for (const group of GROUPS) (await group.load()).register(program);
  applyListDefaults(program);
  return program;
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
export async function runCli(args: readonly string[]): Promise<number> {
  const program = createProgram();
  return await exitCodeOf(async () => {
    const load = groupsToLoad(args);
    for (const group of GROUPS) {
      if (load.includes(group)) (await group.load()).register(program);
      else program.command(group.name, { hidden: group.hidden }).description(group.summary);
    }
    applyListDefaults(program);
    await program.parseAsync([...args], { from: "user" });
  });
}
