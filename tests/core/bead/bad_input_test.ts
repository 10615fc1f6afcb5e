/**
 * Bad input to a bead store: every case ends in a clear error or a reported,
 * skipped line — never a crash, a hang, a file outside the store or a lossy
 * rewrite.
 */

import { assert, assertEquals, assertRejects, assertThrows } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { SaseError } from "../../../core/errors.ts";
import { initStore } from "../../../core/bead/init.ts";
import { loadStore, mutateStore, regenerateMirrors } from "../../../core/bead/store.ts";
import { planCreate } from "../../../core/bead/mutate.ts";
import { parseBeadConfig, readBeadConfig } from "../../../core/bead/config.ts";
import { storePaths, streamPath } from "../../../core/bead/paths.ts";
import { defaultPrefix, prefixProblem } from "../../../core/bead/ids.ts";
import { readProjection } from "../../../core/bead/projection.ts";
import { parseStreamText } from "../../../core/bead/streams.ts";
import { buildEvent } from "../../../core/bead/event.ts";
import { issueToRow, newIssue } from "../../../core/bead/model.ts";
import { openView } from "../../../core/bead/view.ts";
import { allIssues } from "../../../core/bead/query.ts";

async function tempStore(prefix = "b"): Promise<{ root: string; dir: string }> {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-bad-" });
  const dir = join(root, "store", "beads");
  await initStore(dir, { prefix, owner: "", actor: "t" });
  return { root, dir };
}

const createPlan = (dir: string, title = "Plan") =>
  mutateStore(
    dir,
    { actor: "t" },
    (ctx) => planCreate(ctx, { title, type: { kind: "plan", file: "p.md" } }),
  );

Deno.test("prefixes: letters, digits, '_' and '-' only; each refused form named", () => {
  for (const good of ["sase", "proj-2", "a_b", "X9", "a".repeat(64)]) {
    assertEquals(prefixProblem(good), undefined, good);
  }
  for (const bad of ["../x", "a.b", "a/b", "", "-lead", "with space", "a".repeat(65), ".."]) {
    assert(prefixProblem(bad)?.includes("is not a valid issue prefix"), bad);
  }
  // A derived default is always valid, however odd the directory name.
  for (const name of ["My Project!", "..", "ÄÖ", "x".repeat(200), "-a-"]) {
    assertEquals(prefixProblem(defaultPrefix(name)), undefined, name);
  }
});

Deno.test("config.json: a prefix like ../x is refused naming the file and field; no stream escapes", async () => {
  const { root, dir } = await tempStore();
  try {
    const config = storePaths(dir).config;
    await Deno.writeTextFile(
      config,
      JSON.stringify({ issue_prefix: "../../escaped", next_counter: 1, owner: "" }),
    );
    await assertRejects(
      () => readBeadConfig(config),
      SaseError,
      `${config}: field 'issue_prefix': '../../escaped' is not a valid issue prefix`,
    );
    await assertRejects(() => createPlan(dir), SaseError, "field 'issue_prefix'");
    // Nothing was written next to or above the store.
    assertEquals([...Deno.readDirSync(join(root, "store"))].map((e) => e.name), ["beads"]);
    assertEquals([...Deno.readDirSync(root)].map((e) => e.name), ["store"]);
    assertEquals(
      assertThrows(
        () => parseBeadConfig('{"issue_prefix":"a.b"}', "c.json"),
        SaseError,
        "c.json: field 'issue_prefix': 'a.b' is not a valid issue prefix",
      ).message.includes("no '.'"),
      true,
    );
    // Reads still work: the prefix only matters to writes.
    assertEquals((await loadStore(dir)).configError?.code, "bead.config");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("initStore refuses a bad prefix before creating anything", async () => {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-bad-" });
  try {
    await assertRejects(
      () => initStore(join(root, "beads"), { prefix: "../x", owner: "", actor: "t" }),
      SaseError,
      "'../x' is not a valid issue prefix",
    );
    assertEquals([...Deno.readDirSync(root)], []);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("stream paths: an id that is not a plain root id never names a file", () => {
  const paths = storePaths("/store");
  for (const bad of ["../x", "a/b", "a.1", "", "..", "x y"]) {
    assertThrows(() => streamPath(paths, bad), SaseError, "is not a valid bead stream id");
  }
  assertEquals(streamPath(paths, "sase-3r"), "/store/events/streams/sase-3r.jsonl");
});

Deno.test("events: an unsafe issue id and deeply nested JSON are reported, the rest is read", () => {
  const good = (id: string) =>
    JSON.stringify(
      buildEvent(
        {
          operation: "issue_created",
          issue_id: id,
          payload: { issue: issueToRow(newIssue({ id, title: id })) },
        },
        "s-1",
        1,
        "2026-01-01T00:00:00Z",
        "t",
      ),
    );
  const evil = good("s-1").replaceAll('"s-1"', '"../evil"');
  const deep = JSON.stringify({
    schema_version: 1,
    event_id: "d",
    timestamp: "t",
    actor: "a",
    operation: "issue_updated",
    issue_id: "s-1",
    payload: { kind: "issue_updated", fields: { notes: null } },
  }).replace('"notes":null', `"notes":${"[".repeat(100_000)}${"]".repeat(100_000)}`);
  const parsed = parseStreamText([evil, deep, good("s-1")].join("\n") + "\n", "s-1.jsonl", "s-1");
  assertEquals(parsed.stream.events.map((e) => e.event.issue_id), ["s-1"]);
  assertEquals(parsed.problems.map((p) => [p.line, p.message]), [
    [1, "invalid bead event: field 'issue_id': '../evil' is not a valid bead id"],
    [2, "invalid bead event: JSON nested deeper than 64 levels"],
  ]);
});

Deno.test("oversized files: config.json, issues.jsonl and a stream end in clear errors, not memory", async () => {
  const { root, dir } = await tempStore();
  try {
    await createPlan(dir);
    const paths = storePaths(dir);
    // Sparse files: huge on paper, nothing on disk, refused by size before any read.
    const sparse = async (path: string, bytes: number) => {
      const file = await Deno.open(path, { write: true, create: true, truncate: true });
      await file.truncate(bytes);
      file.close();
    };
    await sparse(paths.projection, 600 * 1024 * 1024);
    await assertRejects(
      () => readProjection(paths.projection),
      SaseError,
      `${paths.projection}: larger than 512 MiB`,
    );
    const big = join(paths.streamsDir, "b-9.jsonl");
    await sparse(big, 600 * 1024 * 1024);
    const store = await loadStore(dir);
    assertEquals(store.issues.map((issue) => issue.id), ["b-1"]);
    assertEquals(store.problems.map((p) => [p.file, p.incomplete]), [[big, true]]);
    // A write would mis-number the unreadable stream and drop its beads from issues.jsonl.
    await assertRejects(() => createPlan(dir), SaseError, `cannot write: ${big}: larger than`);
    await Deno.remove(big);
    await sparse(paths.config, 17 * 1024 * 1024);
    await assertRejects(
      () => readBeadConfig(paths.config),
      SaseError,
      `${paths.config}: larger than 16 MiB`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a newer writer's operation: reported, and issues.jsonl is never regenerated without it", async () => {
  const { root, dir } = await tempStore();
  try {
    await createPlan(dir, "One");
    const paths = storePaths(dir);
    const projection = await Deno.readTextFile(paths.projection);
    await Deno.writeTextFile(
      streamPath(paths, "b-1"),
      JSON.stringify({
        schema_version: 1,
        event_id: "b-1:000002:note_edited:b-1",
        timestamp: "2026-01-02T00:00:00Z",
        actor: "newer",
        operation: "note_edited",
        issue_id: "b-1",
        payload: { kind: "note_edited", note_id: "n1", text: "edited" },
      }) + "\n",
      { append: true },
    );
    const store = await loadStore(dir);
    assertEquals(store.problems.map((p) => [p.line, p.incomplete, p.message]), [[
      2,
      true,
      "unsupported bead event operation 'note_edited' (written by a newer sase?); skipped",
    ]]);
    const regenerated = await regenerateMirrors(dir);
    assertEquals(regenerated.keptProjection?.line, 2);
    await createPlan(dir, "Two"); // writes still append events...
    assertEquals(await Deno.readTextFile(paths.projection), projection); // ...but keep issues.jsonl
    assertEquals((await loadStore(dir)).issues.map((issue) => issue.title), ["One", "Two"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a legacy issues.jsonl with an unreadable row is not migrated (the row would be lost)", async () => {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-bad-" });
  try {
    const dir = join(root, "beads");
    await Deno.mkdir(dir);
    const projection = join(dir, "issues.jsonl");
    const text = JSON.stringify(issueToRow(newIssue({ id: "l-1", title: "Kept" }))) +
      '\n{"id":"l-2","title":"no status or type"}\n';
    await Deno.writeTextFile(projection, text);
    await assertRejects(
      () => createPlan(dir),
      SaseError,
      `cannot migrate ${projection} to events: line 2: field 'status'`,
    );
    assertEquals(await Deno.readTextFile(projection), text);
    assertEquals((await loadStore(dir)).source, "legacy");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a phase of a phase is refused; a phase of a plan is fine", async () => {
  const { root, dir } = await tempStore();
  try {
    await createPlan(dir);
    const phase = (parent: string) =>
      mutateStore(
        dir,
        { actor: "t" },
        (ctx) => planCreate(ctx, { title: "P", type: { kind: "phase", parent } }),
      );
    assertEquals(await phase("b-1"), "b-1.1");
    await assertRejects(
      () => phase("b-1.1"),
      SaseError,
      "b-1.1 is a phase; phases belong to plan beads (a phase has no phases)",
    );
    assertEquals((await loadStore(dir)).issues.map((issue) => issue.id), ["b-1", "b-1.1"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a blank status in a row is kept as written (never guessed) and counted apart", async () => {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-bad-" });
  try {
    const dir = join(root, "beads");
    await Deno.mkdir(dir);
    await Deno.writeTextFile(
      join(dir, "issues.jsonl"),
      JSON.stringify({ ...issueToRow(newIssue({ id: "l-1", title: "Blank" })), status: "" }) + "\n",
    );
    const view = await openView(dir);
    try {
      assertEquals(allIssues(view).map((issue) => [issue.id, issue.status]), [["l-1", ""]]);
    } finally {
      view.close();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
