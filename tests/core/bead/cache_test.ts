/**
 * The cache key: what counts as "the sources did not change" (every stream
 * file's size, times and inode), and when a writer may label the cache it
 * updated as current (only when nobody else touched a stream meanwhile).
 */

import { assert, assertEquals } from "../../_helpers/assert.ts";
import { join } from "node:path";
import {
  fingerprintOf,
  onlyOwnAppends,
  snapshotSources,
  type SourceSnapshot,
} from "../../../core/bead/cache.ts";
import { initStore } from "../../../core/bead/init.ts";
import { mutateStore } from "../../../core/bead/store.ts";
import { planCreate } from "../../../core/bead/mutate.ts";
import { storePaths } from "../../../core/bead/paths.ts";
import { openView } from "../../../core/bead/view.ts";

function snapshot(files: Record<string, [string, number]>): SourceSnapshot {
  return {
    dir: "d",
    files: new Map(Object.entries(files).map(([name, [key, size]]) => [name, { key, size }])),
  };
}

Deno.test("onlyOwnAppends: exactly our appends pass; anyone else's change fails", () => {
  const before = snapshot({ "a.jsonl": ["k1", 100], "b.jsonl": ["k2", 50] });
  const cases: Array<[string, SourceSnapshot, Map<string, number>, boolean]> = [
    ["nothing changed", before, new Map(), true],
    [
      "our append",
      snapshot({ "a.jsonl": ["k9", 130], "b.jsonl": ["k2", 50] }),
      new Map([["a.jsonl", 30]]),
      true,
    ],
    [
      "our new stream",
      snapshot({ "a.jsonl": ["k1", 100], "b.jsonl": ["k2", 50], "c.jsonl": ["k3", 40] }),
      new Map([["c.jsonl", 40]]),
      true,
    ],
    [
      "ours plus someone's bytes",
      snapshot({ "a.jsonl": ["k9", 131], "b.jsonl": ["k2", 50] }),
      new Map([["a.jsonl", 30]]),
      false,
    ],
    [
      "someone else's append",
      snapshot({ "a.jsonl": ["k1", 100], "b.jsonl": ["k8", 60] }),
      new Map(),
      false,
    ],
    [
      "a same-size rewrite",
      snapshot({ "a.jsonl": ["k7", 100], "b.jsonl": ["k2", 50] }),
      new Map(),
      false,
    ],
    [
      "someone's new stream",
      snapshot({ "a.jsonl": ["k1", 100], "b.jsonl": ["k2", 50], "c.jsonl": ["k3", 40] }),
      new Map(),
      false,
    ],
    ["a removed stream", snapshot({ "a.jsonl": ["k1", 100] }), new Map(), false],
  ];
  for (const [label, after, written, expected] of cases) {
    assertEquals(onlyOwnAppends(before, after, written), expected, label);
  }
});

Deno.test("fingerprint: an in-place append, even of an unchanged size elsewhere, changes the key", async () => {
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
    const first = fingerprintOf(snapshotSources(paths));
    assertEquals(fingerprintOf(snapshotSources(paths)), first, "a stat alone changes nothing");
    await Deno.writeTextFile(join(paths.streamsDir, "c-1.jsonl"), "\n", { append: true });
    assert(fingerprintOf(snapshotSources(paths)) !== first);
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
