/**
 * Telemetry end to end (issue 24): off means no network and no port; on, a
 * fakey run pushes its metrics to a Push Gateway (a local HTTP stand-in that
 * records pushes and serves them back), `sase telemetry snapshot` reads
 * them, and the axe orchestrator serves its metrics to a real HTTP GET.
 */

import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { runDirs, waitFor } from "../_helpers/runs.ts";
import { axeSandbox } from "./_axe.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/** A Push Gateway stand-in: records each push (method, path, body) and serves the bodies back. */
function pushGateway() {
  const pushes: { method: string; path: string; body: string }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const path = new URL(request.url).pathname;
    if (request.method === "GET") return new Response(pushes.map((p) => p.body).join(""));
    pushes.push({ method: request.method, path, body: await request.text() });
    return new Response(null, { status: 202 });
  });
  return { pushes, url: `127.0.0.1:${server.addr.port}`, server };
}

/** A port nothing listens on right now. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function telemetryConfig(sb: Sandbox, enabled: boolean, pushgateway: string, port = 9464) {
  await sb.write(
    "home/.config/sase/sase.yml",
    `sandbox:\n  mode: "off"\ntelemetry:\n  enabled: ${enabled}\n  prometheus:\n    pushgateway_url: "${pushgateway}"\n` +
      `    exposition_port: ${port}\n`,
  );
}

/**
 * `sase run` with every network access denied to the process. The agent
 * runs unjailed (`sandbox: mode: off`): the jail itself talks to its proxy
 * over local sockets, and this checks sase's own calls.
 */
async function runWithoutNetwork(sb: Sandbox, prompt: string) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--deny-net", "--unstable-worker-options", MAIN, "run", prompt],
    env: { DENO_NO_UPDATE_CHECK: "1", ...sb.env },
    clearEnv: true,
    cwd: sb.cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return {
    code: output.code,
    stdout: text.decode(output.stdout),
    stderr: text.decode(output.stderr),
  };
}

Deno.test("telemetry off (the default): a run makes no network call and pushes nothing", async () => {
  await using sb = await makeSandbox();
  const gateway = pushGateway();
  try {
    await telemetryConfig(sb, false, gateway.url);
    const run = await runWithoutNetwork(sb, "%m:fakey/reply hi");
    assertEquals(run.code, 0, run.stderr);
    assertEquals(run.stderr.includes("telemetry"), false, run.stderr);
    const plain = await runSase(["run", "%m:fakey/reply again"], { env: sb.env, cwd: sb.cwd });
    assertEquals(plain.code, 0, plain.stderr);
    assertEquals(gateway.pushes, []);
    // The same run with telemetry on does reach for the network: the check above can fail.
    await telemetryConfig(sb, true, gateway.url);
    const denied = await runWithoutNetwork(sb, "%m:fakey/reply hi");
    assertEquals(denied.code, 0, denied.stderr);
    assertStringIncludes(denied.stderr, "telemetry push failed");
  } finally {
    await gateway.server.shutdown();
  }
});

Deno.test("telemetry on: a fakey run pushes; snapshot shows the run and its tokens", async () => {
  await using sb = await makeSandbox();
  const gateway = pushGateway();
  try {
    await telemetryConfig(sb, true, gateway.url);
    const run = await runSase(["run", "%m:fakey/reply hi"], { env: sb.env, cwd: sb.cwd });
    assertEquals(run.code, 0, run.stderr);
    assertEquals(gateway.pushes.length, 1);
    assertEquals(gateway.pushes[0].method, "POST");
    assert(
      gateway.pushes[0].path.startsWith("/metrics/job/sase_agent/instance/"),
      gateway.pushes[0].path,
    );
    const snapshot = await runSase(["telemetry", "snapshot", "-f", "prometheus"], {
      env: sb.env,
      cwd: sb.cwd,
    });
    assertEquals(snapshot.code, 0, snapshot.stderr);
    const lines = snapshot.stdout.split("\n");
    assert(
      lines.includes(
        'sase_agent_runs_total{llm_provider="fakey",status="completed",workflow=""} 1',
      ),
      snapshot.stdout,
    );
    // fakey reports its tokens (usage.json): the counters carry them.
    const [dir] = await runDirs(sb);
    const usage = JSON.parse(await Deno.readTextFile(join(dir, "usage.json")));
    assert(usage.input_tokens > 0 && usage.output_tokens > 0, JSON.stringify(usage));
    assert(
      lines.includes(`sase_llm_input_tokens_total{provider="fakey"} ${usage.input_tokens}`),
      snapshot.stdout,
    );
    assert(
      lines.includes(`sase_llm_output_tokens_total{provider="fakey"} ${usage.output_tokens}`),
      snapshot.stdout,
    );
    assertEquals(lines.some((line) => line.startsWith("push_time_seconds")), false);
    const json = JSON.parse(
      (await runSase(["telemetry", "snapshot", "-f", "json", "-s", "llm provider"], {
        env: sb.env,
        cwd: sb.cwd,
      })).stdout,
    );
    assertEquals(json.source, "pushgateway");
    assert(json.samples.every((s: { name: string }) => s.name.startsWith("sase_llm_")));
    const health = await runSase(["telemetry", "health", "-j"], { env: sb.env, cwd: sb.cwd });
    assertEquals(health.code, 0, health.stderr);
    assertEquals(JSON.parse(health.stdout).checks[0], {
      subsystem: "Agent Lifecycle",
      check: "agent_error_rate",
      value: 0,
      status: "OK",
      detail: "0 of 1",
    });
  } finally {
    await gateway.server.shutdown();
  }
});

Deno.test("telemetry on: a workflow run records its execution and its agent step", async () => {
  await using sb = await makeSandbox();
  const gateway = pushGateway();
  try {
    await telemetryConfig(sb, true, gateway.url);
    await sb.write(
      "work/xprompts/tiny.yml",
      [
        "steps:",
        "- name: greet",
        '  agent: "%model:fakey/reply Say hi"',
        "- name: count",
        '  bash: echo "files=3"',
        "  output: { files: int }",
        "",
      ].join("\n"),
    );
    const run = await runSase(["run", `#cd:${sb.cwd} #!tiny`], { env: sb.env, cwd: sb.cwd });
    assertEquals(run.code, 0, run.stderr);
    const snapshot = await runSase(["telemetry", "snapshot", "-f", "prometheus"], {
      env: sb.env,
      cwd: sb.cwd,
    });
    const lines = snapshot.stdout.split("\n");
    assert(
      lines.includes('sase_workflow_executions_total{workflow="tiny",status="completed"} 1'),
      snapshot.stdout,
    );
    assert(
      lines.includes('sase_workflow_duration_seconds_count{workflow="tiny"} 1'),
      snapshot.stdout,
    );
    assert(
      lines.some((line) =>
        line.startsWith('sase_agent_runs_total{llm_provider="fakey",status="completed"')
      ),
      snapshot.stdout,
    );
  } finally {
    await gateway.server.shutdown();
  }
});

Deno.test("axe: the exposition endpoint serves metrics to an HTTP GET only when telemetry is on", async () => {
  const port = freePort();
  const config = (enabled: boolean) =>
    `axe:\n  lumberjacks:\n    quick:\n      interval: 1\n      chops: []\n` +
    `telemetry:\n  enabled: ${enabled}\n  prometheus:\n    exposition_port: ${port}\n`;
  {
    await using off = await axeSandbox(config(false));
    assertEquals((await off.sase(["axe", "start"])).code, 0);
    await waitFor(
      "the lumberjacks",
      async () => (await off.sase(["axe", "status", "-j"])).stdout.includes('"quick"') || undefined,
    );
    const refused = await fetch(`http://127.0.0.1:${port}/metrics`).then(
      () => "answered",
      () => "refused",
    );
    assertEquals(refused, "refused");
  }
  await using on = await axeSandbox(config(true));
  assertEquals((await on.sase(["axe", "start"])).code, 0);
  const body = await waitFor("the exposition endpoint", async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      return response.ok ? await response.text() : undefined;
    } catch {
      return undefined;
    }
  });
  assertStringIncludes(body, "# TYPE sase_axe_lumberjacks_active gauge");
  await waitFor("the lumberjack to be counted", async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return text.split("\n").includes("sase_axe_lumberjacks_active 6") || undefined;
  });
  const snapshot = await on.sase(["telemetry", "snapshot", "-S", "exposition", "-f", "prometheus"]);
  assertEquals(snapshot.code, 0, snapshot.stderr);
  assertStringIncludes(snapshot.stdout, "sase_axe_lumberjacks_active 6");
  const missing = await fetch(`http://127.0.0.1:${port}/other`);
  assertEquals(missing.status, 404);
  await missing.body?.cancel();
});

Deno.test("telemetry list, status and export-config", async () => {
  await using sb = await makeSandbox();
  const sase = (args: string[]) => runSase(args, { env: sb.env, cwd: sb.cwd });
  const histograms = JSON.parse(
    (await sase(["telemetry", "list", "-t", "histogram", "-j"])).stdout,
  );
  assertEquals(histograms.map((m: { name: string }) => m.name), [
    "sase_agent_run_duration_seconds",
    "sase_llm_invocation_duration_seconds",
    "sase_axe_cycle_duration_seconds",
    "sase_hook_duration_seconds",
    "sase_workflow_duration_seconds",
  ]);
  const bare = await sase(["telemetry"]);
  assertStringIncludes(bare.stdout, "37 metrics");
  const unknown = await sase(["telemetry", "list", "-s", "Nope"]);
  assertEquals(unknown.code, 2);
  assertStringIncludes(unknown.stderr, "unknown subsystem 'Nope'");
  const status = await sase(["telemetry", "status"]);
  assertStringIncludes(status.stdout, "telemetry: disabled");
  assertStringIncludes(status.stdout, "telemetry:\n  enabled: true");
  assertEquals(JSON.parse((await sase(["telemetry", "status", "-j"])).stdout).endpoints, []);
  const exported = await sase(["telemetry", "export-config", "-o", "mon"]);
  assertEquals(exported.code, 0, exported.stderr);
  const alerts = await Deno.readTextFile(join(sb.cwd, "mon", "prometheus", "alerts.yml"));
  assertEquals(alerts.match(/- alert: /g)?.length, 14);
  const again = await sase(["telemetry", "export-config", "-o", "mon"]);
  assertEquals(again.code, 1);
  assertStringIncludes(again.stderr, "exists and is not empty");
  assertEquals((await sase(["telemetry", "export-config", "-o", "mon", "-f"])).code, 0);
});
