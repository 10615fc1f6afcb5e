/**
 * Output variables (`sase var set KEY=VALUE ...`): small strings an agent
 * publishes in its `agent_meta.json` `output_variables`, shown in ACE and
 * handed to agents that `%wait` on it (`{{ agents["name"].KEY }}`). Only an
 * agent run can set them: the command finds its run through `SASE_AGENT=1`
 * and `SASE_ARTIFACTS_DIR`, which the launcher sets.
 *
 * @module
 */

import type { Env } from "../../config/paths.ts";
import { SaseError, usageError } from "../../errors.ts";
import { updateAgentMeta } from "./meta.ts";

/** Valid keys: Jinja attribute identifiers. */
export const VAR_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parse `KEY=VALUE` arguments (split on the first `=`); later duplicates win. */
export function parseAssignments(args: readonly string[]): Record<string, string> {
  if (args.length === 0) {
    throw usageError("no variables given", "pass KEY=VALUE, e.g. `sase var set status=ok`");
  }
  const vars: Record<string, string> = {};
  for (const arg of args) {
    const equals = arg.indexOf("=");
    if (equals === -1) {
      throw usageError(`'${arg}' is not KEY=VALUE`, "write each variable as KEY=VALUE");
    }
    const key = arg.slice(0, equals);
    if (!VAR_KEY_PATTERN.test(key)) {
      throw usageError(
        `'${key}' is not a valid variable name`,
        "names start with a letter or '_' and use letters, digits and '_' only",
      );
    }
    vars[key] = arg.slice(equals + 1);
  }
  return vars;
}

/** The artifact directory of the agent run this process belongs to. */
export function currentAgentDir(env: Env, command: string): string {
  const dir = env.SASE_ARTIFACTS_DIR?.trim();
  if (env.SASE_AGENT !== "1" || !dir) {
    throw new SaseError("agent.not_in_agent", `${command} only works inside a SASE agent run`, {
      hint: "it needs SASE_AGENT=1 and SASE_ARTIFACTS_DIR, which sase sets for the agents it " +
        "launches",
      kind: "unavailable",
    });
  }
  let isDirectory = false;
  try {
    isDirectory = Deno.statSync(dir).isDirectory;
  } catch {
    // Reported below.
  }
  if (!isDirectory) {
    throw new SaseError(
      "agent.artifacts_missing",
      `SASE_ARTIFACTS_DIR ${dir} is not a directory`,
      {
        hint: "the agent's run directory was removed; nothing can be recorded for it",
        kind: "not-found",
      },
    );
  }
  return dir;
}

/**
 * Merge `vars` into the run's `output_variables`; resolves to the whole map.
 * The merge happens inside `updateAgentMeta`'s locked read-modify-write, so
 * parallel `sase var set` calls and runner updates never lose each other's
 * fields.
 */
export async function setOutputVariables(
  dir: string,
  vars: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const meta = await updateAgentMeta(dir, (current) => {
    const existing = current.output_variables;
    const previous = existing && typeof existing === "object" && !Array.isArray(existing)
      ? existing as Record<string, string>
      : {};
    return { output_variables: { ...previous, ...vars } };
  });
  return meta.output_variables as Record<string, string>;
}
