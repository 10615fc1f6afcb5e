import { assertEquals, assertMatch, assertThrows } from "../../_helpers/assert.ts";
import { git, makeGitRepo } from "../../_helpers/git.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { defaultStateRoot, resolveWorkspaceRoot } from "../../../core/workspace/root.ts";
import { buildLayout, checkoutDir, workspaceLayout } from "../../../core/workspace/layout.ts";
import {
  deriveProjectKey,
  normalizeGitUrl,
  projectKeyFromPath,
} from "../../../core/workspace/project_key.ts";
import type { SaseConfig } from "../../../core/config/types.ts";
import { SaseError } from "../../../core/errors.ts";

const ENV = { HOME: "/h", XDG_STATE_HOME: "/h/state" };

Deno.test("root policy: xdg-state default per platform, adjacent, absolute, env override, bad value", () => {
  assertEquals(resolveWorkspaceRoot(undefined, ENV, "/cwd", "linux"), {
    policy: "xdg-state",
    base: "/h/state/sase/workspaces",
  });
  assertEquals(defaultStateRoot({ HOME: "/h" }, "linux"), "/h/.local/state/sase/workspaces");
  assertEquals(
    defaultStateRoot({ HOME: "/h" }, "darwin"),
    "/h/Library/Application Support/sase/workspaces",
  );
  assertEquals(resolveWorkspaceRoot("adjacent", ENV, "/cwd"), { policy: "adjacent", base: null });
  assertEquals(resolveWorkspaceRoot("/mnt/ws", ENV, "/cwd"), {
    policy: "absolute",
    base: "/mnt/ws",
  });
  assertEquals(
    resolveWorkspaceRoot("adjacent", { ...ENV, SASE_WORKSPACE_ROOT: "/tmp/r" }, "/cwd"),
    { policy: "absolute", base: "/tmp/r" },
  );
  assertMatch(
    assertThrows(() => resolveWorkspaceRoot("relative/dir", ENV, "/cwd"), SaseError).message,
    /absolute/,
  );
});

Deno.test("checkout paths: #0 primary everywhere, <primary>_<num> adjacent, <root>/<key>/<project>_<num> managed", () => {
  const adjacent = buildLayout({
    project: "proj",
    primaryDir: "/src/proj/",
    projectKey: "k",
    root: { policy: "adjacent", base: null },
  });
  assertEquals(
    [0, 1, 10].map((n) => checkoutDir(adjacent, n)),
    ["/src/proj", "/src/proj", "/src/proj_10"],
  );
  assertEquals(adjacent.registryPath, null);
  const managed = buildLayout({
    project: "proj",
    primaryDir: "/src/checkout",
    projectKey: "github.com_org_repo",
    root: { policy: "absolute", base: "/mnt/ws" },
  });
  assertEquals(
    [0, 10].map((n) => checkoutDir(managed, n)),
    ["/src/checkout", "/mnt/ws/github.com_org_repo/proj_10"],
  );
  assertEquals(managed.registryPath, "/mnt/ws/github.com_org_repo/registry.json");
});

Deno.test("project key: explicit wins, one hosted remote gives its slug, otherwise basename + path hash", async () => {
  assertEquals(normalizeGitUrl("git@github.com:org/repo.git"), "github.com/org/repo");
  assertEquals(normalizeGitUrl("https://user@github.com:443/org/repo/"), "github.com/org/repo");
  assertEquals(normalizeGitUrl("/home/me/.sase/repos/x.git"), null);
  assertEquals(
    await deriveProjectKey("/a/p", ["git@github.com:org/repo.git"]),
    "github.com_org_repo",
  );
  assertEquals(await deriveProjectKey("/a/p", [], " my key "), "my_key");
  assertMatch(await projectKeyFromPath("/a/p"), /^p-[0-9a-f]{8}$/);
  assertEquals(await projectKeyFromPath("/a/p") === await projectKeyFromPath("/b/p"), false);
  // Keys already on disk name existing checkouts: the hash must never change.
  const { createHash } = await import("node:crypto");
  assertEquals(
    await projectKeyFromPath("/a/p"),
    `p-${createHash("sha256").update("/a/p").digest("hex").slice(0, 8)}`,
  );

  await using sb = await makeSandbox();
  const primary = await makeGitRepo(`${sb.root}/primary`, sb.env);
  await git(primary, sb.env, "remote", "add", "origin", "https://example.com/org/tool.git");
  const config: SaseConfig = { workspace: { root: "/mnt/x" } };
  const layout = await workspaceLayout({ project: "tool", primaryDir: primary }, {
    env: sb.env,
    config,
    cwd: sb.cwd,
  });
  assertEquals([layout.projectKey, layout.rootDir], [
    "example.com_org_tool",
    "/mnt/x/example.com_org_tool",
  ]);
});
