import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { z } from "zod";
import { SaseError } from "../../../core/errors.ts";
import {
  jsonListItems,
  readCheckedJson,
  readJsonFile,
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

Deno.test("readJsonFile: missing is undefined, JSON null is null, invalid JSON is worded as asked", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assertEquals(await readJsonFile(join(dir, "none.json"), "test.file"), undefined);
    const nullFile = join(dir, "null.json");
    await Deno.writeTextFile(nullFile, "null");
    assertEquals(await readJsonFile(nullFile, "test.file"), null);
    const list = join(dir, "list.json");
    await Deno.writeTextFile(list, "[1, 2]");
    assertEquals(await readJsonFile(list, "test.file"), [1, 2]);

    const broken = join(dir, "broken.json");
    await Deno.writeTextFile(broken, '{"a":');
    const plain = await assertRejects(
      () => readJsonFile(broken, "test.file"),
      SaseError,
      `${broken}: invalid JSON: `,
    );
    assertEquals([(plain as SaseError).code, (plain as SaseError).hint], ["test.file", undefined]);
    const worded = await assertRejects(
      () =>
        readJsonFile(broken, "test.registry", {
          hint: "rebuild it",
          invalidJson: "not valid JSON",
        }),
      SaseError,
      `${broken}: not valid JSON: `,
    );
    assertEquals([(worded as SaseError).code, (worded as SaseError).hint], [
      "test.registry",
      "rebuild it",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readCheckedJson: a failed check names the field; the hint and wording apply to every error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "meta.json");
    await Deno.writeTextFile(path, '{"name": 3}');
    const field = await assertRejects(
      () => readCheckedJson(path, schema, "test.meta", { hint: "fix it" }),
      SaseError,
      `${path}: field 'name' `,
    );
    assertEquals((field as SaseError).hint, "fix it");
    await Deno.writeTextFile(path, "{");
    const json = await assertRejects(
      () => readCheckedJson(path, schema, "test.meta", { hint: "fix it", invalidJson: "bad JSON" }),
      SaseError,
      `${path}: bad JSON: `,
    );
    assertEquals([(json as SaseError).code, (json as SaseError).hint], ["test.meta", "fix it"]);
    // JSON null is content to check, not a missing file.
    await Deno.writeTextFile(path, "null");
    await assertRejects(
      () => readCheckedJson(path, schema, "test.meta"),
      SaseError,
      `${path}: field ''`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("jsonListItems: a JSON list's items; anything else gives none", () => {
  assertEquals(jsonListItems('[1, "a", null, {"b": 2}]'), [1, "a", null, { b: 2 }]);
  assertEquals(jsonListItems("[]"), []);
  assertEquals(jsonListItems('{"items": [1]}'), []);
  assertEquals(jsonListItems("null"), []);
  assertEquals(jsonListItems("[1, 2"), []);
  assertEquals(jsonListItems(""), []);
});
