/**
 * The cache key: what counts as "the sources did not change" (every stream
 * file's size, times and inode), and when a writer may label the cache it
 * updated as current (only when nobody else touched a stream meanwhile).
 */

import { assert, assertEquals } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { ownAppend, snapshotSources } from "../../../core/bead/cache.ts";
import { initStore } from "../../../core/bead/init.ts";
import { mutateStore } from "../../../core/bead/store.ts";
import { planCreate } from "../../../core/bead/mutate.ts";
import { storePaths } from "../../../core/bead/paths.ts";
import { openView } from "../../../core/bead/view.ts";

Deno.test("ownAppend: exactly our append passes; anyone else's change fails", () => {
  type Key = { key: string; size: number };
  const key = (key: string, size: number): Key => ({ key, size });
  const cases: Array<[string, Key | undefined, Key, number | undefined, boolean]> = [
    ["nothing changed", key("k1", 100), key("k1", 100), undefined, true],
    ["our append", key("k1", 100), key("k9", 130), 30, true],
    ["our new stream", undefined, key("k3", 40), 40, true],
    ["ours plus someone's bytes", key("k1", 100), key("k9", 131), 30, false],
    ["someone else's append", key("k2", 50), key("k8", 60), undefined, false],
    ["a same-size rewrite", key("k1", 100), key("k7", 100), undefined, false],
    ["someone's new stream", undefined, key("k3", 40), undefined, false],
    ["someone's new stream with more than ours", undefined, key("k3", 41), 40, false],
  ];
  for (const [label, before, after, written, expected] of cases) {
    assertEquals(ownAppend(before, after, written), expected, label);
  }
});

Deno.test("stream identity: an in-place append changes its key; a stat alone does not", async () => {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-cache-" });
  try {
    const dir = join(root, "beads");
    await initStore(dir, { prefix: "c", owner: "", actor: "t" });
    await mutateStore(
      dir,
      { actor: "t" },
      (ctx) => planCreate(ctx, { title: "A", type: { kind: "plan", file: "a.md" } }),
    );
    const paths = storePaths(dir);
    const first = snapshotSources(paths).files.get("c-1")!.key;
    assertEquals(
      snapshotSources(paths).files.get("c-1")!.key,
      first,
      "a stat alone changes nothing",
    );
    await Deno.writeTextFile(join(paths.streamsDir, "c-1.jsonl"), "\n", { append: true });
    assert(snapshotSources(paths).files.get("c-1")!.key !== first);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a write keeps the cache warm: the next read does not rebuild it", async () => {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-cache-" });
  try {
    const dir = join(root, "beads");
    await initStore(dir, { prefix: "c", owner: "", actor: "t" });
    (await openView(dir)).close();
    await mutateStore(
      dir,
      { actor: "t" },
      (ctx) => planCreate(ctx, { title: "A", type: { kind: "plan", file: "a.md" } }),
    );
    const view = await openView(dir);
    try {
      assertEquals(view.rebuilt, false);
      const row = view.db.prepare("SELECT id FROM issues").all() as Array<{ id: string }>;
      assertEquals(row.map((r) => r.id), ["c-1"]);
    } finally {
      view.close();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
