/**
 * The side effects a commit has before dispatch (handbook 13.2.4): the bead
 * lifecycle (close the run's bead, sync the bead store so its state rides
 * along with the commit) and the configured `precommit_command`. The bead
 * steps are best effort, as in the original: a bead that cannot be closed
 * is a warning, never a lost commit. A failing precommit command stops the
 * run before anything is committed.
 *
 * A jailed agent's commit runs outside the jail (through the runner's
 * broker), and `precommit_command` may come from the workspace's own
 * `sase.yml`, which the agent can write: there it runs in the jail workflow
 * steps get (the workspace writable, `SASE_HOME` and secrets hidden, no
 * network but `sandbox.hosts`), never unconfined.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { exists } from "../fs/access.ts";
import { join } from "../fs/path.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import { definedEnv } from "../env.ts";
import { isBrokeredCommit } from "./brokered.ts";
import type { PreparedCommand } from "../sandbox/command.ts";
import { describeViolations } from "../sandbox/violations.ts";

/** Where a checkout keeps a bead store (version-controlled, then local mode). */
const STORE_DIRS = [join("sdd", "beads"), join(".sase", "sdd", "beads")];

/**
 * Close `beadId` (when set) and sync the store of the checkout `app.cwd`
 * is the root of; resolves to the warnings. Without a bead and without a
 * store in the checkout there is nothing to do (and nothing is loaded).
 */
export async function runBeadLifecycle(app: AppContext, beadId: string | null): Promise<string[]> {
  if (beadId === null && !app.env.SASE_BEADS_DIR) {
    const present = await Promise.all(STORE_DIRS.map((dir) => exists(join(app.cwd, dir))));
    if (!present.some(Boolean)) return [];
  }
  const beads = await import("../bead/service.ts");
  const warnings: string[] = [];
  const store = await beads.activeBeadStore(app).catch(() => null);
  if (store === null || !(await exists(store))) {
    if (beadId !== null) warnings.push(`bead ${beadId} not closed: no bead store for ${app.cwd}`);
    return warnings;
  }
  if (beadId !== null) {
    await beads.closeBeads(app, [beadId]).catch((error: Error) => {
      warnings.push(`bead ${beadId} not closed: ${neutralizeControls(error.message)}`);
    });
  }
  await beads.syncBeads(app).catch((error: Error) => {
    warnings.push(`bead store not synced: ${neutralizeControls(error.message)}`);
  });
  return warnings;
}

/** How much of a failing precommit command's output the error quotes. */
const OUTPUT_TAIL = 2000;

/**
 * The precommit command as it is spawned: `sh -c` as it is, or for a
 * brokered commit through the workflow jail (a directory of its own takes
 * the sandbox record, so the agent's run keeps its own).
 */
async function preparePrecommit(
  app: AppContext,
  cwd: string,
  command: string,
): Promise<PreparedCommand> {
  const argv = ["sh", "-c", command];
  const env = definedEnv(app.env);
  if (!isBrokeredCommit(app.env)) {
    return {
      argv,
      env,
      violations: () => Promise.resolve([]),
      [Symbol.asyncDispose]: () => Promise.resolve(),
    };
  }
  const { appConfiner } = await import("../sandbox/app_confiner.ts");
  const confineCommand = await appConfiner(app);
  if (!confineCommand) {
    throw new SaseError(
      "commit.precommit",
      `precommit command not run: nothing here can confine it for a jailed agent: ${command}`,
      {
        hint: "commit with `sandbox.mode: permissions`, or drop precommit_command",
        kind: "failed",
      },
    );
  }
  const record = await Deno.makeTempDir({ prefix: "sase-precommit-" });
  const prepared = await confineCommand({ argv, cwd, env, runEnv: [], runDir: record })
    .catch(async (error) => {
      await Deno.remove(record, { recursive: true }).catch(() => {});
      throw error;
    });
  return {
    ...prepared,
    async [Symbol.asyncDispose]() {
      await prepared[Symbol.asyncDispose]();
      await Deno.remove(record, { recursive: true }).catch(() => {});
    },
  };
}

/**
 * Run `precommit_command` (e.g. `just fix`) through `sh -c` in `cwd`; no
 * command configured means nothing to do. A non-zero exit is a `failed`
 * error quoting the end of its output (and what a jail denied it).
 */
export async function runPrecommit(app: AppContext, cwd: string): Promise<string | null> {
  const command = (await app.config()).config.precommit_command?.trim();
  if (!command) return null;
  await using prepared = await preparePrecommit(app, cwd, command);
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(prepared.argv[0], {
      args: prepared.argv.slice(1),
      cwd,
      env: prepared.env,
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    throw new SaseError("commit.precommit", `precommit command could not start: ${command}`, {
      hint: (error as Error).message,
      kind: "failed",
    });
  }
  if (!output.success) {
    const decoder = new TextDecoder();
    const denied = await prepared.violations();
    const said = [
      (decoder.decode(output.stdout) + decoder.decode(output.stderr)).trim(),
      ...(denied.length > 0 ? [describeViolations(denied)] : []),
    ].filter(Boolean).join("\n");
    throw new SaseError(
      "commit.precommit",
      `precommit command failed (exit ${output.code}): ${command}${
        said ? `\n${neutralizeControls(said.slice(-OUTPUT_TAIL), { keepLayout: true })}` : ""
      }`,
      {
        hint: "fix what it reports (or precommit_command in sase.yml), then retry",
        kind: "failed",
      },
    );
  }
  return command;
}
