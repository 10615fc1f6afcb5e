import { join } from "node:path";
import { assertEquals, assertRejects, assertStringIncludes } from "../../../_helpers/assert.ts";
import {
  LAUNCH_FILE,
  type LaunchRecord,
  readLaunchRecord,
  writeLaunchRecord,
} from "../../../../core/agent/run/launch_record.ts";
import { SaseError } from "../../../../core/errors.ts";

function record(dir: string): LaunchRecord {
  const workspace = {
    kind: "git",
    ref: "home",
    implicit: true,
    project: "home",
    projectFile: "/h/.sase/projects/home/home.gp",
    primaryDir: "/h/.sase/repos/home",
    checkoutTarget: "main",
    bareRepoDir: "/h/.sase/repos/home.git",
    vcs: "git",
    envPrefix: "SASE_GIT",
    numbered: true,
  };
  return {
    schema_version: 1,
    name: "build",
    timestamp: "20261122183000",
    project: "home",
    dir,
    cwd: "/h/.sase/repos/home",
    config_dir: "/work",
    prompt: "do it",
    provider: "fakey",
    model: "reply",
    tier: "large",
    waits: ["design"],
    hidden: false,
    daemon: true,
    retry_of: {
      timestamp: "20261122182000",
      rootTimestamp: "20261122181000",
      attempt: 2,
      retryCount: 1,
      usedFallback: true,
      retryErrors: ["overloaded"],
    },
    repeat: { iteration: 2, total: 3 },
    workspace,
    claim: {
      workspace: { ...workspace, ref: "feat", changespec: "feat" },
      num: 10,
      dir: "/h/ws/home_10",
      claimant: { agentName: "build", timestamp: "20261122182000", pid: 42, workflow: "run" },
      deferred: false,
      registryPath: null,
    },
  };
}

Deno.test("launch records read back exactly as written", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sase-launch-" });
  try {
    const full = record(dir);
    await writeLaunchRecord(full);
    assertEquals(await readLaunchRecord(dir), full);
    const { retry_of: _r, repeat: _p, workspace: _w, claim: _c, config_dir: _d, ...bare } = full;
    await writeLaunchRecord({ ...bare, wait_until: "2026-11-22T19:00:00.000Z" });
    assertEquals(await readLaunchRecord(dir), { ...bare, wait_until: "2026-11-22T19:00:00.000Z" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a damaged launch record names the file and the field", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sase-launch-" });
  try {
    const path = join(dir, LAUNCH_FILE);
    const write = (value: unknown) => Deno.writeTextFile(path, JSON.stringify(value));
    const cases: [unknown, string][] = [
      [{ ...record(dir), tier: "huge" }, "field 'tier' expected one of large, small"],
      [{ ...record(dir), timestamp: "today" }, "field 'timestamp' expected a string matching"],
      [{ ...record(dir), schema_version: 2 }, "field 'schema_version' expected 1"],
      [
        { ...record(dir), claim: { ...record(dir).claim, num: -1 } },
        "field 'claim.num' expected an integer >= 0",
      ],
      [
        { ...record(dir), claim: { ...record(dir).claim, claimant: { pid: 1 } } },
        "field 'claim.claimant.agentName' expected a string, got missing",
      ],
      [{ ...record(dir), waits: "design" }, "field 'waits' expected a list of strings"],
    ];
    for (const [value, message] of cases) {
      await write(value);
      const error = await assertRejects(() => readLaunchRecord(dir), SaseError, message);
      assertStringIncludes(error.message, path);
    }
    await Deno.writeTextFile(path, "{ torn");
    await assertRejects(() => readLaunchRecord(dir), SaseError, "invalid JSON");
    await Deno.remove(path);
    await assertRejects(() => readLaunchRecord(dir), SaseError, "does not exist");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("unknown keys in a launch record are dropped", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sase-launch-" });
  try {
    await Deno.writeTextFile(
      join(dir, LAUNCH_FILE),
      JSON.stringify({ ...record(dir), future_field: true }),
    );
    assertEquals(await readLaunchRecord(dir), record(dir));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
