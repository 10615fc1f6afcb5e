import { join } from "node:path";
import { assertEquals, assertMatch, assertNotEquals } from "../../../../_helpers/assert.ts";
import { git, makeGitRepo } from "../../../../_helpers/git.ts";
import { makeSandbox } from "../../../../_helpers/sandbox.ts";
import {
  captureDirtyBaseline,
  pathFingerprint,
  recordedBaseline,
  writeDirtyBaseline,
} from "../../../../../core/agent/run/finalize/dirty_baseline.ts";

Deno.test("pathFingerprint follows content, link targets and absence", async () => {
  await using sandbox = await makeSandbox();
  const a = await sandbox.write("a.txt", "same bytes\n");
  const b = await sandbox.write("b.txt", "same bytes\n");
  const c = await sandbox.write("c.txt", "Same bytes\n");
  assertEquals(await pathFingerprint(a), await pathFingerprint(b));
  assertNotEquals(await pathFingerprint(a), await pathFingerprint(c));
  // sha256 of "same bytes\n", computed independently.
  assertEquals(
    await pathFingerprint(a),
    "sha256:" + Array.from(
      new Uint8Array(
        await crypto.subtle.digest("SHA-256", new TextEncoder().encode("same bytes\n")),
      ),
    ).map((byte) => byte.toString(16).padStart(2, "0")).join(""),
  );
  // Larger than one read chunk: every chunk counts.
  const big = "x".repeat(200_000);
  const bigA = await sandbox.write("big-a", big);
  const bigB = await sandbox.write("big-b", big.slice(0, -1) + "y");
  assertNotEquals(await pathFingerprint(bigA), await pathFingerprint(bigB));
  await Deno.symlink("a.txt", join(sandbox.root, "link"));
  assertMatch(await pathFingerprint(join(sandbox.root, "link")), /^symlink:[0-9a-f]{64}$/);
  await Deno.symlink("nowhere", join(sandbox.root, "dangling"));
  assertMatch(await pathFingerprint(join(sandbox.root, "dangling")), /^symlink:/);
  assertEquals(await pathFingerprint(join(sandbox.root, "absent")), "missing");
});

Deno.test("captureDirtyBaseline records tracked edits, deletions and untracked files, not .sase/", async () => {
  await using sandbox = await makeSandbox();
  const repo = await makeGitRepo(join(sandbox.root, "ws"), sandbox.env, {
    "keep.md": "k\n",
    "edit.md": "e\n",
    "drop.md": "d\n",
  });
  await Deno.writeTextFile(join(repo, "edit.md"), "edited\n");
  await Deno.remove(join(repo, "drop.md"));
  await Deno.mkdir(join(repo, "dir", "deep"), { recursive: true });
  await Deno.writeTextFile(join(repo, "dir", "deep", "new.md"), "n\n");
  await Deno.mkdir(join(repo, ".sase"));
  await Deno.writeTextFile(join(repo, ".sase", "state"), "s\n");
  await git(repo, sandbox.env, "add", "edit.md");
  const baseline = await captureDirtyBaseline({
    workspaceDir: join(repo, "dir"),
    config: {},
    env: sandbox.env,
  });
  assertEquals(baseline?.repos.length, 1);
  const [main] = baseline!.repos;
  assertEquals(main.root, repo);
  assertEquals(Object.keys(main.files).sort(), ["dir/deep/new.md", "drop.md", "edit.md"]);
  assertEquals(main.files["drop.md"], "missing");
  assertEquals(main.files["edit.md"], await pathFingerprint(join(repo, "edit.md")));
  assertEquals(main.status, { "dir/deep/new.md": "??", "drop.md": " D", "edit.md": "M " });
  const artifacts = join(sandbox.root, "run");
  await Deno.mkdir(artifacts);
  await writeDirtyBaseline(artifacts, baseline!);
  const path = join(artifacts, "dirty_at_start.json");
  assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
  const written = JSON.parse(await Deno.readTextFile(path));
  assertEquals(written.repos[0].files.find((file: { path: string }) => file.path === "drop.md"), {
    path: "drop.md",
    status: " D",
    fingerprint: "missing",
  });
});

Deno.test("captureDirtyBaseline is undefined outside a git checkout", async () => {
  await using sandbox = await makeSandbox();
  assertEquals(
    await captureDirtyBaseline({ workspaceDir: sandbox.cwd, config: {}, env: sandbox.env }),
    undefined,
  );
});

Deno.test("recordedBaseline reads back what writeDirtyBaseline wrote; none is a clean start", async () => {
  await using sandbox = await makeSandbox();
  const dir = join(sandbox.root, "run");
  await Deno.mkdir(dir);
  assertEquals(await recordedBaseline(dir), { capturedAt: "", repos: [] });
  const baseline = {
    capturedAt: "2026-01-01T00:00:00.000Z",
    repos: [{
      root: "/w",
      files: { "a.md": "sha256:00", "gone.md": "missing" },
      status: { "a.md": " M", "gone.md": " D" },
    }],
  };
  await writeDirtyBaseline(dir, baseline);
  assertEquals(await recordedBaseline(dir), baseline);
  // Unreadable as a baseline: the caller must take a fresh one rather than guess.
  for (const text of ["{torn", '{"repos": [{"root": 1, "files": []}]}', '{"repos": "x"}']) {
    await Deno.writeTextFile(join(dir, "dirty_at_start.json"), text);
    assertEquals(await recordedBaseline(dir), undefined, text);
  }
});
