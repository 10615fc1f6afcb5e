import { join } from "node:path";
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import {
  enableVersionControlled,
  versionControlledEnabled,
} from "../../../core/sdd/project_config.ts";
import { SaseError } from "../../../core/errors.ts";

async function enabled(text: string): Promise<boolean> {
  const dir = await Deno.makeTempDir({ prefix: "sase-sdd-config-" });
  try {
    const path = join(dir, "sase.yml");
    await Deno.writeTextFile(path, text);
    return await versionControlledEnabled(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("versionControlledEnabled: the block sase writes and every other spelling", async () => {
  assertEquals(await enabled("sdd:\n  version_controlled: true\n"), true);
  assertEquals(await enabled("model: x\nsdd:\n    version_controlled: true  \n"), true);
  assertEquals(await enabled("sdd: {version_controlled: true}\n"), true);
  assertEquals(await enabled("sdd:\n  root: plans\n  version_controlled: true\n"), true);
  assertEquals(await enabled("sdd:\n  version_controlled: false\n"), false);
  assertEquals(await enabled("other:\n  sdd:\n    version_controlled: true\n"), false);
  assertEquals(await enabled("# sdd:\n#  version_controlled: true\n"), false);
  assertEquals(await enabled(""), false);
  await assertRejects(() => enabled("sdd: [\n"), SaseError, "sase.yml: invalid YAML:");
  await assertRejects(
    () => enabled("- a\n"),
    SaseError,
    "sase.yml: the top level must be a mapping",
  );
});

Deno.test("enableVersionControlled writes what versionControlledEnabled recognises", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sase-sdd-config-" });
  try {
    const path = join(dir, "sase.yml");
    await Deno.writeTextFile(path, "# mine\nmodel: x\n");
    assertEquals(await enableVersionControlled(path), true);
    assertEquals(await versionControlledEnabled(path), true);
    assertEquals(await enableVersionControlled(path), false);
    assertEquals(
      await Deno.readTextFile(path),
      "# mine\nmodel: x\nsdd:\n  version_controlled: true\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
