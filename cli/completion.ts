/**
 * `sase completion bash|zsh|fish`: print a completion script generated from
 * the live command tree (every registered group loaded), so each new command
 * and option is completed as soon as it is registered.
 *
 * @module
 */

import { Argument, type Command } from "@commander-js/extra-typings";
import { buildFullTree } from "./app.ts";
import { describeTree } from "./completion/tree.ts";
import { bashScript } from "./completion/bash.ts";
import { zshScript } from "./completion/zsh.ts";
import { fishScript } from "./completion/fish.ts";
import type { AppContext } from "../core/context.ts";

const GENERATORS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;

/** Register `sase completion`. */
export function register(program: Command, app: AppContext): void {
  program
    .command("completion")
    .description("Print a shell completion script (bash, zsh or fish)")
    .addArgument(new Argument("<shell>", "target shell").choices(["bash", "zsh", "fish"] as const))
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  source <(sase completion bash)   # bash: put this line in ~/.bashrc",
        "  source <(sase completion zsh)    # zsh: put this line in ~/.zshrc",
        "  sase completion fish | source    # fish: put this line in ~/.config/fish/config.fish",
      ].join("\n"),
    )
    .action(async (shell) => {
      const tree = describeTree(await buildFullTree(app));
      Deno.stdout.writeSync(new TextEncoder().encode(GENERATORS[shell](tree)));
    });
}
