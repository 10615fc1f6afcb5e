/**
 * Attempts in the launch sandbox with the real jail and the real launch
 * Worker: the jail a run sets up while its workspace is prepared
 * (`workspaceReady`) confines the first attempt only when that attempt's
 * own policy is the same; an attempt whose environment or workspace
 * changes the policy gets a jail of its own. A successful attempt's
 * `sandbox.json` is completed once `attemptsSettled` resolves, with what
 * the jail denied it.
 */

import { join } from "node:path";
import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../../_helpers/sandbox.ts";
import { sandboxedAttempts } from "../../../../core/agent/run/sandbox.ts";
import { jailAvailability } from "../../../../core/sandbox/availability.ts";
import type { SandboxSettings } from "../../../../core/sandbox/settings.ts";
import { which } from "../../../../core/fs/which.ts";
import { FAKEY_INFO } from "../../../../core/provider_catalog.ts";
import { fakeyProvider } from "../../../../providers/llm/fakey.ts";
import type { AttemptSpec } from "../../../../core/agent/run/attempt.ts";

const WORKER = new URL("../../../../entries/attempt_worker.ts", import.meta.url);

/** Settings that also let fakey write wherever `$EXTRA_STATE` points (it decides the policy). */
function settings(): SandboxSettings {
  const rules = () => ({ read: [], write: [], deny: [], hosts: [], env: [] });
  return {
    rules: rules(),
    providers: { fakey: { rules: { ...rules(), write: ["$EXTRA_STATE"] } } },
    warnings: [],
  };
}

interface Setup {
  sb: Sandbox;
  dir: string;
  workspace: string;
  /** Two directories `$EXTRA_STATE` may name. */
  stateA: string;
  stateB: string;
  outside: string;
  script: string;
}

async function setUp(sb: Sandbox): Promise<Setup> {
  const dir = join(sb.saseHome, "projects", "p", "artifacts", "ace-run", "202601", "01", "1");
  const workspace = join(sb.root, "ws");
  const [stateA, stateB] = [join(sb.root, "state-a"), join(sb.root, "state-b")];
  for (const path of [dir, workspace, stateA, stateB]) await Deno.mkdir(path, { recursive: true });
  const outside = join(sb.root, "outside.txt");
  // Whether each write worked, into the workspace: the record of what the jail allowed.
  const tryWrite = (name: string, path: string) =>
    `if (: > '${path}') 2>/dev/null; then echo yes; else echo no; fi > ${name}`;
  const script = await sb.write(
    "writes.json",
    JSON.stringify({
      steps: [
        { shell: tryWrite("a.txt", join(stateA, "x")) },
        { shell: tryWrite("b.txt", join(stateB, "x")) },
        { shell: tryWrite("outside-result.txt", outside) },
      ],
      result: { text: "done" },
    }),
  );
  return { sb, dir, workspace, stateA, stateB, outside, script };
}

async function spec(setup: Setup, env: Record<string, string>): Promise<AttemptSpec> {
  const invocation = fakeyProvider.buildInvocation({
    prompt: "write",
    tier: "large",
    model: setup.script,
    cwd: setup.workspace,
    env,
    sessionId: crypto.randomUUID(),
  });
  return {
    provider: fakeyProvider,
    invocation,
    executable: (await which(invocation.argv[0], env.PATH))!,
    dir: setup.dir,
    cwd: setup.workspace,
    env,
    runEnv: [],
    stallTimeoutMs: 60_000,
  };
}

async function results(setup: Setup): Promise<Record<string, string>> {
  const read = (name: string) =>
    Deno.readTextFile(join(setup.workspace, name)).then((text) => text.trim());
  return {
    a: await read("a.txt"),
    b: await read("b.txt"),
    outside: await read("outside-result.txt"),
  };
}

async function record(setup: Setup): Promise<{ write: string[]; violations: string[] }> {
  return JSON.parse(await Deno.readTextFile(join(setup.dir, "sandbox.json")));
}

Deno.test({
  name:
    "the early jail serves an attempt with the same policy; another policy or workspace gets its own",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    const setup = await setUp(sb);
    const env = (state: string) => ({ ...sb.env, EXTRA_STATE: state });
    const attempts = sandboxedAttempts({
      workerUrl: WORKER,
      env: sb.env,
      settings: settings(),
      providers: [FAKEY_INFO],
      availability: () => jailAvailability(sb.env),
    });
    // Set up for `$EXTRA_STATE` = A; the attempt's environment says A, B, or
    // A in another workspace: only what its own policy allows is writable.
    const cases: [string, { cwd: string; env: Record<string, string> }, Record<string, string>][] =
      [
        ["same policy", { cwd: setup.workspace, env: env(setup.stateA) }, {
          a: "yes",
          b: "no",
          outside: "no",
        }],
        ["its environment changes the policy", { cwd: setup.workspace, env: env(setup.stateB) }, {
          a: "no",
          b: "yes",
          outside: "no",
        }],
      ];
    for (const [what, early, expected] of cases) {
      {
        await using warm = attempts.warmUpAttempt(FAKEY_INFO, { dir: setup.dir, cwd: early.cwd });
        warm.workspaceReady?.(early.cwd, env(setup.stateA));
        const outcome = await attempts.runAttempt(await spec(setup, early.env));
        assertEquals([outcome.ok, outcome.reply], [true, "done"], `${what}: ${outcome.error}`);
        assertEquals(await results(setup), expected, what);
        await attempts.attemptsSettled(setup.dir);
        const sandbox = await record(setup);
        const state = expected.a === "yes" ? setup.stateA : setup.stateB;
        assert(sandbox.write.includes(state), `${what}: ${sandbox.write}`);
        assertEquals(
          sandbox.write.includes(expected.a === "yes" ? setup.stateB : setup.stateA),
          false,
        );
        // What the jail denied the successful attempt is in its record once settled.
        assert(sandbox.violations.some((line) => line.endsWith(` ${setup.outside}`)), what);
      }
    }
    // Set up for another workspace: the attempt's own is the writable one.
    const elsewhere = join(sb.root, "elsewhere");
    await Deno.mkdir(elsewhere);
    await Deno.remove(join(setup.workspace, "a.txt"));
    {
      await using warm = attempts.warmUpAttempt(FAKEY_INFO, { dir: setup.dir, cwd: elsewhere });
      warm.workspaceReady?.(elsewhere, env(setup.stateA));
      const outcome = await attempts.runAttempt(await spec(setup, env(setup.stateA)));
      assertEquals(outcome.ok, true, outcome.error);
      assertEquals(await results(setup), { a: "yes", b: "no", outside: "no" });
      await attempts.attemptsSettled(setup.dir);
      const sandbox = await record(setup);
      assert(sandbox.write.includes(setup.workspace));
      assertEquals(sandbox.write.includes(elsewhere), false);
    }
  },
});
