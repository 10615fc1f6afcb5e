import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { atomicWriteJson, atomicWriteTextFile } from "../../../core/fs/atomic_write.ts";
import { withFileLock } from "../../../core/fs/lock.ts";

Deno.test("atomic write replaces content, creates parents and leaves no temp files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "nested", "file.txt");
    await atomicWriteTextFile(path, "one\n");
    await atomicWriteTextFile(path, "two\n");
    assertEquals(await Deno.readTextFile(path), "two\n");
    const names = [...Deno.readDirSync(join(dir, "nested"))].map((entry) => entry.name);
    assertEquals(names, ["file.txt"]);
    await atomicWriteJson(join(dir, "data.json"), { b: 1 });
    assertEquals(await Deno.readTextFile(join(dir, "data.json")), '{\n  "b": 1\n}\n');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a failed atomic write keeps the old file and removes its temp file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "target");
    await Deno.mkdir(path);
    await Deno.writeTextFile(join(path, "inner"), "x");
    await assertRejects(() => atomicWriteTextFile(path, "new"));
    assertEquals([...Deno.readDirSync(dir)].map((entry) => entry.name), ["target"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("withFileLock serialises read-modify-write across concurrent callers", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "counter");
    await Deno.writeTextFile(path, "0");
    await Promise.all(Array.from({ length: 20 }, () =>
      withFileLock(path, async () => {
        const value = Number(await Deno.readTextFile(path));
        await new Promise((resolve) => setTimeout(resolve, 1));
        await atomicWriteTextFile(path, String(value + 1));
      })));
    assertEquals(await Deno.readTextFile(path), "20");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
