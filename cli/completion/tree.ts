/**
 * A plain description of the command tree for completion scripts, read from
 * the live commander tree so completions can never drift from the real CLI.
 *
 * @module
 */

import type { Command, Option } from "@commander-js/extra-typings";

/** One option as completion needs it. */
export interface CompletionOption {
  /** Every spelling, e.g. `["-j", "--json"]`. */
  flags: string[];
  /** One-line help. */
  description: string;
  /** Whether the option consumes the next word as its value. */
  takesValue: boolean;
  /** Allowed values, when the option restricts them. */
  choices: string[];
}

/** One command with its options and subcommands. */
export interface CompletionNode {
  /** Names from the root, e.g. `["sase", "notify", "list"]`. */
  path: string[];
  /** The command's own name (last element of `path`). */
  name: string;
  /** Other names that select this command. */
  aliases: string[];
  /** One-line help. */
  description: string;
  options: CompletionOption[];
  subcommands: CompletionNode[];
  /** Allowed values of the first positional argument (e.g. the shells of `completion`). */
  argumentChoices: string[];
}

/** Every option of `command`, plus the implicit `-h/--help`. */
function optionsOf(command: Command): CompletionOption[] {
  const options = (command.options as readonly Option[])
    .filter((option) => !option.hidden)
    .map((option) => ({
      flags: [option.short, option.long].filter((flag): flag is string => Boolean(flag)),
      description: option.description,
      takesValue: option.required || option.optional,
      choices: [...(option.argChoices ?? [])],
    }));
  if (!options.some((option) => option.flags.includes("--help"))) {
    options.push({
      flags: ["-h", "--help"],
      description: "show help",
      takesValue: false,
      choices: [],
    });
  }
  return options;
}

function isHidden(command: Command): boolean {
  // Commander keeps the `hidden` flag private; it has no public getter.
  return (command as unknown as { _hidden?: boolean })._hidden === true;
}

/** Describe `command` and everything below it. */
export function describeTree(command: Command, parent: readonly string[] = []): CompletionNode {
  const path = [...parent, command.name()];
  return {
    path,
    name: command.name(),
    aliases: command.aliases(),
    description: command.description(),
    options: optionsOf(command),
    argumentChoices: [...(command.registeredArguments[0]?.argChoices ?? [])],
    subcommands: (command.commands as readonly Command[])
      .filter((child) => !isHidden(child))
      .map((child) => describeTree(child, path)),
  };
}

/** Every node of the tree, depth first, root included. */
export function allNodes(root: CompletionNode): CompletionNode[] {
  return [root, ...root.subcommands.flatMap(allNodes)];
}

/** Words to offer after `node`: its subcommands (names and aliases) and argument choices. */
export function subcommandWords(node: CompletionNode): string[] {
  return [
    ...node.subcommands.flatMap((child) => [child.name, ...child.aliases]),
    ...node.argumentChoices,
  ];
}

/** The flags of `node` that consume a value. */
export function valueFlags(node: CompletionNode): string[] {
  return node.options.filter((option) => option.takesValue).flatMap((option) => option.flags);
}
