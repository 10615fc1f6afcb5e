import { assert, assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { join } from "node:path";
import {
  atomicWriteJson,
  atomicWriteTextFile,
  removeStaleTemps,
} from "../../../core/fs/atomic_write.ts";
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
    // Without the flush to disk it is the same whole-file replacement.
    await atomicWriteTextFile(path, "three\n", { sync: false, mode: 0o600 });
    assertEquals(await Deno.readTextFile(path), "three\n");
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
    assertEquals([...Deno.readDirSync(join(dir, "nested"))].map((entry) => entry.name), [
      "file.txt",
    ]);
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
    await assertRejects(() => atomicWriteTextFile(path, "new"), Deno.errors.IsADirectory);
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

/** The pid of a process that has exited (and so names no live writer). */
async function deadPid(): Promise<number> {
  const child = new Deno.Command("true").spawn();
  await child.status;
  return child.pid;
}

Deno.test("the next writer removes temp files a killed writer of the same target left", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "state.json");
    const dead = await deadPid();
    const names = {
      // What a writer killed between create and rename leaves: must go.
      killed: `.state.json.${dead}.0a1b2c3d.tmp`,
      // A live writer (this process) still writing: must stay.
      live: `.state.json.${Deno.pid}.0a1b2c3e.tmp`,
      // Temps of other targets, and names outside the exact pattern: never touched.
      otherTarget: `.other.json.${dead}.0a1b2c3d.tmp`,
      prefixTarget: `.state.json.bak.${dead}.0a1b2c3d.tmp`,
      noPid: ".state.json.tmp",
      badId: `.state.json.${dead}.zz.tmp`,
      userFile: `state.json.${dead}.0a1b2c3d.tmp`,
    };
    for (const name of Object.values(names)) await Deno.writeTextFile(join(dir, name), "partial");
    await atomicWriteTextFile(path, "new\n");
    const left = [...Deno.readDirSync(dir)].map((entry) => entry.name).sort();
    const expected = Object.entries(names).filter(([key]) => key !== "killed").map(([, n]) => n);
    assertEquals(left, [...expected, "state.json"].sort());
    assertEquals(await Deno.readTextFile(path), "new\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a temp file of a live pid is stale once older than an hour (pid reuse)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "f.txt");
    const temp = join(dir, `.f.txt.${Deno.pid}.00000000.tmp`);
    await Deno.writeTextFile(temp, "x");
    const now = Date.now();
    // 59 minutes old: a live writer may still own it.
    await Deno.utime(temp, new Date(now - 59 * 60_000), new Date(now - 59 * 60_000));
    assertEquals(await removeStaleTemps(path, now), []);
    await Deno.utime(temp, new Date(now - 61 * 60_000), new Date(now - 61 * 60_000));
    assertEquals(await removeStaleTemps(path, now), [temp]);
    assert(!(await Deno.stat(temp).then(() => true, () => false)), "removed from disk");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
