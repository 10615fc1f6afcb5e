import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { appendJsonl, appendJsonlLocked, parseJsonl, readJsonl } from "../../../core/fs/jsonl.ts";

const WORKER = fileURLToPath(new URL("./jsonl_append_worker.ts", import.meta.url));

Deno.test("8 processes appending 250 lines each leave exactly 2,000 valid lines", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.jsonl");
    const children = Array.from({ length: 8 }, (_, writer) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", WORKER, path, String(writer), "250"],
        stdout: "null",
        stderr: "piped",
      }).output());
    for (const output of await Promise.all(children)) {
      assertEquals(output.code, 0, new TextDecoder().decode(output.stderr));
    }
    const { records, problems } = await readJsonl<{ writer: number; index: number }>(path);
    assertEquals(problems, []);
    assertEquals(records.length, 2000);
    const keys = new Set(records.map((record) => `${record.writer}:${record.index}`));
    assertEquals(keys.size, 2000);
    for (let writer = 0; writer < 8; writer++) {
      const own = records.filter((record) => record.writer === writer).map((record) =>
        record.index
      );
      assertEquals(own, Array.from({ length: 250 }, (_, index) => index), "per-writer order kept");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a torn last line is reported and the rest is read intact", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.jsonl");
    await Deno.writeTextFile(path, '{"a":1}\n{"a":2}\n\n{"a":3}\n{"a":4,"b":"cut');
    const { records, problems } = await readJsonl(path);
    assertEquals(records, [{ a: 1 }, { a: 2 }, { a: 3 }]);
    assertEquals(problems.length, 1);
    assertEquals(problems[0].line, 5);
    assertEquals(problems[0].torn, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("appending after a torn line starts a fresh line and loses nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.jsonl");
    await Deno.writeTextFile(path, '{"a":1}\n{"a":2,"b');
    await appendJsonl(path, [{ a: 3 }, { a: 4 }]);
    const { records, problems } = await readJsonl(path);
    assertEquals(records, [{ a: 1 }, { a: 3 }, { a: 4 }]);
    assertEquals(problems.map((problem) => [problem.line, problem.torn]), [[2, false]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("invalid middle lines are skipped with their line numbers; missing file reads empty", async () => {
  const parsed = parseJsonl('{"ok":1}\nnot json\r\n{"ok":2}\n');
  assertEquals(parsed.records, [{ ok: 1 }, { ok: 2 }]);
  assertEquals(parsed.problems.map((problem) => [problem.line, problem.torn]), [[2, false]]);
  assertEquals(await readJsonl("/nonexistent/dir/none.jsonl"), { records: [], problems: [] });
});

Deno.test("readJsonl is bounded: a larger file, an endless device and a directory are named errors", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.jsonl");
    const text = '{"a":1}\n{"a":2}\n';
    await Deno.writeTextFile(path, text);
    assertEquals((await readJsonl(path, text.length)).records, [{ a: 1 }, { a: 2 }]);
    const tooLarge = await assertRejects(() => readJsonl(path, text.length - 1), SaseError, path);
    assertEquals((tooLarge as SaseError).code, "input.too_large");
    const device = join(dir, "zero.jsonl");
    await Deno.symlink("/dev/zero", device);
    const endless = await assertRejects(() => readJsonl(device, 1024 * 1024), SaseError, device);
    assertEquals(endless.message, `${device}: larger than 1 MiB, the most sase reads from it`);
    const folder = join(dir, "folder.jsonl");
    await Deno.mkdir(folder);
    await assertRejects(() => readJsonl(folder), SaseError, `${folder}: is a directory`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "appendJsonl's mode sets the permissions of a file it creates, never of an existing one",
  ignore: Deno.build.os === "windows",
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const fresh = join(dir, "nested", "private.jsonl");
      await appendJsonl(fresh, [{ a: 1 }], { mode: 0o600 });
      assertEquals((await Deno.stat(fresh)).mode! & 0o777, 0o600);
      assertEquals(await Deno.readTextFile(fresh), '{"a":1}\n');
      // A later append with another mode leaves the file's permissions alone.
      await appendJsonl(fresh, [{ a: 2 }], { mode: 0o644 });
      assertEquals((await Deno.stat(fresh)).mode! & 0o777, 0o600);
      const existing = join(dir, "shared.jsonl");
      await Deno.writeTextFile(existing, "");
      await Deno.chmod(existing, 0o644);
      await appendJsonl(existing, [{ b: 1 }], { mode: 0o600 });
      assertEquals((await Deno.stat(existing)).mode! & 0o777, 0o644);
      assertEquals(await Deno.readTextFile(existing), '{"b":1}\n');
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("appendJsonlLocked counts the bytes the file grew by, the torn-line repair included", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "stream.jsonl");
    // Nothing to append: no file is created and nothing is counted.
    assertEquals(await appendJsonlLocked(path, []), 0);
    assertEquals(await Deno.stat(path).then(() => true, () => false), false);
    assertEquals(await appendJsonlLocked(path, [{ a: 1 }, { a: 2 }]), 16); // '{"a":1}\n' twice
    await Deno.writeTextFile(path, '{"a":3', { append: true });
    const before = (await Deno.stat(path)).size;
    // A newline ends the torn fragment, then the record: 1 + 8 bytes.
    assertEquals(await appendJsonlLocked(path, [{ a: 4 }]), 9);
    assertEquals((await Deno.stat(path)).size, before + 9);
    assertEquals(await Deno.readTextFile(path), '{"a":1}\n{"a":2}\n{"a":3\n{"a":4}\n');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("appendJsonlLocked refuses to append through a symbolic link; the target is untouched", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const target = join(dir, "outside.txt");
    await Deno.writeTextFile(target, "precious\n");
    const link = join(dir, "events.jsonl");
    await Deno.symlink(target, link);
    await assertRejects(
      () => appendJsonlLocked(link, [{ a: 1 }]),
      SaseError,
      `${link}: is a symbolic link; sase does not append through links`,
    );
    assertEquals(await Deno.readTextFile(target), "precious\n");
    // A regular file (and a missing one, created) is appended to as before.
    const plain = join(dir, "plain.jsonl");
    await appendJsonlLocked(plain, [{ a: 1 }]);
    await appendJsonlLocked(plain, [{ b: 2 }]);
    assertEquals(await Deno.readTextFile(plain), '{"a":1}\n{"b":2}\n');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
