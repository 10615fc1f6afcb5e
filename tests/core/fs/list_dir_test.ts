import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { listDirSync } from "../../../core/fs/list_dir.ts";

Deno.test("listDirSync: a directory's entries; a missing directory or a file lists as empty", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "sub"));
    await Deno.writeTextFile(join(dir, "file.txt"), "x");
    const entries = listDirSync(dir).map((entry) => [entry.name, entry.isDirectory]).sort();
    assertEquals(entries, [["file.txt", false], ["sub", true]]);
    assertEquals(listDirSync(join(dir, "sub")), []);
    assertEquals(listDirSync(join(dir, "missing")), []);
    assertEquals(listDirSync(join(dir, "file.txt")), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
