/**
 * The command confiner of an application context: its providers' sandboxed
 * attempts under the `sandbox:` settings of its configuration. sase's own
 * commands that are not a workflow run's (a brokered commit's precommit
 * command, axe's hooks and script chops) confine through it.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import type { CommandConfiner } from "./command.ts";

/** `app`'s command confiner, or undefined when its providers offer none. */
export async function appConfiner(app: AppContext): Promise<CommandConfiner | undefined> {
  const [{ sandboxSettings }, loaded] = await Promise.all([
    import("./settings.ts"),
    app.config(),
  ]);
  return (await app.providers.attempts(sandboxSettings(loaded.layers), app.env)).confineCommand;
}
