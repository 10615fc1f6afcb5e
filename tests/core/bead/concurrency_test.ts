import { assert, assertEquals } from "../../_helpers/assert.ts";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { initStore } from "../../../core/bead/init.ts";
import { loadStore } from "../../../core/bead/store.ts";
import { readProjection } from "../../../core/bead/projection.ts";
import { openView } from "../../../core/bead/view.ts";
import { storePaths } from "../../../core/bead/paths.ts";

const WORKER = fileURLToPath(new URL("./create_worker.ts", import.meta.url));

function spawnWorker(dir: string, count: number, label: string, phases = false): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", WORKER, dir, String(count), label, phases ? "phases" : "plans"],
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

async function freshStore(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-conc-" });
  const dir = join(root, "beads");
  await initStore(dir, { prefix: "c", owner: "o@example.com", actor: "test" });
  return dir;
}

Deno.test("8 processes x 100 creates: 800 distinct plan ids everywhere", async () => {
  const dir = await freshStore();
  try {
    const children = Array.from({ length: 8 }, (_, i) => spawnWorker(dir, 100, `w${i}`));
    const outputs = await Promise.all(children.map((child) => child.output()));
    const printed: string[] = [];
    for (const output of outputs) {
      assert(output.success, new TextDecoder().decode(output.stderr));
      printed.push(...createdIds(new TextDecoder().decode(output.stdout)));
    }
    const plans = printed.filter((id) => !id.includes("."));
    assertEquals(plans.length, 800);
    assertEquals(new Set(plans).size, 800);
    assertEquals(new Set(printed).size, printed.length);
    const store = await loadStore(dir);
    assertEquals(store.problems, []);
    const eventIds = new Set(store.issues.map((issue) => issue.id));
    const projection = new Set(
      (await readProjection(storePaths(dir).projection)).issues.map((i) => i.id),
    );
    const db = new DatabaseSync(storePaths(dir).db);
    const dbIds = new Set(
      (db.prepare("SELECT id FROM issues").all() as { id: string }[]).map((r) => r.id),
    );
    db.close();
    for (const id of printed) {
      assert(eventIds.has(id), `events lack ${id}`);
      assert(projection.has(id), `issues.jsonl lacks ${id}`);
      assert(dbIds.has(id), `beads.db lacks ${id}`);
    }
    assertEquals(eventIds.size, printed.length);
    assertEquals(projection.size, printed.length);
    assertEquals(dbIds.size, printed.length);
    const view = await openView(dir);
    assert(!view.rebuilt, "the writers left beads.db current");
    view.close();
  } finally {
    await Deno.remove(join(dir, ".."), { recursive: true });
  }
});
