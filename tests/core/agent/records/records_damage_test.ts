/**
 * Damaged run records lose nothing: an unreadable name registry is refused
 * (reading it as empty would hand out names runs already hold), and an
 * unreadable agent_meta.json is kept aside before a fresh one is written.
 */

import { join } from "node:path";
import { assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import {
  nameRegistryPath,
  readNameRegistry,
  reserveAgentName,
} from "../../../../core/agent/identity/naming.ts";
import { updateAgentMeta } from "../../../../core/agent/records/meta.ts";
import { SaseError } from "../../../../core/errors.ts";

const reservation = { timestamp: "260101_000000", project: "p", artifacts_dir: "/runs/x" };

Deno.test("an unreadable name registry is refused by readers and writers, and left as it was", async () => {
  await using sb = await makeSandbox();
  const path = nameRegistryPath(sb.env);
  await Deno.mkdir(join(path, ".."), { recursive: true });
  for (
    const [text, reason] of [
      ['{"schema_version": 1, "names": {"0": {', "not valid JSON"],
      ['{"schema_version": 1, "names": []}', "it has no 'names' mapping"],
      ["[]", "it has no 'names' mapping"],
    ]
  ) {
    await Deno.writeTextFile(path, text);
    const error = await assertRejects(
      () => reserveAgentName(sb.env, undefined, reservation),
      SaseError,
      `${path}: unreadable agent name registry: ${reason}`,
    );
    assertEquals((error as SaseError).hint?.includes("sase agent names migrate-auto"), true);
    await assertRejects(() => readNameRegistry(sb.env), SaseError, "unreadable agent name");
    assertEquals(await Deno.readTextFile(path), text);
  }
  // A missing registry is simply empty: the first auto-name is "0".
  await Deno.remove(path);
  assertEquals(await reserveAgentName(sb.env, undefined, reservation), "0");
});

Deno.test("an unreadable agent_meta.json is kept aside before the update is written", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.root, "run");
  await Deno.mkdir(dir);
  const path = join(dir, "agent_meta.json");
  await Deno.writeTextFile(path, '{"name": "a", "status": "runn');
  const next = await updateAgentMeta(dir, { status: "done" });
  assertEquals(next, { status: "done" });
  assertEquals(JSON.parse(await Deno.readTextFile(path)), { status: "done" });
  const aside = [...Deno.readDirSync(dir)].map((entry) => entry.name).filter((name) =>
    name.startsWith("agent_meta.json.corrupt-")
  );
  assertEquals(aside.length, 1);
  assertEquals(await Deno.readTextFile(join(dir, aside[0])), '{"name": "a", "status": "runn');
  // A readable file is merged as before, and nothing more is set aside.
  assertEquals(await updateAgentMeta(dir, { name: "a" }), { status: "done", name: "a" });
  assertEquals(
    [...Deno.readDirSync(dir)].map((entry) => entry.name).filter((name) => !name.endsWith(".lock"))
      .sort(),
    ["agent_meta.json", aside[0]],
  );
});
