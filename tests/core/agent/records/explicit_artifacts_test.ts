import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import {
  artifactIndexPath,
  createExplicitArtifact,
  inferArtifactKind,
  listExplicitArtifacts,
  parseArtifactKind,
} from "../../../../core/agent/records/explicit_artifacts.ts";
import { runDir } from "../index/_runs.ts";
import { SaseError } from "../../../../core/errors.ts";

Deno.test("create moves the file into SASE_HOME/artifacts and associates it with the run", async () => {
  await using sb = await makeSandbox();
  const agentDir = runDir(sb.saseHome, "proj", "20260101090000");
  await Deno.mkdir(agentDir, { recursive: true });
  await Deno.writeTextFile(join(agentDir, "agent_meta.json"), '{"name": "painter"}');
  await sb.write("work/out/chart.png", "png-bytes");
  const artifact = await createExplicitArtifact({
    env: sb.env,
    path: "out/chart.png",
    cwd: sb.cwd,
    agentDir,
    label: "Chart",
  });
  assertEquals([artifact.kind, artifact.label, artifact.agent_name], ["image", "Chart", "painter"]);
  assert(
    artifact.path.startsWith(join(sb.saseHome, "artifacts", "agents", "proj", "20260101090000")),
  );
  assertEquals(await Deno.readTextFile(artifact.path), "png-bytes");
  // The source moved away.
  await assertRejects(() => Deno.stat(join(sb.cwd, "out/chart.png")), Deno.errors.NotFound);

  // The association survives the run directory moving (dismiss + revive).
  const listed = await listExplicitArtifacts(sb.env, {
    project: "proj",
    timestamp: "20260101090000",
  });
  assertEquals(listed.map((item) => item.path), [artifact.path]);
  assertEquals(await listExplicitArtifacts(sb.env, { project: "proj", timestamp: "x" }), []);
  const line = JSON.parse((await Deno.readTextFile(artifactIndexPath(sb.env))).trim());
  assertEquals(line.schema_version, 1);

  await Deno.remove(artifact.path);
  assertEquals(
    await listExplicitArtifacts(sb.env, { project: "proj", timestamp: "20260101090000" }),
    [],
    "deleted files are left out",
  );
});

Deno.test("missing files and directories are refused; kinds infer and parse", async () => {
  await using sb = await makeSandbox();
  const input = { env: sb.env, cwd: sb.cwd, agentDir: sb.cwd };
  await assertRejects(
    () => createExplicitArtifact({ ...input, path: "nope.txt" }),
    SaseError,
    "does not exist",
  );
  await assertRejects(
    () => createExplicitArtifact({ ...input, path: "." }),
    SaseError,
    "not a regular file",
  );
  assertEquals(
    ["a.PNG", "b.md", "c.pdf", "d.txt"].map(inferArtifactKind),
    ["image", "markdown", "pdf", "file"],
  );
  assertEquals(parseArtifactKind("PDF"), "pdf");
});
