import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { join } from "node:path";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { which } from "../../core/fs/which.ts";

/** A PATH holding only git, so no agent CLI can be found. */
async function gitOnlyPath(sb: Sandbox): Promise<string> {
  const bin = join(sb.root, "bin");
  await Deno.mkdir(bin);
  const git = await which("git", Deno.env.toObject());
  if (git) await Deno.symlink(git, join(bin, "git"));
  return bin;
}

Deno.test("doctor -j: schema_version 1, WARN for llm with no agent CLI, exit 0; 1 under --strict", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, PATH: await gitOnlyPath(sb) };
  const result = await runSase(["doctor", "-j"], { env, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assertEquals(report.schema_version, 1);
  assertEquals(report.status, "WARN");
  assertEquals(Object.keys(report.counts), ["OK", "WARN", "ERROR", "SKIP"]);
  assertEquals(report.selected_checks, []);
  const llm = report.checks.filter((check: { group: string }) => check.group === "llm");
  assert(llm.length >= 2);
  for (const check of llm) assertEquals(check.status, "WARN");
  for (const check of report.checks) {
    if (check.status === "WARN" || check.status === "ERROR") {
      assert(check.next_steps.length > 0, `${check.id} has a next step`);
    }
  }
  const strict = await runSase(["doctor", "-j", "--strict"], { env, cwd: sb.cwd });
  assertEquals(strict.code, 1);
});

Deno.test("doctor -C selects a group or a check; unknown selection is a usage error", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, PATH: await gitOnlyPath(sb) };
  const group = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "runtime"], { env, cwd: sb.cwd })).stdout,
  );
  assertEquals(group.checks.map((check: { id: string }) => check.id), [
    "runtime.deno",
    "runtime.platform",
  ]);
  assertEquals(group.status, "OK");
  const one = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "llm.default", "-C", "vcs.git"], { env, cwd: sb.cwd }))
      .stdout,
  );
  assertEquals(one.checks.map((check: { id: string }) => check.id), ["vcs.git", "llm.default"]);
  const bad = await runSase(["doctor", "-C", "nope"], { env, cwd: sb.cwd });
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "unknown check or group: nope");
});

Deno.test("doctor reports a broken config as ERROR, exit 1, with the file named", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.config/sase/sase.yml", "axe: [unclosed\n");
  const result = await runSase(["doctor", "-C", "config"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 1);
  assertStringIncludes(result.stdout, "ERROR config.load");
  assertStringIncludes(result.stdout, path);
  assertStringIncludes(result.stdout, "next:");
});

Deno.test("doctor -L lists check ids, deep ones marked; -D runs them", async () => {
  await using sb = await makeSandbox();
  const list = await runSase(["doctor", "-L"], { env: sb.env, cwd: sb.cwd });
  assertEquals(list.code, 0);
  assertStringIncludes(list.stdout, "state.disk");
  assertStringIncludes(list.stdout, "deep");
  const shallow = JSON.parse(
    (await runSase(["doctor", "-j"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals(shallow.checks.some((check: { id: string }) => check.id === "state.disk"), false);
  const deep = JSON.parse(
    (await runSase(["doctor", "-j", "-D"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals(deep.deep, true);
  assert(deep.checks.some((check: { id: string }) => check.id === "state.disk"));
});

Deno.test("doctor flags legacy .gp projects with the migrate command", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.sase/projects/old/old.gp", "PROJECT_NAME: old\n");
  const result = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "projects"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals(result.checks[0].status, "WARN");
  assertStringIncludes(result.checks[0].next_steps[0], "sase changespec migrate-extension");
});

Deno.test("llm.default makes the launch's own selection: an active override wins, an expired one is left alone", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, PATH: await gitOnlyPath(sb) };
  const overridePath = await sb.write(
    "home/.sase/llm_override.json",
    JSON.stringify({ provider: "fakey", model: "reply", expires_at: null }),
  );
  const active = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "llm.default"], { env, cwd: sb.cwd })).stdout,
  );
  assertEquals(active.checks[0].status, "OK");
  assertEquals(active.checks[0].data.selection, "override");
  const expired = JSON.stringify({ provider: "fakey", model: "reply", expires_at: 1 });
  await Deno.writeTextFile(overridePath, expired);
  const stale = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "llm.default"], { env, cwd: sb.cwd })).stdout,
  );
  assertEquals(stale.checks[0].status, "WARN");
  assertEquals(await Deno.readTextFile(overridePath), expired, "doctor never writes state");
});
