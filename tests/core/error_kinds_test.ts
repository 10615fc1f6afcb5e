/**
 * Error kinds of real failures, reached through the real services: what sort
 * of failure each is (`core/errors.ts` ErrorKind), and the exit code the CLI
 * gives it (usage and invalid-input exit 2, every other kind 1). The exit
 * codes are the ones sase had before errors carried kinds; each expected
 * kind and code is written out here, never read from the code under test.
 */

import { join } from "node:path";
import { assertEquals, assertRejects, assertThrows } from "../_helpers/assert.ts";
import { sandboxContext } from "../_helpers/app.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { type ErrorKind, SaseError } from "../../core/errors.ts";
import { exitCodeFor } from "../../cli/shared/errors.ts";
import { launchPrompt } from "../../core/agent/run/launch_prompt.ts";
import { killAgent } from "../../core/agent/identity/kill.ts";
import { reserveAgentName } from "../../core/agent/identity/naming.ts";
import { ChangeSpecStore } from "../../core/changespec/store.ts";
import { changeStatus } from "../../core/changespec/transition.ts";
import { parseQuery } from "../../core/query/parser.ts";
import { initStore } from "../../core/bead/init.ts";
import { mutateStore } from "../../core/bead/store.ts";
import { planCreate, planUpdate } from "../../core/bead/mutate.ts";
import { storePaths } from "../../core/bead/paths.ts";

/** What a failure must be: its code, kind, the CLI's exit code and a fragment of its message. */
interface Expected {
  code: string;
  kind: ErrorKind;
  exit: 1 | 2;
  message: string;
}

function check(error: Error, expected: Expected): void {
  const sase = error as SaseError;
  assertEquals(
    { code: sase.code, kind: sase.kind, exit: exitCodeFor(sase.kind) },
    { code: expected.code, kind: expected.kind, exit: expected.exit },
  );
}

async function rejectsWith(fn: () => Promise<unknown>, expected: Expected): Promise<void> {
  check(await assertRejects(fn, SaseError, expected.message), expected);
}

Deno.test("kinds: agents — unknown name not-found, taken name and finished run conflict", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  await rejectsWith(() => killAgent(app, "nobody"), {
    code: "agent.not_found",
    kind: "not-found",
    exit: 1,
    message: "no agent named 'nobody'",
  });
  await launchPrompt(app, { text: "%name:one %model:fakey/reply hi", record: false });
  // The launch plan refuses a name the registry already holds ...
  await rejectsWith(
    () => launchPrompt(app, { text: "%name:one %model:fakey/reply again", record: false }),
    { code: "launch.name_taken", kind: "conflict", exit: 1, message: "'one' is already taken" },
  );
  // ... and so does the registry itself, for a caller that skips the plan.
  await rejectsWith(
    () => reserveAgentName(sb.env, "one", { timestamp: "t", project: "p", artifacts_dir: "/x" }),
    { code: "agent.name_taken", kind: "conflict", exit: 1, message: "'one' is already in use" },
  );
  await rejectsWith(() => killAgent(app, "one"), {
    code: "agent.finished",
    kind: "conflict",
    exit: 1,
    message: "agent 'one' already finished",
  });
});

Deno.test("kinds: config layers — bad YAML and a bad value are invalid-data", async () => {
  await using sb = await makeSandbox();
  const layer = join(sb.configDir, "sase.yml");
  await Deno.writeTextFile(layer, "llm_provider: [1\n");
  await rejectsWith(() => sandboxContext(sb).config(), {
    code: "config.parse",
    kind: "invalid-data",
    exit: 1,
    message: `${layer}:2: invalid YAML`,
  });
  await Deno.writeTextFile(layer, "llm_provider: 5\n");
  await rejectsWith(() => sandboxContext(sb).config(), {
    code: "config.invalid",
    kind: "invalid-data",
    exit: 1,
    message: layer,
  });
});

Deno.test("kinds: providers — an unknown provider is not-found, a missing CLI unavailable", async () => {
  await using sb = await makeSandbox();
  await Deno.writeTextFile(join(sb.configDir, "sase.yml"), "llm_provider:\n  provider: nosuch\n");
  await rejectsWith(() => launchPrompt(sandboxContext(sb), { text: "hi", record: false }), {
    code: "provider.unknown",
    kind: "not-found",
    exit: 1,
    message: "unknown LLM provider 'nosuch'",
  });
  await Deno.remove(join(sb.configDir, "sase.yml"));
  // An empty PATH: no agent CLI can be found, whatever this machine has installed.
  const emptyPath = await Deno.makeTempDir({ dir: sb.root });
  const app = sandboxContext({ ...sb, env: { ...sb.env, PATH: emptyPath } });
  await rejectsWith(() => launchPrompt(app, { text: "%model:claude/opus hi", record: false }), {
    code: "provider.not_found",
    kind: "unavailable",
    exit: 1,
    message: "executable 'claude' not found on PATH",
  });
});

Deno.test("kinds: prompts — an empty prompt is invalid-input (exit 2), a bad directive exits 1", async () => {
  await using sb = await makeSandbox();
  const app = sandboxContext(sb);
  await rejectsWith(() => launchPrompt(app, { text: "  ", record: false }), {
    code: "prompt.empty",
    kind: "invalid-input",
    exit: 2,
    message: "the prompt is empty",
  });
  await rejectsWith(() => launchPrompt(app, { text: "%repeat:0 hi", record: false }), {
    code: "directive.repeat",
    kind: "invalid-data",
    exit: 1,
    message: "%repeat needs a positive integer, got '0'",
  });
});

const PROJECT = `WORKSPACE_DIR: /tmp/ws
PROJECT_STATE: active

NAME: feat
STATUS: Submitted
`;

Deno.test("kinds: ChangeSpecs — refused transition conflict, missing spec not-found, unknown status invalid-input", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.sase/projects/demo/demo.sase", PROJECT);
  const store = new ChangeSpecStore(join(sb.saseHome, "projects"));
  await rejectsWith(() => changeStatus(store, { name: "feat", status: "WIP" }), {
    code: "changespec.invalid_transition",
    kind: "conflict",
    exit: 1,
    message: "Invalid status transition for 'feat': 'Submitted' -> 'WIP'",
  });
  await rejectsWith(() => changeStatus(store, { name: "ghost", status: "Ready" }), {
    code: "changespec.not_found",
    kind: "not-found",
    exit: 1,
    message: "no ChangeSpec named 'ghost'",
  });
  await rejectsWith(() => changeStatus(store, { name: "feat", status: "Shipped" }), {
    code: "changespec.bad_status",
    kind: "invalid-input",
    exit: 2,
    message: "unknown status 'Shipped'",
  });
});

Deno.test("kinds: a query syntax error is invalid-input", () => {
  const expected: Expected = {
    code: "query.syntax",
    kind: "invalid-input",
    exit: 2,
    message: "Expected RPAREN",
  };
  check(assertThrows(() => parseQuery("(name:a"), SaseError, expected.message), expected);
});

Deno.test("kinds: beads — an unknown id is not-found, a corrupt config.json invalid-data", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.cwd, "beads");
  await initStore(dir, { prefix: "k", owner: "", actor: "t" });
  await mutateStore(
    dir,
    { actor: "t" },
    (ctx) => planCreate(ctx, { title: "Plan", type: { kind: "plan", file: "p.md" } }),
  );
  await rejectsWith(
    () => mutateStore(dir, { actor: "t" }, (ctx) => planUpdate(ctx, "k-99", { title: "x" })),
    { code: "bead.not_found", kind: "not-found", exit: 1, message: "Issue not found: k-99" },
  );
  const config = storePaths(dir).config;
  await Deno.writeTextFile(config, "{ not json");
  await rejectsWith(
    () =>
      mutateStore(
        dir,
        { actor: "t" },
        (ctx) => planCreate(ctx, { title: "P2", type: { kind: "plan", file: "q.md" } }),
      ),
    { code: "bead.config", kind: "invalid-data", exit: 1, message: `${config}: invalid JSON` },
  );
});
