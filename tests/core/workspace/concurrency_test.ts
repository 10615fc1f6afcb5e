import { join } from "node:path";
import { assert, assertEquals } from "../../_helpers/assert.ts";
import { git } from "../../_helpers/git.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { readMarker } from "../../../core/workspace/marker.ts";
import { readRegistry } from "../../../core/workspace/registry.ts";
import type { WorkspaceClaim } from "../../../core/workspace/types.ts";

const WORKER = new URL("./_claim_worker.ts", import.meta.url).pathname;
const CONFIG = new URL("../../../deno.json", import.meta.url).pathname;
const AGENTS = 12;

/** Read `child`'s first stdout line; `rest()` drains the remaining output and the exit. */
async function firstLine(child: Deno.ChildProcess) {
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stderr = new Response(child.stderr).text();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  const rest = async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += chunk.value;
    }
    return { code: (await child.status).code, stdout: text, stderr: await stderr };
  };
  return { line: text.split("\n")[0], rest };
}

Deno.test("12 processes claim one #git project: #10-#21, real checkouts, RUNNING rows, all released", async () => {
  await using sb = await makeSandbox();
  const root = join(sb.root, "managed");
  const env = { ...sb.env, SASE_WORKSPACE_ROOT: root };
  const children = Array.from({ length: AGENTS }, (_, i) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", CONFIG, WORKER, "race", `agent${i}`],
      env,
      clearEnv: true,
      cwd: sb.cwd,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn());
  const firsts = await Promise.all(children.map(firstLine));
  const failed = firsts.findIndex((first) => !first.line.startsWith("{"));
  if (failed >= 0) {
    for (const child of children) child.kill();
    throw new Error(`worker ${failed} failed: ${(await firsts[failed].rest()).stderr}`);
  }
  const claims = firsts.map((first) => JSON.parse(first.line) as WorkspaceClaim);

  assertEquals(
    claims.map((c) => c.num).sort((a, b) => a - b),
    [...Array(AGENTS).keys()].map((i) => i + 10),
  );
  const projectFile = join(sb.saseHome, "projects", "race", "race.sase");
  const running = parseProjectSpec(Deno.readTextFileSync(projectFile), projectFile).header.running;
  assertEquals(running.length, AGENTS);
  for (const claim of claims) {
    assert(claim.dir.startsWith(join(root, "race-")), claim.dir);
    assertEquals(claim.dir.split("/").at(-1), `race_${claim.num}`);
    assertEquals((await git(claim.dir, sb.env, "status", "--porcelain")).trim(), "");
    assertEquals((await git(claim.dir, sb.env, "log", "--format=%s")).trim(), "Initial commit");
    assertEquals((await readMarker(claim.dir))?.workspace_num, claim.num);
    const row = running.find((r) => r.workspace === claim.num)!;
    assertEquals([row.pid, row.changespec, row.workflow], [
      claim.claimant.pid,
      claim.claimant.agentName,
      "run",
    ]);
  }
  const registry = await readRegistry(claims[0].registryPath!);
  assertEquals(Object.keys(registry!.workspaces).length, AGENTS + 1);

  for (const child of children) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode("release\n"));
    await writer.close();
  }
  for (const out of await Promise.all(firsts.map((first) => first.rest()))) {
    assertEquals([out.code, out.stdout.trim().split("\n").at(-1)], [0, "released"], out.stderr);
  }
  const after = Deno.readTextFileSync(projectFile);
  assertEquals(parseProjectSpec(after, projectFile).header.running, []);
  assert(!after.includes("RUNNING:"), after);
});
