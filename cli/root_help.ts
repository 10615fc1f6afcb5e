/**
 * The answers to `sase --version` and `sase --help` without loading the
 * command-line parser: these two run on every fresh shell and in every
 * script's sanity check, so they must start as fast as an empty program.
 *
 * @module
 */

import { GROUPS } from "./registry.ts";
import { SASE_VERSION } from "../core/version.ts";

/** The root help text, listing every registered command group. */
export function rootHelp(): string {
  const width = Math.max(...GROUPS.map((group) => group.name.length), "help [command]".length);
  const lines = [
    "Usage: sase [options] [command]",
    "",
    "Structured Agentic Software Engineering: prompts, workflows, ChangeSpecs, beads and agents",
    "",
    "Options:",
    `  ${"-V, --version".padEnd(width)}  print the sase version`,
    `  ${"-h, --help".padEnd(width)}  show help`,
    "",
    "Commands:",
    ...GROUPS.map((group) => `  ${group.name.padEnd(width)}  ${group.summary}`),
    `  ${"help [command]".padEnd(width)}  display help for command`,
    "",
    "Run `sase <command> --help` for a command's options.",
  ];
  return lines.join("\n");
}

/**
 * Answer `args` directly when they ask only for the version or the root
 * help; returns `null` when the full command tree is needed.
 */
export function fastPathOutput(args: readonly string[]): string | null {
  if (args.length === 0) return rootHelp();
  if (args.length !== 1) return null;
  if (args[0] === "--version" || args[0] === "-V") return SASE_VERSION;
  if (args[0] === "--help" || args[0] === "-h") return rootHelp();
  return null;
}
