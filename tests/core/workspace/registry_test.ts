import { join } from "node:path";
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { readRegistry } from "../../../core/workspace/registry.ts";

const HINT = "move the file aside and run `sase workspace repair` to rebuild it";

Deno.test("readRegistry: a missing registry is null; a damaged one is a workspace.registry error naming it", async () => {
  await using sb = await makeSandbox();
  const path = join(sb.root, "proj", "registry.json");
  assertEquals(await readRegistry(path), null);
  await Deno.mkdir(join(sb.root, "proj"));
  for (
    const [text, message] of [
      ['{"workspaces": {', `${path}: not valid JSON: `],
      ["[]", `${path}: expected a JSON object`],
      ["null", `${path}: expected a JSON object`],
      ['"text"', `${path}: expected a JSON object`],
    ]
  ) {
    await Deno.writeTextFile(path, text);
    const error = await assertRejects(() => readRegistry(path), SaseError, message);
    assertEquals([(error as SaseError).code, (error as SaseError).hint], [
      "workspace.registry",
      HINT,
    ]);
  }
});

Deno.test("readRegistry reads rows leniently: bad keys and rows are skipped, odd fields take defaults", async () => {
  await using sb = await makeSandbox();
  const path = join(sb.root, "registry.json");
  await Deno.writeTextFile(
    path,
    JSON.stringify({
      schema_version: 1,
      project_key: "p-key",
      primary_workspace_dir: "/w/p",
      workspaces: {
        "0": { checkout_dir: "/w/p", materialization: "primary", role: "primary", pinned: true },
        "11": { checkout_dir: "/w/p_11", role: "share", created_at: 5, last_used_at: "7" },
        "12": { role: "mystery", pinned: "yes", created_at: "never" },
        "x1": { checkout_dir: "/w/x" },
        "13": "not a row",
      },
    }),
  );
  assertEquals(await readRegistry(path), {
    schema_version: 1,
    project_key: "p-key",
    primary_workspace_dir: "/w/p",
    workspaces: {
      "0": {
        checkout_dir: "/w/p",
        materialization: "primary",
        role: "primary",
        pinned: true,
        created_at: 0,
        last_used_at: 0,
      },
      "11": {
        checkout_dir: "/w/p_11",
        materialization: "git-clone",
        role: "share",
        pinned: false,
        created_at: 5,
        last_used_at: 7,
      },
      "12": {
        checkout_dir: "",
        materialization: "git-clone",
        role: "claim",
        pinned: false,
        created_at: 0,
        last_used_at: 0,
      },
    },
  });
});
