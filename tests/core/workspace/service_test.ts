import { join } from "node:path";
import { assertEquals, assertRejects, assertStringIncludes } from "../../_helpers/assert.ts";
import { git } from "../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { SaseError } from "../../../core/errors.ts";
import { resolveWorkspace } from "../../../core/workspace/resolve.ts";
import {
  activateDeferredClaim,
  claimWorkspace,
  releaseWorkspace,
  transferClaim,
} from "../../../core/workspace/service.ts";
import { repairWorkspaces } from "../../../core/workspace/repair.ts";
import { testContext } from "./_context.ts";

const AGENT = { agentName: "alpha", timestamp: "260101_120000", pid: 4_000_001 };

async function setup(sb: Sandbox, extraEnv: Record<string, string> = {}) {
  const env = { ...sb.env, SASE_WORKSPACE_ROOT: join(sb.root, "managed"), ...extraEnv };
  const ctx = await testContext(env, sb.cwd);
  const workspace = await resolveWorkspace({ kind: "git", ref: "proj" }, ctx);
  const running = () =>
    parseProjectSpec(Deno.readTextFileSync(workspace.projectFile!), "p").header.running;
  return { env, ctx, workspace, running };
}

Deno.test("deferred claim holds #0 in the primary, activation swaps it for #10 in one row", async () => {
  await using sb = await makeSandbox();
  const { ctx, workspace, running } = await setup(sb);
  const waiting = await claimWorkspace(workspace, AGENT, ctx, { deferred: true });
  assertEquals([waiting.num, waiting.dir, waiting.deferred], [0, workspace.primaryDir, true]);
  assertEquals(running().map((c) => [c.workspace, c.pid, c.changespec]), [[0, AGENT.pid, "alpha"]]);
  const second = await claimWorkspace(workspace, { ...AGENT, pid: 4_000_002 }, ctx, {
    deferred: true,
  });
  assertEquals(running().map((c) => c.workspace), [0, 0]);

  const ready = await activateDeferredClaim(waiting, ctx);
  assertEquals([ready.num, ready.deferred], [10, false]);
  assertEquals(ready.dir, join(sb.root, "managed", ready.dir.split("/").at(-2)!, "proj_10"));
  assertEquals(running().map((c) => [c.workspace, c.pid]), [[10, AGENT.pid], [0, 4_000_002]]);
  await releaseWorkspace(ready);
  await releaseWorkspace(second);
  await releaseWorkspace(second);
  assertEquals(running(), []);
});

Deno.test("transfer hands the row to a retry child in place; release by the old pid is a no-op", async () => {
  await using sb = await makeSandbox();
  const { ctx, workspace, running } = await setup(sb);
  const claim = await claimWorkspace(workspace, AGENT, ctx);
  const child = await transferClaim(claim, {
    agentName: "alpha.2",
    timestamp: "260101_120500",
    pid: 4_000_009,
  });
  assertEquals(running().map((c) => [c.workspace, c.pid, c.changespec, c.timestamp]), [
    [10, 4_000_009, "alpha.2", "260101_120500"],
  ]);
  await releaseWorkspace(claim);
  assertEquals(running().length, 1);
  const lost = await assertRejects(() => transferClaim(claim, AGENT), SaseError) as SaseError;
  assertEquals(lost.code, "workspace.not_claimed");
  await releaseWorkspace(child);
  assertEquals(running(), []);
});

Deno.test("an explicit number already held is refused; a reused checkout is cleaned back to the default branch, unpushed commits kept", async () => {
  await using sb = await makeSandbox();
  const { ctx, workspace, running } = await setup(sb);
  const first = await claimWorkspace(workspace, AGENT, ctx);
  const clash = await assertRejects(
    () => claimWorkspace(workspace, { ...AGENT, pid: 4_000_003 }, ctx, { num: 10 }),
    SaseError,
  ) as SaseError;
  assertEquals(clash.code, "workspace.claimed");
  await git(first.dir, sb.env, "commit", "-q", "--allow-empty", "-m", "local only");
  await Deno.writeTextFile(join(first.dir, "scratch.txt"), "left behind\n");
  await git(first.dir, sb.env, "checkout", "-q", "-b", "feature");
  await releaseWorkspace(first);

  const again = await claimWorkspace(workspace, { ...AGENT, pid: 4_000_004 }, ctx);
  assertEquals([again.num, again.dir], [10, first.dir]);
  assertEquals((await git(again.dir, sb.env, "status", "--porcelain")).trim(), "");
  assertEquals(
    (await git(again.dir, sb.env, "branch", "--show-current")).trim(),
    workspace.checkoutTarget,
  );
  assertStringIncludes(await git(again.dir, sb.env, "stash", "list"), "claim by alpha");
  assertEquals((await git(again.dir, sb.env, "log", "-1", "--format=%s")).trim(), "Initial commit");
  const backup = (await git(again.dir, sb.env, "branch", "--list", "sase-backup/*")).trim();
  assertEquals(
    (await git(again.dir, sb.env, "log", "-1", "--format=%s", backup)).trim(),
    "local only",
  );
  await releaseWorkspace(again);
  assertEquals(running(), []);
});

Deno.test("a failed materialization releases the claim it took", async () => {
  await using sb = await makeSandbox();
  const { ctx, workspace, running } = await setup(sb);
  const first = await claimWorkspace(workspace, AGENT, ctx);
  await releaseWorkspace(first);
  await Deno.remove(first.dir, { recursive: true });
  await Deno.mkdir(first.dir);
  await Deno.writeTextFile(join(first.dir, "notes.txt"), "not a checkout\n");
  const occupied = await assertRejects(
    () => claimWorkspace(workspace, AGENT, ctx),
    SaseError,
  ) as SaseError;
  assertEquals(occupied.code, "workspace.occupied");
  assertEquals(running(), []);
  assertEquals(Deno.readTextFileSync(join(first.dir, "notes.txt")), "not a checkout\n");
});

Deno.test("inactive project: claims refused with the activation hint; repair drops dead unpinned rows only", async () => {
  await using sb = await makeSandbox();
  const { ctx, workspace, running } = await setup(sb);
  const file = workspace.projectFile!;
  const dead = new Set([4_000_010]);
  await claimWorkspace(workspace, { ...AGENT, pid: 4_000_010 }, ctx, { deferred: true });
  await claimWorkspace(workspace, { ...AGENT, pid: 4_000_011 }, ctx, { deferred: true });
  const dry = await repairWorkspaces(ctx, {
    project: "proj",
    dryRun: true,
    isAlive: (pid) => Promise.resolve(!dead.has(pid)),
  });
  assertEquals(dry.projects[0].released.map((c) => c.pid), [4_000_010]);
  assertEquals(running().length, 2);
  await repairWorkspaces(ctx, {
    project: "proj",
    isAlive: (pid) => Promise.resolve(!dead.has(pid)),
  });
  assertEquals(running().map((c) => c.pid), [4_000_011]);

  await Deno.writeTextFile(file, "PROJECT_STATE: inactive\n" + Deno.readTextFileSync(file));
  const refused = await assertRejects(
    () => claimWorkspace(workspace, AGENT, ctx),
    SaseError,
  ) as SaseError;
  assertEquals(refused.code, "project.inactive");
  assertStringIncludes(refused.hint!, "sase project activate proj");
});
