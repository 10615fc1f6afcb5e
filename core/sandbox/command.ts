/**
 * Confining the commands sase itself runs for a run that are not a
 * provider's CLI: workflow `bash:` and `python:` steps today (hooks and axe
 * chops later). Their text is rendered from templates that may carry an
 * agent's output, and a workflow file may come from a cloned repository, so
 * they get the agent's jail: the same mode decision, the same hidden
 * secrets and `SASE_HOME`, writes limited to the workspace, the run's
 * directory and a private temporary directory, the filtered environment,
 * and the network only through the host allow-list. They run under the
 * scope `workflow`, which has no provider state and no hosts of its own:
 * `sandbox.hosts`, `sandbox.providers.workflow` (hosts, read, write, env,
 * mode) widen or narrow it.
 *
 * @module
 */

import { which } from "../fs/which.ts";
import { runSandbox, writeRunSandbox } from "../agent/records/sandbox_record.ts";
import type { JailAvailability } from "./availability.ts";
import { reserveEntry } from "./entry.ts";
import { confine } from "./jail.ts";
import { decideMode } from "./mode.ts";
import { gitMetadata, jailPolicy, type SandboxScope } from "./policy.ts";
import type { SandboxSettings } from "./settings.ts";

/** The scope of workflow steps under `sandbox.providers`. */
export const WORKFLOW_SCOPE: SandboxScope = { name: "workflow" };

/** One command to confine. */
export interface CommandRequest {
  /** Program (a name is looked up on `env.PATH`) and arguments. */
  argv: readonly string[];
  /** Its working directory: the run's workspace. */
  cwd: string;
  /** The environment sase would give it (the policy filters it). */
  env: Readonly<Record<string, string>>;
  /** Variables sase or the workflow set for it: they pass the filter by name. */
  runEnv: readonly string[];
  /** The run's artifact directory (writable; where its `sandbox.json` goes). */
  runDir: string;
  /** Whose command it is (default {@linkcode WORKFLOW_SCOPE}). */
  scope?: SandboxScope;
}

/** A command ready to spawn as given: argv and a complete environment (used with `clearEnv`). */
export interface PreparedCommand extends AsyncDisposable {
  argv: string[];
  env: Record<string, string>;
  /**
   * What the jail denied it, once it has ended (one line each); asking also
   * records them in the run's `sandbox.json`.
   */
  violations(): Promise<string[]>;
}

/** Prepares commands for spawning under the sandbox. */
export type CommandConfiner = (request: CommandRequest) => Promise<PreparedCommand>;

/** What {@linkcode commandConfiner} needs. */
export interface CommandConfinerDeps {
  settings: SandboxSettings;
  /** Every provider sase knows (their state is hidden from commands too). */
  providers: readonly SandboxScope[];
  /** Whether the jail works here (cached by the caller). */
  availability(): Promise<JailAvailability>;
}

/** The command confiner under `deps`' settings. */
export function commandConfiner(deps: CommandConfinerDeps): CommandConfiner {
  return async (request) => {
    const scope = request.scope ?? WORKFLOW_SCOPE;
    const decision = decideMode(deps.settings, scope.name, await deps.availability());
    if (decision.mode === "off") {
      await writeRunSandbox(
        request.runDir,
        runSandbox({ mode: "off", reason: decision.reason, provider: scope.name }),
      );
      return {
        argv: [...request.argv],
        env: { ...request.env },
        violations: () => Promise.resolve([]),
        [Symbol.asyncDispose]: () => Promise.resolve(),
      };
    }
    const [program, ...args] = request.argv;
    const executable = await which(program, request.env.PATH) ?? program;
    const tempDir = await Deno.makeTempDir({ prefix: "sase-step-" });
    const slot = await reserveEntry();
    const cleanUp = async () => {
      await slot[Symbol.asyncDispose]();
      await Deno.remove(tempDir, { recursive: true }).catch(() => {});
    };
    try {
      const policy = jailPolicy({
        settings: deps.settings,
        decision,
        provider: scope,
        providers: deps.providers,
        env: request.env,
        workspace: request.cwd,
        runDir: request.runDir,
        tempDir,
        git: await gitMetadata([request.cwd]),
      });
      const confined = await confine({
        argv: [executable, ...args],
        cwd: request.cwd,
        env: request.env,
        runEnv: request.runEnv,
        policy,
      }, slot);
      await writeRunSandbox(request.runDir, runSandbox(policy));
      let denied: Promise<string[]> | undefined;
      const violations = () =>
        denied ??= confined.violations().catch(() => [] as string[]).then(async (lines) => {
          await writeRunSandbox(request.runDir, runSandbox(policy, lines));
          return lines;
        });
      return {
        // The entry ignores its arguments and environment: it holds both.
        argv: [slot.path],
        env: {},
        violations,
        async [Symbol.asyncDispose]() {
          // Only a caller that asked (a failed step) waits for the jail's report: making
          // sure it is complete takes a quiet window of the monitor on every command.
          await denied;
          await confined[Symbol.asyncDispose]();
          await cleanUp();
        },
      };
    } catch (error) {
      await cleanUp();
      throw error;
    }
  };
}
