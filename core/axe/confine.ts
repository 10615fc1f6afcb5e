/**
 * The confinement of the processes axe starts itself: ChangeSpec hooks and
 * script chops run in the jail the workflow steps get (DESIGN.md
 * "Sandbox"; `core/sandbox/command.ts`), under the user's `sandbox:`
 * settings. A hook's command comes from a ProjectSpec a cloned repository
 * or an agent may have written, so it may write only its workspace and its
 * own run directory, and reads no secret and nothing of `SASE_HOME`.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import type { CommandConfiner } from "../sandbox/command.ts";
import { SaseError } from "../errors.ts";

/** The command confiner of `app`'s providers under its `sandbox:` settings. */
export async function axeConfiner(app: AppContext): Promise<CommandConfiner> {
  const [{ sandboxSettings }, loaded] = await Promise.all([
    import("../sandbox/settings.ts"),
    app.config(),
  ]);
  const { confineCommand } = await app.providers.attempts(
    sandboxSettings(loaded.layers),
    app.env,
  );
  if (!confineCommand) {
    throw new SaseError(
      "axe.unconfined",
      "nothing here can confine hooks and chops (the providers offer no command confiner)",
      { hint: "use sase's built-in providers (entries/context.ts)", kind: "unavailable" },
    );
  }
  return confineCommand;
}
