import { assert, assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import denoConfig from "../../deno.json" with { type: "json" };
import { detectBuildMode, pinnedPackages } from "../../core/version_inventory.ts";

Deno.test("sase version -j: schema_version 1, runtime of this process, packages", async () => {
  await using sb = await makeSandbox();
  const result = await runSase(["version", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  const inventory = JSON.parse(result.stdout);
  assertEquals(inventory.schema_version, 1);
  assertEquals(inventory.runtime.sase, denoConfig.version);
  assertEquals(inventory.runtime.deno, Deno.version.deno);
  assertEquals(inventory.runtime.v8, Deno.version.v8);
  assertEquals(inventory.runtime.typescript, Deno.version.typescript);
  assertEquals(inventory.runtime.build_mode, "source");
  assertEquals(inventory.packages[0].name, "@sase/sase");
  assertEquals(inventory.packages[0].role, "host");
  assert(inventory.packages.some((pkg: { name: string }) => pkg.name === "commander"));
  assertMatch(inventory.install.main_module, /^file:\/\/.*\/main\.ts$/);
  assertMatch(inventory.install.git.commit, /^[0-9a-f]{40}$/, "run from a git checkout");
});

Deno.test("sase version prints versions; -v adds install path, main module and git commit", async () => {
  await using sb = await makeSandbox();
  const plain = await runSase(["version"], { env: sb.env, cwd: sb.cwd });
  assertEquals(plain.code, 0, plain.stderr);
  assertStringIncludes(plain.stdout, `sase ${denoConfig.version} (source)`);
  assertStringIncludes(plain.stdout, Deno.version.v8);
  assertStringIncludes(plain.stdout, Deno.version.typescript);
  assert(!plain.stdout.includes("main_module"));
  const verbose = await runSase(["version", "-v"], { env: sb.env, cwd: sb.cwd });
  assertStringIncludes(verbose.stdout, "main_module");
  assertStringIncludes(verbose.stdout, "exec_path");
  assertMatch(verbose.stdout, /git_commit\s+[0-9a-f]{40}/);
});

Deno.test("build mode: Deno.build.standalone first, the deno-compile path as a fallback", () => {
  assertEquals(
    detectBuildMode({ standalone: true, mainModule: "file:///work/main/main.ts" }),
    "compiled",
  );
  assertEquals(
    detectBuildMode({ standalone: false, mainModule: "file:///tmp/deno-compile-sase/main.ts" }),
    "source",
  );
  assertEquals(
    detectBuildMode({ mainModule: "file:///tmp/deno-compile-sase/main.ts" }),
    "compiled",
  );
  assertEquals(detectBuildMode({ mainModule: "file:///work/main/main.ts" }), "source");
});

Deno.test("pinned packages are read from npm: specifiers in the import map", () => {
  assertEquals(
    pinnedPackages({ zod: "npm:zod@4.6.7", "@a/b": "npm:@a/b@1.2.3", local: "./x.ts" }),
    [
      { name: "zod", role: "dependency", version: "4.6.7", location: "npm:zod@4.6.7" },
      { name: "@a/b", role: "dependency", version: "1.2.3", location: "npm:@a/b@1.2.3" },
    ],
  );
});
