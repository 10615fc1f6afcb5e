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
import { appConfiner } from "../sandbox/app_confiner.ts";
import { SaseError } from "../errors.ts";

/** The command confiner of `app`; throws when its providers offer none. */
export async function axeConfiner(app: AppContext): Promise<CommandConfiner> {
  const confine = await appConfiner(app);
  if (!confine) {
    throw new SaseError(
      "axe.unconfined",
      "nothing here can confine hooks and chops (the providers offer no command confiner)",
      { hint: "use sase's built-in providers (entries/context.ts)", kind: "unavailable" },
    );
  }
  return confine;
}
