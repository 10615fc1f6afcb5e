/**
 * What changes when `sase commit` runs for a jailed agent (through the
 * runner's broker, `core/sandbox/broker_commit.ts`): it runs outside the
 * jail in a workspace the agent could write, so nothing the agent wrote may
 * decide what runs or which file outside the workspace is read. The checks
 * the workflow makes on top of the broker's: the checkout must be git (a
 * Mercurial checkout's `.hg/hgrc`, hooks included, is the agent's to
 * write), the plan `SASE_PLAN` names must resolve inside the checkout or
 * `SASE_HOME` (not through a link the agent planted to a file it could not
 * read), and `precommit_command` runs jailed (`lifecycle.ts`).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { Env } from "../env.ts";
import { BROKERED_COMMIT_ENV } from "../sandbox/broker_commit.ts";

/** True when this `sase commit` runs for a jailed agent. */
export function isBrokeredCommit(env: Env): boolean {
  return Boolean(env[BROKERED_COMMIT_ENV]);
}

/** The VCS providers a brokered commit may use: git's, whose hooks and config the jail protects. */
const BROKERABLE_PROVIDERS: readonly string[] = ["bare_git", "github"];

/** Throw unless a brokered commit may run through `provider`. */
export function requireBrokerableProvider(provider: string): void {
  if (BROKERABLE_PROVIDERS.includes(provider)) return;
  throw new SaseError(
    "commit.not_brokerable",
    `a jailed agent's commit cannot use the ${provider} VCS provider: ` +
      "its repository configuration (hooks included) is the agent's to write",
    {
      hint: `only ${BROKERABLE_PROVIDERS.join(" and ")} checkouts commit from the jail; ` +
        "run the agent with `sandbox.mode: permissions` to commit elsewhere",
      kind: "unavailable",
    },
  );
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/** True when `path` resolves (links followed) inside one of `roots`. */
export async function resolvesInside(path: string, roots: readonly string[]): Promise<boolean> {
  const real = await Deno.realPath(path).catch(() => undefined);
  if (real === undefined) return false;
  const reals = await Promise.all(roots.map((root) => Deno.realPath(root).catch(() => undefined)));
  return reals.some((root) => root !== undefined && within(real, root));
}
