import { assertEquals, assertRejects, assertThrows } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import {
  formatBytes,
  readBytesBounded,
  readTextBounded,
  readTextBoundedSync,
  readTextEdgeSync,
  readTextOrNullSync,
} from "../../../core/fs/bounded_read.ts";

Deno.test("readTextBounded: a file at the limit reads whole; one byte over is too large", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/f.txt`;
    await Deno.writeTextFile(path, "x".repeat(100));
    assertEquals(await readTextBounded(path, 100), "x".repeat(100));
    assertEquals(readTextBoundedSync(path, 100), "x".repeat(100));
    const error = await assertRejects(() => readTextBounded(path, 99), SaseError, path);
    assertEquals((error as SaseError).code, "input.too_large");
    assertEquals(error.message, `${path}: larger than 99 bytes, the most sase reads from it`);
    assertThrows(() => readTextBoundedSync(path, 99), SaseError, "larger than 99 bytes");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readBytesBounded: an endless device behind a symlink stops at the limit", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/store.jsonl`;
    await Deno.symlink("/dev/zero", path);
    const error = await assertRejects(() => readBytesBounded(path, 1024 * 1024), SaseError);
    assertEquals((error as SaseError).code, "input.too_large");
    assertEquals(error.message, `${path}: larger than 1 MiB, the most sase reads from it`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readTextBounded: a directory is named as such; a missing file stays NotFound", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const error = await assertRejects(() => readTextBounded(dir, 10), SaseError);
    assertEquals((error as SaseError).code, "input.is_directory");
    assertEquals(error.message, `${dir}: is a directory, expected a file`);
    assertThrows(() => readTextBoundedSync(dir, 10), SaseError, "is a directory");
    await assertRejects(() => readTextBounded(`${dir}/missing`, 10), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("formatBytes: whole MiB and KiB, otherwise bytes", () => {
  assertEquals(formatBytes(16 * 1024 * 1024), "16 MiB");
  assertEquals(formatBytes(512 * 1024), "512 KiB");
  assertEquals(formatBytes(1536), "1536 bytes");
  assertEquals(formatBytes(12), "12 bytes");
});

Deno.test("readTextOrNullSync: the text within the limit, null for whatever cannot be read", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/meta.json`;
    await Deno.writeTextFile(path, '{"a":1}');
    assertEquals(readTextOrNullSync(path, 7), '{"a":1}');
    assertEquals(readTextOrNullSync(path, 6), null);
    assertEquals(readTextOrNullSync(`${dir}/missing.json`, 100), null);
    assertEquals(readTextOrNullSync(dir, 100), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readTextEdgeSync: at most the given bytes from the head or the tail; null when unreadable", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/reply.md`;
    await Deno.writeTextFile(path, "0123456789");
    assertEquals(readTextEdgeSync(path, "head", 4), "0123");
    assertEquals(readTextEdgeSync(path, "tail", 4), "6789");
    // A file shorter than the window reads whole from either edge.
    assertEquals(readTextEdgeSync(path, "head", 64), "0123456789");
    assertEquals(readTextEdgeSync(path, "tail", 64), "0123456789");
    await Deno.writeTextFile(`${dir}/empty.md`, "");
    assertEquals(readTextEdgeSync(`${dir}/empty.md`, "tail", 4), "");
    assertEquals(readTextEdgeSync(`${dir}/missing.md`, "head", 4), null);
    assertEquals(readTextEdgeSync(dir, "head", 4), null);
    // An endless device: the head window stops the read.
    assertEquals(readTextEdgeSync("/dev/zero", "head", 3), "\0\0\0");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
