import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { which, whichSync } from "../../../core/fs/which.ts";

const POSIX = Deno.build.os !== "windows";

async function writeFile(path: string, mode: number): Promise<string> {
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, "#!/bin/sh\n");
  await Deno.chmod(path, mode);
  return path;
}

Deno.test({
  name: "which searches the given PATH value in order and skips what is not executable",
  ignore: !POSIX,
  async fn() {
    await using sb = await makeSandbox();
    const first = join(sb.root, "first");
    const second = join(sb.root, "second");
    await writeFile(join(first, "tool"), 0o644);
    const runnable = await writeFile(join(second, "tool"), 0o755);
    await Deno.mkdir(join(first, "dir-tool", "x"), { recursive: true });
    // An empty entry is skipped; the non-executable first match is passed over.
    const searchPath = ["", first, second].join(":");
    for (const find of [which, whichSync]) {
      assertEquals(await find("tool", searchPath), runnable, find.name);
      assertEquals(await find("dir-tool", searchPath), null, find.name);
      assertEquals(await find("missing", searchPath), null, find.name);
      // The process's own PATH plays no part: nothing is found without a search path.
      assertEquals(await find("tool", undefined), null, find.name);
      assertEquals(await find("sh", ""), null, find.name);
    }
  },
});

Deno.test({
  name: "which takes a command with a slash as a path, whatever the search path",
  ignore: !POSIX,
  async fn() {
    await using sb = await makeSandbox();
    const runnable = await writeFile(join(sb.root, "bin", "tool"), 0o755);
    const plain = await writeFile(join(sb.root, "bin", "plain"), 0o644);
    for (const find of [which, whichSync]) {
      assertEquals(await find(runnable, undefined), runnable, find.name);
      assertEquals(await find(plain, join(sb.root, "bin")), null, find.name);
      // A relative path with a slash is not looked up on the search path either.
      assertEquals(await find("bin/tool", join(sb.root)), null, find.name);
    }
  },
});

Deno.test({
  name: "which follows symlinks to the file they name; a dangling or directory link is no match",
  ignore: !POSIX,
  async fn() {
    await using sb = await makeSandbox();
    const target = await writeFile(join(sb.root, "real", "tool"), 0o755);
    const first = join(sb.root, "first");
    const second = join(sb.root, "second");
    await Deno.mkdir(first, { recursive: true });
    await Deno.mkdir(second, { recursive: true });
    await Deno.symlink(join(sb.root, "gone"), join(first, "tool"));
    await Deno.symlink(join(sb.root, "real"), join(first, "dir-link"));
    await Deno.symlink(target, join(second, "tool"));
    const searchPath = [first, second].join(":");
    // The link's own path is the answer, as the shell would run it.
    assertEquals(await which("tool", searchPath), join(second, "tool"));
    assertEquals(await which("dir-link", searchPath), null);
  },
});
