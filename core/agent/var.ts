/**
 * Output variables (`sase var set KEY=VALUE ...`): small strings an agent
 * publishes in its `agent_meta.json` `output_variables`, shown in ACE and
 * handed to agents that `%wait` on it (`{{ agents["name"].KEY }}`). Only an
 * agent run can set them: the command finds its run through `SASE_AGENT=1`
 * and `SASE_ARTIFACTS_DIR`, which the launcher sets.
 *
 * @module
 */

import { join } from "node:path";
import type { Env } from "../config/paths.ts";
import { SaseError, usageError } from "../errors.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { ARTIFACT_FILES } from "./artifacts.ts";

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
      { hint: "the agent's run directory was removed; nothing can be recorded for it" },
    );
  }
  return dir;
}

/**
 * Merge `vars` into the run's `output_variables`; resolves to the whole map.
 * The read-merge-write holds the same lock as `updateAgentMeta`, so parallel
 * `sase var set` calls and runner updates never lose each other's fields.
 */
export function setOutputVariables(
  dir: string,
  vars: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const path = join(dir, ARTIFACT_FILES.meta);
  return withFileLock(path, async () => {
    let meta: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(await Deno.readTextFile(path));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) meta = parsed;
    } catch {
      // No meta yet, or a torn file replaced wholesale.
    }
    const existing = meta.output_variables;
    const current = existing && typeof existing === "object" && !Array.isArray(existing)
      ? existing as Record<string, string>
      : {};
    const merged = { ...current, ...vars };
    await atomicWriteJson(path, { ...meta, output_variables: merged });
    return merged;
  });
}
