import { join } from "node:path";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { allDone, killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { parseProjectSpec } from "../../core/changespec/parser.ts";

async function runningClaims(sb: Sandbox, project: string) {
  const file = join(sb.saseHome, "projects", project, `${project}.sase`);
  return parseProjectSpec(await Deno.readTextFile(file), file).header.running;
}

Deno.test("12 concurrent daemon launches on one #git: project: 12 checkouts from #10, all released", async () => {
  await using sb = await makeSandbox();
  const root = join(sb.root, "managed");
  // Every agent holds its claim until the test lets them all go: no agent can
  // finish (and free its number) before the others have claimed theirs,
  // however slowly the machine starts twelve of them.
  const gate = join(sb.root, "gate-open");
  const script = await sb.write(
    "wait_at_gate.json",
    JSON.stringify({
      steps: [
        { shell: `while [ ! -e '${gate}' ]; do sleep 0.05; done` },
        { text: "through the gate" },
      ],
    }),
  );
  const env = { ...sb.env, SASE_WORKSPACE_ROOT: root, SASE_FAKEY_SCRIPT: script };
  const launches = await Promise.all(
    Array.from(
      { length: 12 },
      (_, index) =>
        runSase(["run", "-d", "-j", `#git:proj %m:fakey/scripted agent ${index}`], {
          env,
          cwd: sb.cwd,
        }),
    ),
  );
  for (const launch of launches) assertEquals(launch.code, 0, launch.stderr);
  const dirs = await runDirs(sb, "proj");
  assertEquals(dirs.length, 12);
  try {
    // Held at the gate, every agent holds its own claim.
    const claimed = await waitFor("12 live claims", async () => {
      const claims = await runningClaims(sb, "proj");
      return claims.length === 12 ? claims : undefined;
    }, 120_000);
    const numbers = claimed.map((claim) => claim.workspace).sort((a, b) => a - b);
    assertEquals(numbers, Array.from({ length: 12 }, (_, index) => 10 + index));
    await Deno.writeTextFile(gate, "");
    const done = await allDone(dirs, 120_000);
    assert(done.every((record) => record.outcome === "completed"), JSON.stringify(done));
    const metas = await Promise.all(dirs.map((dir) => readJsonFile(join(dir, "agent_meta.json"))));
    const used = metas.map((meta) => Number(meta?.workspace_num)).sort((a, b) => a - b);
    assertEquals(used, numbers);
    for (const meta of metas) {
      const dir = String(meta?.workspace_dir);
      assert(dir.startsWith(root), dir);
      assert(await Deno.stat(join(dir, ".git")).then(() => true, () => false), `${dir} checkout`);
    }
    assertEquals(await runningClaims(sb, "proj"), []);
  } finally {
    await Deno.writeTextFile(gate, "");
    await killRunners(dirs);
  }
});

Deno.test("a kill -9ed agent's claim is released by sase workspace repair; agent kill releases its own", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, SASE_WORKSPACE_ROOT: join(sb.root, "managed") };
  const launch = await runSase(
    ["run", "#git:proj %n:stuck %m:fakey/hang wait\n---\n#git:proj %n:polite %m:fakey/hang wait"],
    { env, cwd: sb.cwd },
  );
  assertEquals(launch.code, 0, launch.stderr);
  const dirs = await runDirs(sb, "proj");
  try {
    const metas = await Promise.all(dirs.map((dir) =>
      waitFor("a running provider", async () => {
        const meta = await readJsonFile(join(dir, "agent_meta.json"));
        return typeof meta?.agent_pid === "number" ? meta : undefined;
      })
    ));
    assertEquals((await runningClaims(sb, "proj")).length, 2);

    const stuck = metas.find((meta) => meta.name === "stuck")!;
    Deno.kill(Number(stuck.pid), "SIGKILL");
    Deno.kill(-Number(stuck.agent_pid), "SIGKILL");
    await waitFor("the runner to die", async () => {
      const alive = await Deno.stat(`/proc/${stuck.pid}`).then(() => true, () => false);
      return alive ? undefined : true;
    });
    const repair = await runSase(["workspace", "repair", "-p", "proj", "-j"], { env });
    assertEquals(repair.code, 0, repair.stderr);
    const left = await runningClaims(sb, "proj");
    assertEquals(left.map((claim) => claim.changespec), ["polite"]);

    const killed = await runSase(["agent", "kill", "polite"], { env });
    assertEquals(killed.code, 0, killed.stderr);
    const [politeDone] = await allDone([
      dirs[metas.indexOf(metas.find((m) => m.name === "polite")!)],
    ]);
    assertEquals(politeDone.outcome, "killed");
    await waitFor("polite's claim to be released", async () => {
      return (await runningClaims(sb, "proj")).length === 0 ? true : undefined;
    });
  } finally {
    await killRunners(dirs);
  }
});
