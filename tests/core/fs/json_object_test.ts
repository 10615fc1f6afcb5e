import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { z } from "zod";
import { SaseError } from "../../../core/errors.ts";
import {
  readCheckedJson,
  readJsonObject,
  readJsonObjectSync,
} from "../../../core/fs/json_object.ts";

const schema = z.object({ name: z.string() });

Deno.test("readCheckedJson: a directory or an endless device in a record's place is a named error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const folder = join(dir, "meta.json");
    await Deno.mkdir(folder);
    const error = await assertRejects(
      () => readCheckedJson(folder, schema, "test.meta"),
      SaseError,
      `${folder}: is a directory, expected a file`,
    );
    assertEquals((error as SaseError).code, "input.is_directory");
    const device = join(dir, "zero.json");
    await Deno.symlink("/dev/zero", device);
    await assertRejects(
      () => readCheckedJson(device, schema, "test.meta"),
      SaseError,
      `${device}: larger than 16 MiB`,
    );
    const good = join(dir, "good.json");
    await Deno.writeTextFile(good, '{"name":"x"}');
    assertEquals(await readCheckedJson(good, schema, "test.meta"), { name: "x" });
    assertEquals(await readCheckedJson(join(dir, "none.json"), schema, "test.meta"), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readJsonObject: an endless device or a directory reads as no record, without hanging", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const device = join(dir, "agent_meta.json");
    await Deno.symlink("/dev/zero", device);
    assertEquals(await readJsonObject(device), undefined);
    assertEquals(readJsonObjectSync(device), undefined);
    assertEquals(await readJsonObject(dir), undefined);
    const good = join(dir, "done.json");
    await Deno.writeTextFile(good, '{"status":"done"}');
    assertEquals(await readJsonObject(good), { status: "done" });
    assertEquals(readJsonObjectSync(good), { status: "done" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
