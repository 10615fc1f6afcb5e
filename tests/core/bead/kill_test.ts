import { assert, assertEquals } from "../../_helpers/assert.ts";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { initStore } from "../../../core/bead/init.ts";
import { loadStore } from "../../../core/bead/store.ts";
import { runDoctor } from "../../../core/bead/doctor.ts";

const WORKER = fileURLToPath(new URL("./create_worker.ts", import.meta.url));

function spawnWorker(dir: string, count: number, label: string): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", WORKER, dir, String(count), label, "phases"],
    stdout: "piped",
    stderr: "piped",
    env: { DENO_NO_UPDATE_CHECK: "1" },
  }).spawn();
}

function createdIds(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line.startsWith("created ")).map((line) =>
    line.slice(8)
  );
}

Deno.test("kill -9 at random moments: the store always replays and no printed id is lost", async () => {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-kill-" });
  const dir = join(root, "beads");
  await initStore(dir, { prefix: "k", owner: "", actor: "test" });
  try {
    const survivors: string[] = [];
    for (let trial = 0; trial < 20; trial++) {
      const children = [spawnWorker(dir, 1000, `k${trial}a`), spawnWorker(dir, 1000, `k${trial}b`)];
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 400)));
      for (const child of children) child.kill("SIGKILL");
      for (const child of children) {
        const output = await child.output();
        survivors.push(...createdIds(new TextDecoder().decode(output.stdout)));
      }
      const store = await loadStore(dir);
      const ids = new Set(store.issues.map((issue) => issue.id));
      for (const id of survivors) assert(ids.has(id), `trial ${trial}: printed ${id} was lost`);
      const report = await runDoctor(dir, { git: false });
      // A killed writer may leave a torn line, a stale projection and its temp file.
      const serious = report.findings.filter((finding) =>
        finding.severity !== "INFO" && finding.code !== "torn_line" &&
        finding.code !== "projection_drift" && finding.code !== "temp_files"
      );
      assertEquals(serious, [], `trial ${trial}: ${report.messages.join("\n")}`);
    }
    assert(survivors.length > 0, "the writers got some beads written before being killed");
  } finally {
    await Deno.remove(join(dir, ".."), { recursive: true });
  }
});
