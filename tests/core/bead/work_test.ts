import { join } from "node:path";
import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { makeGitRepo } from "../../_helpers/git.ts";
import { type Issue, newIssue } from "../../../core/bead/model.ts";
import { cdReference, planWork } from "../../../core/bead/work.ts";
import { resolveWorkContext } from "../../../core/bead/work_context.ts";

function issues(rows: (Partial<Issue> & Pick<Issue, "id" | "title">)[]) {
  return new Map(rows.map((row) => [row.id, newIssue(row)]));
}

const EPIC = issues([
  { id: "e-1", title: "Epic", issue_type: "plan", tier: "epic" },
  { id: "e-1.1", title: "One", issue_type: "phase", parent_id: "e-1" },
  {
    id: "e-1.2",
    title: "Two",
    issue_type: "phase",
    parent_id: "e-1",
    dependencies: [{ issue_id: "e-1.2", depends_on_id: "e-1.1", created_at: "", created_by: "" }],
  },
]);

Deno.test("planWork: a workspace reference leads every segment when no VCS reference is known", () => {
  const plan = planWork(EPIC, "e-1", { workspaceRef: "#cd:/src/proj" });
  assertEquals(plan.segments.map((segment) => segment.text.split("\n").at(-1)), [
    "#cd:/src/proj #bd/work_phase_bead(bead_id=e-1.1)",
    "#cd:/src/proj #bd/work_phase_bead(bead_id=e-1.2)",
    "#cd:/src/proj #bd/land_epic(bead_id=e-1)",
  ]);
  const vcs = planWork(EPIC, "e-1", { projectRef: "#git:proj", workspaceRef: "#cd:/src/proj" });
  assertEquals(
    vcs.segments[0].text.split("\n").at(-1),
    "#git:proj #bd/work_phase_bead(bead_id=e-1.1)",
  );
});

Deno.test("planWork: legend segments carry the workspace reference too", () => {
  const legend = issues([{
    id: "l-1",
    title: "Roadmap",
    issue_type: "plan",
    tier: "legend",
    epic_count: 2,
    design: "sdd/legends/202605/r.md",
  }]);
  const plan = planWork(legend, "l-1", { workspaceRef: "#cd:/src/proj" });
  assertEquals(
    plan.segments[1].text.split("\n").at(-1),
    "#cd:/src/proj Plan epic 2 of 2 for the legend plan sdd/legends/202605/r.md (legend bead l-1).",
  );
  assertEquals(
    plan.segments[2].text.split("\n").at(-1),
    "#cd:/src/proj #bd/land_legend(bead_id=l-1)",
  );
});

Deno.test("cdReference: colon form, parenthesised with whitespace, refused with ')'", () => {
  assertEquals(cdReference("/src/proj"), "#cd:/src/proj");
  assertEquals(cdReference("/src/my proj"), "#cd(/src/my proj)");
  assertEquals(
    assertThrows(() => cdReference("/src/a)b"), SaseError).message,
    "cannot name /src/a)b in a #cd reference",
  );
});

Deno.test("resolveWorkContext: tagged xprompts override the built-ins; only a git checkout is pinned", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.root, "repo"), sb.env, {
    "xprompts/my_phase.md":
      "---\ntags: work_phase_bead\ninput:\n  bead_id: word\n---\nDo {{ bead_id }}.\n",
  });
  const context = await resolveWorkContext({ env: sb.env, cwd: repo, checkoutRoot: repo });
  assertEquals(context.workspaceRef, `#cd:${repo}`);
  assertEquals(context.references, {
    workPhase: "my_phase",
    landEpic: "bd/land_epic",
    landLegend: "bd/land_legend",
  });
  const plain = await resolveWorkContext({ env: sb.env, cwd: sb.cwd, checkoutRoot: sb.cwd });
  assertEquals(plain.workspaceRef, undefined);
  assertEquals(plain.references?.workPhase, "bd/work_phase_bead");
});
