/**
 * Agents and helpers through the gateway the real CLI starts (scenarios 13
 * and 15), image launches, kill and retry, and the same operations through
 * `sase mobile agent-bridge` / `helper-bridge`.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeGitRepo } from "../_helpers/git.ts";
import { api, openEvents, pair, startGateway } from "./_gateway.ts";
import { allDone, runDirs, waitFor } from "../_helpers/runs.ts";

const SPEC = "NAME: parser\nDESCRIPTION:\n  Add the parser\nSTATUS: WIP\n";

/** A known project `sase` whose WORKSPACE_DIR exists, and an inactive project `old`. */
async function projects(sb: Sandbox): Promise<string> {
  const workspace = join(sb.home, "code", "sase");
  await Deno.mkdir(workspace, { recursive: true });
  await sb.write("home/.sase/projects/sase/sase.sase", `WORKSPACE_DIR: ~/code/sase\n\n${SPEC}`);
  await sb.write(
    "home/.sase/projects/old/old.sase",
    `PROJECT_STATE: archived\nWORKSPACE_DIR: ~/code/sase\n\n${SPEC}`,
  );
  return workspace;
}

async function waitForFile(path: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const text = await Deno.readTextFile(path).catch(() => null);
    if (text) return text;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${path} never appeared`);
}

Deno.test("13: launch refuses paths and inactive projects; a known project runs in its WORKSPACE_DIR, is recorded and announced", async () => {
  await using sb = await makeSandbox();
  const workspace = await projects(sb);
  const gw = await startGateway(sb.env);
  try {
    const { token, deviceId } = await pair(gw);
    const stream = await openEvents(gw, token);
    const launch = (body: Record<string, unknown>) =>
      api(gw, token, "POST", "/api/v1/agents/launch", { schema_version: 1, ...body });
    for (const project of ["/home/x/repo", "../sase", "sase/../old", "~/code"]) {
      const refused = await launch({ prompt: "hi", project });
      assertEquals([refused.status, refused.json.code], [400, "invalid_request"], project);
      assertEquals(refused.json.message, "`project` must be a known project name, not a path");
    }
    const unknown = await launch({ prompt: "hi", project: "nope" });
    assertEquals([unknown.status, unknown.json.code], [404, "not_found"]);
    const inactive = await launch({ prompt: "hi", project: "old" });
    assertEquals([inactive.status, inactive.json.code], [409, "launch_failed"]);
    assertStringIncludes(inactive.json.message, "sase project activate old");
    assertEquals(inactive.json.details, { hint: "activate it first: sase project activate old" });

    const ok = await launch({
      prompt: "%model:fakey/reply Run the focused tests",
      name: "mobile.sase",
      project: "sase",
      request_id: "req-1",
    });
    assertEquals(ok.status, 200, JSON.stringify(ok.json));
    assertEquals(ok.json.primary.status, "launched");
    assertEquals(ok.json.primary.name, "mobile.sase");
    const meta = JSON.parse(
      await waitForFile(join(ok.json.primary.artifact_dir, "agent_meta.json")),
    );
    assertEquals(meta.cwd, workspace);
    const changed = await stream.waitFor((e) =>
      e.data.payload.agents_changed?.reason === "launched"
    );
    assertEquals(changed.data.payload.agents_changed.agent_name, "mobile.sase");
    const contexts = (await Deno.readTextFile(
      join(sb.saseHome, "mobile_gateway", "agent_launch_contexts.jsonl"),
    )).trim().split("\n").map((line) => JSON.parse(line));
    assertEquals(contexts.length, 1);
    assertEquals(
      [
        contexts[0].device_id,
        contexts[0].project,
        contexts[0].context_id,
        contexts[0].request_id,
        contexts[0].agents,
      ],
      [deviceId, "sase", "project:sase", "req-1", ["mobile.sase"]],
    );
    const remembered = JSON.parse(
      await Deno.readTextFile(
        join(sb.saseHome, "mobile_gateway", "device_project_contexts", `${deviceId}.json`),
      ),
    );
    assertEquals(remembered.project, "sase");
    // The remembered project answers helper requests without `project`.
    const tags = await api(gw, token, "GET", "/api/v1/changespec-tags");
    assertEquals(tags.json.context, { project: "sase", scope: "device_default" });
    assertEquals(tags.json.tags.map((tag: { tag: string }) => tag.tag), ["#git:parser"]);
    // A VCS reference (legacy `@` form) names the context.
    const dry = await launch({
      prompt: "%model:fakey/reply look at #gh@12345",
      project: "sase",
      dry_run: true,
    });
    assertEquals(dry.json.primary.status, "dry_run");
    stream.close();
  } finally {
    await gw.stop();
  }
});

Deno.test("kill and retry: a running agent is killed once; a finished one is retried under a new name", async () => {
  await using sb = await makeSandbox();
  const gw = await startGateway(sb.env);
  try {
    const { token } = await pair(gw);
    const launched = await api(gw, token, "POST", "/api/v1/agents/launch", {
      schema_version: 1,
      prompt: "%model:fakey/hang wait here",
      name: "sleeper",
    });
    assertEquals(launched.status, 200, JSON.stringify(launched.json));
    await waitForFile(join(launched.json.primary.artifact_dir, "agent_meta.json"));
    const listed = await api(gw, token, "GET", "/api/v1/agents");
    const row = listed.json.agents.find((agent: { name: string }) => agent.name === "sleeper");
    assert(row, JSON.stringify(listed.json));
    assertEquals(row.actions.can_kill, true);
    const kill = (name: string) =>
      api(gw, token, "POST", `/api/v1/agents/${name}/kill`, {
        schema_version: 1,
        reason: "mobile",
      });
    const killed = await kill("sleeper");
    assertEquals(killed.status, 200, JSON.stringify(killed.json));
    assertEquals([killed.json.name, killed.json.status], ["sleeper", "KILLED"]);
    const again = await kill("sleeper");
    assertEquals([again.status, again.json.code], [409, "agent_not_running"]);
    const missing = await kill("nobody");
    assertEquals([missing.status, missing.json.code], [404, "agent_not_found"]);
    const killContexts = [
      ...Deno.readDirSync(join(sb.saseHome, "mobile_gateway", "agent_kill_contexts")),
    ];
    assertEquals(killContexts.length, 1);

    const retried = await api(gw, token, "POST", "/api/v1/agents/sleeper/retry", {
      schema_version: 1,
      prompt_override: "%model:fakey/reply done now",
    });
    assertEquals(retried.status, 200, JSON.stringify(retried.json));
    assertEquals(retried.json.source_agent, "sleeper");
    assertEquals(retried.json.launch.primary.status, "launched");
    assert(retried.json.launch.primary.name !== "sleeper");
    const recent = await api(gw, token, "GET", "/api/v1/agents?include_recent=true&status=killed");
    assertEquals(recent.json.agents.map((agent: { name: string }) => agent.name), ["sleeper"]);
  } finally {
    await gw.stop();
  }
});

Deno.test("the agents list carries a spawn-on-retry chain's lineage on both runs; other runs have none", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.config/sase/sase.yml",
    "llm_provider:\n  retry:\n    fakey:\n      spawn_new_agent: true\n      max_retries: 0\n" +
      "      wait_times: [0]\n      fallback_model: fakey/reply\n",
  );
  const flaky = await runSase(["run", "%n:flaky %model:fakey/retryable go"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(flaky.code, 1, flaky.stderr);
  const plain = await runSase(["run", "%n:plain %model:fakey/reply hello"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(plain.code, 0, plain.stderr);
  const dirs = await waitFor("the retry child's run", async () => {
    const found = await runDirs(sb);
    return found.length === 3 ? found : undefined;
  });
  const [parent, child] = await allDone(dirs);
  assertEquals([parent.name, child.name], ["flaky", "flaky.r1"]);
  const [parentStamp, childStamp] = [parent.timestamp, child.timestamp];
  const gw = await startGateway(sb.env);
  try {
    const { token } = await pair(gw);
    const listed = await api(gw, token, "GET", "/api/v1/agents?include_recent=true");
    assertEquals(listed.status, 200, JSON.stringify(listed.json));
    const lineage = (name: string) =>
      listed.json.agents.find((agent: { name: string }) => agent.name === name)?.retry_lineage;
    // The parent failed retryably and was retried as the child; it is the chain's root.
    assertEquals(lineage("flaky"), {
      parent_agent_name: null,
      retried_as_timestamp: childStamp,
      retry_attempt: null,
      retry_chain_root_timestamp: null,
      retry_of_timestamp: null,
    });
    // The child is attempt 1 of the chain rooted at the parent, which it names.
    assertEquals(lineage("flaky.r1"), {
      parent_agent_name: "flaky",
      retried_as_timestamp: null,
      retry_attempt: 1,
      retry_chain_root_timestamp: parentStamp,
      retry_of_timestamp: parentStamp,
    });
    assertEquals(lineage("plain"), {
      parent_agent_name: null,
      retried_as_timestamp: null,
      retry_attempt: null,
      retry_chain_root_timestamp: null,
      retry_of_timestamp: null,
    });
  } finally {
    await gw.stop();
  }
});

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

Deno.test("launch-image: the image is checked, stored under mobile_gateway/uploads and its path put in the prompt", async () => {
  await using sb = await makeSandbox();
  const gw = await startGateway(sb.env);
  try {
    const { token } = await pair(gw);
    const base = {
      schema_version: 1,
      prompt: "%model:fakey/reply Review this screenshot",
      name: "mobile.image",
      original_filename: "../../etc/screen shot.png",
      content_type: "image/png",
      byte_length: PNG.length,
      base64_image: btoa(String.fromCharCode(...PNG)),
    };
    const launch = (body: Record<string, unknown>) =>
      api(gw, token, "POST", "/api/v1/agents/launch-image", { ...base, ...body });
    const wrongLength = await launch({ byte_length: 99 });
    assertEquals([wrongLength.status, wrongLength.json.code], [400, "invalid_upload"]);
    const notPng = await launch({ base64_image: btoa("GIF89a....."), byte_length: 11 });
    assertEquals([notPng.status, notPng.json.code], [400, "invalid_upload"]);
    const badType = await launch({ content_type: "text/html" });
    assertEquals([badType.status, badType.json.code], [400, "invalid_upload"]);
    const tooBig = await launch({ byte_length: 10 * 1024 * 1024 + 1 });
    assertEquals([tooBig.status, tooBig.json.code], [413, "invalid_upload"]);
    const ok = await launch({});
    assertEquals(ok.status, 200, JSON.stringify(ok.json));
    const prompt = await waitForFile(join(ok.json.primary.artifact_dir, "raw_xprompt.md"));
    const path = /Image: (\S+)$/.exec(prompt.trim())?.[1] ?? "";
    assert(path?.startsWith(join(sb.saseHome, "mobile_gateway", "uploads") + "/"), prompt);
    assert(path.endsWith("_screen_shot.png"), path);
    assertEquals(await Deno.readFile(path), PNG);
  } finally {
    await gw.stop();
  }
});

Deno.test("15: update/start runs only chat_install.command; status polling reaches the end; helpers are read-only", async () => {
  await using sb = await makeSandbox();
  await projects(sb);
  const marker = join(sb.root, "updated.txt");
  await sb.write(
    "home/.config/sase/sase.yml",
    // Not a git checkout: nothing to sync (the sync itself is in gateway_update.test.ts).
    `chat_install:\n  command: "touch '${marker}'"\n  sync_workspace: false\n`,
  );
  const gw = await startGateway(sb.env);
  try {
    const { token } = await pair(gw);
    const stream = await openEvents(gw, token);
    const before = await Deno.readTextFile(join(sb.saseHome, "mobile_gateway", "devices.json"));
    for (
      const path of [
        "/api/v1/changespec-tags?project=sase",
        "/api/v1/xprompts/catalog?limit=3",
        "/api/v1/agents/resume-options",
      ]
    ) {
      assertEquals((await api(gw, token, "GET", path)).status, 200, path);
    }
    const beads = await api(gw, token, "GET", "/api/v1/beads?project=sase");
    assertEquals(beads.status, 404);
    assertEquals(
      await Deno.readTextFile(join(sb.saseHome, "mobile_gateway", "devices.json")),
      before,
    );

    const started = await api(gw, token, "POST", "/api/v1/update/start", {
      schema_version: 1,
      request_id: "mobile-update-1",
    });
    assertEquals(started.status, 200, JSON.stringify(started.json));
    const jobId = started.json.job.job_id;
    let status = started.json.job.status;
    const deadline = Date.now() + 30_000;
    while (status === "running" && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 100));
      status = (await api(gw, token, "GET", `/api/v1/update/${jobId}`)).json.job.status;
    }
    assertEquals(status, "succeeded");
    assert(await Deno.stat(marker).then(() => true, () => false));
    // axe was not running: the update did not start it.
    assertEquals(
      await Deno.stat(join(sb.saseHome, "axe", "orchestrator.pid")).catch(() => null),
      null,
    );
    await stream.waitFor((e) => e.data.payload.helpers_changed?.reason === "update_succeeded");
    const unknown = await api(gw, token, "GET", "/api/v1/update/job_nope");
    assertEquals([unknown.status, unknown.json.code], [404, "update_job_not_found"]);
    stream.close();
  } finally {
    await gw.stop();
  }
});

Deno.test("bridges: the same operations as JSON over stdin; errors are ApiErrorWire records", async () => {
  await using sb = await makeSandbox();
  await projects(sb);
  const bridge = (kind: string, op: string, body: unknown) =>
    runSase(["mobile", kind, op], { env: sb.env, stdin: JSON.stringify(body) });
  const tags = await bridge("helper-bridge", "changespec-tags", {
    schema_version: 1,
    project: "sase",
    limit: 20,
  });
  assertEquals(tags.code, 0, tags.stderr);
  assertEquals(tags.stdout.trim().split("\n").length, 1);
  assertEquals(JSON.parse(tags.stdout).tags[0].tag, "#git:parser");
  const inactive = await bridge("helper-bridge", "changespec-tags", {
    schema_version: 1,
    project: "old",
  });
  const partial = JSON.parse(inactive.stdout);
  assertEquals(partial.result.status, "partial_success");
  assertEquals(partial.result.skipped, [{ target: "old", reason: "project is inactive" }]);
  const agents = await bridge("agent-bridge", "list-agents", { schema_version: 1, limit: 20 });
  assertEquals(JSON.parse(agents.stdout), { schema_version: 1, agents: [], total_count: 0 });
  const bad = await bridge("agent-bridge", "launch-text", {
    schema_version: 1,
    prompt: "x",
    project: "/etc",
  });
  assertEquals(bad.code, 2);
  assertEquals(JSON.parse(bad.stdout).code, "invalid_request");
  const noVersion = await bridge("agent-bridge", "list-agents", { limit: 2 });
  assertEquals(noVersion.code, 2);
  assertStringIncludes(JSON.parse(noVersion.stdout).message, "schema_version");
  const unknownOp = await runSase(["mobile", "agent-bridge", "shell"], {
    env: sb.env,
    stdin: "{}",
  });
  assertEquals(unknownOp.code, 2);
  const launched = await bridge("agent-bridge", "launch-text", {
    schema_version: 1,
    prompt: "%model:fakey/reply from the bridge",
    name: "bridged",
  });
  assertEquals(launched.code, 0, launched.stdout + launched.stderr);
  assertEquals(JSON.parse(launched.stdout).primary.name, "bridged");
});

/** A project `name` whose workspace is a git repo; with `title`, a bead store holding one bead. */
async function projectWithBeads(sb: Sandbox, name: string, title?: string): Promise<string | null> {
  const repo = await makeGitRepo(join(sb.home, "code", name), sb.env, { "README.md": "# p\n" });
  await sb.write(`home/.sase/projects/${name}/${name}.sase`, `WORKSPACE_DIR: ~/code/${name}\n`);
  if (!title) return null;
  for (
    const args of [["bead", "init"], [
      "bead",
      "create",
      "-t",
      title,
      "-T",
      `plan(sdd/tales/${name}.md)`,
    ]]
  ) {
    const done = await runSase(args, { env: sb.env, cwd: repo });
    assertEquals(done.code, 0, done.stderr);
  }
  const listed = await runSase(["bead", "list", "-j"], { env: sb.env, cwd: repo });
  return listed.stdout.match(/"id":\s*"([^"]+)"/)?.[1] ?? null;
}

Deno.test("beads with all_projects=true: every active project is searched, one without a bead store is skipped", async () => {
  await using sb = await makeSandbox();
  const alphaBead = await projectWithBeads(sb, "alpha", "Alpha work");
  const betaBead = await projectWithBeads(sb, "beta", "Beta work");
  await projectWithBeads(sb, "gamma");
  assert(alphaBead && betaBead);
  const gw = await startGateway(sb.env);
  try {
    const { token } = await pair(gw);
    const all = await api(gw, token, "GET", "/api/v1/beads?all_projects=true");
    assertEquals(all.status, 200, JSON.stringify(all.json));
    assertEquals(
      all.json.beads.map((bead: { project: string; title: string }) => [bead.project, bead.title]),
      [["alpha", "Alpha work"], ["beta", "Beta work"]],
    );
    assertEquals(all.json.total_count, 2);
    assertEquals(all.json.context, { project: null, scope: "all_known" });
    assertEquals(all.json.result.status, "partial_success");
    assertEquals(all.json.result.skipped.map((skip: { target: string }) => skip.target), ["gamma"]);

    // One project named: only its beads, and its missing store is the answer, not a skip.
    const beta = await api(gw, token, "GET", "/api/v1/beads?project=beta");
    assertEquals(beta.json.beads.map((bead: { id: string }) => bead.id), [betaBead]);
    assertEquals(beta.json.result.status, "success");
    assertEquals((await api(gw, token, "GET", "/api/v1/beads?project=gamma")).status, 404);

    // Neither a project, a remembered one, nor all_projects: a bad request.
    const none = await api(gw, token, "GET", "/api/v1/beads");
    assertEquals([none.status, none.json.code], [400, "invalid_request"]);

    const shown = await api(gw, token, "GET", `/api/v1/beads/${betaBead}?all_projects=true`);
    assertEquals(shown.status, 200, JSON.stringify(shown.json));
    assertEquals([shown.json.bead.summary.project, shown.json.bead.summary.title], [
      "beta",
      "Beta work",
    ]);
    const missing = await api(gw, token, "GET", "/api/v1/beads/zz-404?all_projects=true");
    assertEquals([missing.status, missing.json.code], [404, "not_found"]);
  } finally {
    await gw.stop();
  }
});
