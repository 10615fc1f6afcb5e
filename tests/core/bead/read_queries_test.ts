import { assert, assertEquals, assertRejects, assertThrows } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import { join } from "node:path";
import { openView } from "../../../core/bead/view.ts";
import {
  allIssues,
  beadStats,
  blockedIssues,
  childrenOf,
  issueDetail,
  listIssues,
  readyIssues,
} from "../../../core/bead/query.ts";
import { runDoctor } from "../../../core/bead/doctor.ts";
import { mutateStore } from "../../../core/bead/store.ts";
import { storePaths } from "../../../core/bead/paths.ts";
import { exportProjection, parseProjection } from "../../../core/bead/projection.ts";

function row(
  id: string,
  title: string,
  type: string,
  parent: string | null,
  status: string,
  at: string,
  deps: string[] = [],
): string {
  return JSON.stringify({
    id,
    title,
    status,
    issue_type: type,
    parent_id: parent,
    owner: "",
    assignee: "",
    created_at: at,
    created_by: "",
    updated_at: at,
    closed_at: null,
    close_reason: null,
    description: "",
    notes: "",
    design: "",
    is_ready_to_work: false,
    changespec_name: "",
    changespec_bug_id: "",
    dependencies: deps.map((dep) => ({
      issue_id: id,
      depends_on_id: dep,
      created_at: at,
      created_by: "",
    })),
  });
}

/** The guide A15 store: a legacy projection-only store with an empty config and cache file. */
async function a15Store(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-a15-" });
  const dir = join(root, "sdd", "beads");
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, "config.json"), "{}\n");
  await Deno.writeTextFile(join(dir, "beads.db"), "");
  await Deno.writeTextFile(
    join(dir, "issues.jsonl"),
    [
      row("beads-1", "Epic", "plan", null, "open", "2026-01-01T00:00:00Z"),
      row("beads-1.1", "First", "phase", "beads-1", "open", "2026-01-01T00:01:00Z"),
      row("beads-1.2", "Second", "phase", "beads-1", "open", "2026-01-01T00:02:00Z", ["beads-1.1"]),
      row("beads-2", "Closed", "plan", null, "closed", "2026-01-01T00:03:00Z"),
      row("beads-3", "Ready task", "task", null, "ready", "2026-01-01T00:04:00Z"),
      row("beads-4", "Blocked task", "task", null, "ready", "2026-01-01T00:05:00Z", ["beads-3"]),
    ].join("\n") + "\n",
  );
  return dir;
}

const ids = (issues: { id: string }[]) => issues.map((issue) => issue.id);

Deno.test("A15 read queries over a legacy store", async () => {
  const dir = await a15Store();
  try {
    const view = await openView(dir);
    try {
      assertEquals(ids(listIssues(view, { statuses: ["open"] })), [
        "beads-1",
        "beads-1.1",
        "beads-1.2",
      ]);
      // The handbook's rule: the open plan beads-1 has no dependency, so it is ready
      // (the original's newest reducer offered only triaged tasks).
      assertEquals(ids(readyIssues(view)), ["beads-1", "beads-3"]);
      assertEquals(ids(blockedIssues(view)), ["beads-1.2", "beads-4"]);
      const all = allIssues(view);
      assertEquals(all.length, 6);
      assertEquals(ids(childrenOf(all, "beads-1")), ["beads-1.1", "beads-1.2"]);
      assertEquals(ids(issueDetail(all, "beads-1.1").blocks), ["beads-1.2"]);
      const detail = issueDetail(all, "beads-1.2");
      assertEquals(detail.dependsOn.map((issue) => issue?.id), ["beads-1.1"]);
      assertEquals(detail.ancestors.map((issue) => issue?.id), ["beads-1"]);
      const stats = beadStats(all);
      assertEquals([stats.total, stats.ready, stats.task], [6, 2, 2]);
      const missing = assertThrows(() => issueDetail(all, "beads-missing"), SaseError);
      assertEquals(missing.message, "Issue not found: beads-missing");
    } finally {
      view.close();
    }
    const report = await runDoctor(dir, { git: false });
    assert(report.ok, report.messages.join("\n"));
    assertEquals(report.messages.filter((m) => !m.startsWith("INFO")), ["OK: no issues found"]);
  } finally {
    await Deno.remove(join(dir, "..", ".."), { recursive: true });
  }
});

Deno.test("the first write migrates a legacy store to events without changing any row", async () => {
  const dir = await a15Store();
  try {
    const before = await Deno.readTextFile(join(dir, "issues.jsonl"));
    await mutateStore(dir, { actor: "t" }, () => ({ events: [], result: undefined }));
    const after = await Deno.readTextFile(join(dir, "issues.jsonl"));
    // Same rows, now with the documented defaults (model "") written out.
    assertEquals(after, exportProjection(parseProjection(before).issues));
    assertEquals(after, before.replaceAll('"design":"",', '"design":"","model":"",'));
    const streams = [...Deno.readDirSync(storePaths(dir).streamsDir)].map((e) => e.name).sort();
    assertEquals(streams, ["beads-1.jsonl", "beads-2.jsonl", "beads-3.jsonl", "beads-4.jsonl"]);
    // Manual edits to the projection no longer change what commands read.
    await Deno.writeTextFile(join(dir, "issues.jsonl"), before.replace('"Epic"', '"Edited"'));
    const view = await openView(dir);
    try {
      assertEquals(allIssues(view)[0].title, "Epic");
    } finally {
      view.close();
    }
    const report = await runDoctor(dir, { git: false });
    assert(report.messages.some((m) => m.includes("projection drift")), report.messages.join("\n"));
  } finally {
    await Deno.remove(join(dir, "..", ".."), { recursive: true });
  }
});

Deno.test("a missing store is a clear error", async () => {
  const root = await Deno.makeTempDir();
  try {
    await assertRejects(
      () => openView(join(root, "nope")),
      SaseError,
      `no bead store at ${join(root, "nope")}`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
