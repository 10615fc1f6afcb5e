/**
 * `core/fs/path.ts` gives `node:path`'s POSIX answers: checked on every
 * path built from a set of awkward pieces (empty, `.`, `..`, repeated and
 * trailing slashes, dots in names), and on the cases the handbook's paths
 * use, written out.
 */

import * as node from "node:path/posix";
import { fileURLToPath } from "node:url";
import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import * as path from "../../../core/fs/path.ts";

const PIECES = ["", ".", "..", "a", "b.txt", ".env", "c..d", "x.", "..."];
const JOINERS = ["/", "//"];

/** Paths of up to three pieces, relative and absolute, with and without a trailing slash. */
function corpus(): string[] {
  const paths = new Set<string>(["", "/", "//", "///", ".", "..", "./", "../"]);
  const grow = (prefix: string, depth: number) => {
    for (const piece of PIECES) {
      for (const joiner of JOINERS) {
        const next = prefix === "" ? piece : `${prefix}${joiner}${piece}`;
        paths.add(next);
        paths.add(`${next}/`);
        paths.add(`/${next}`);
        if (depth < 2) grow(next, depth + 1);
      }
    }
  };
  grow("", 0);
  return [...paths];
}

const PATHS = corpus();

Deno.test("path: normalize, dirname, basename, extname and isAbsolute agree with node:path", () => {
  for (const p of PATHS) {
    assertEquals(path.normalize(p), node.normalize(p), `normalize(${JSON.stringify(p)})`);
    assertEquals(path.dirname(p), node.dirname(p), `dirname(${JSON.stringify(p)})`);
    assertEquals(path.basename(p), node.basename(p), `basename(${JSON.stringify(p)})`);
    assertEquals(path.extname(p), node.extname(p), `extname(${JSON.stringify(p)})`);
    assertEquals(path.isAbsolute(p), node.isAbsolute(p), `isAbsolute(${JSON.stringify(p)})`);
    for (const suffix of [".txt", "txt", ".", "b.txt", "a", ".env"]) {
      assertEquals(
        path.basename(p, suffix),
        node.basename(p, suffix),
        `basename(${JSON.stringify(p)}, ${JSON.stringify(suffix)})`,
      );
    }
  }
});

Deno.test("path: join, resolve and relative agree with node:path", () => {
  const sample = PATHS.filter((_p, index) => index % 41 === 0);
  for (const a of sample) {
    for (const b of sample) {
      const args = `(${JSON.stringify(a)}, ${JSON.stringify(b)})`;
      assertEquals(path.join(a, b), node.join(a, b), `join${args}`);
      assertEquals(path.resolve(a, b), node.resolve(a, b), `resolve${args}`);
      assertEquals(path.relative(a, b), node.relative(a, b), `relative${args}`);
    }
  }
  assertEquals(path.join(), node.join());
  assertEquals(path.resolve(), node.resolve());
  assertEquals(path.join("a", "", "b", "../c"), node.join("a", "", "b", "../c"));
  assertEquals(path.resolve("/x", "y", "/z", "w"), node.resolve("/x", "y", "/z", "w"));
});

Deno.test("path: the answers sase relies on, spelled out", () => {
  assertEquals(path.join("/home/u/.sase", "projects", "p"), "/home/u/.sase/projects/p");
  assertEquals(path.join("a/b", "../c/"), "a/c/");
  assertEquals(path.dirname("/a/b/"), "/a");
  assertEquals(path.dirname("a//b"), "a/");
  assertEquals(path.basename("/runs/x__c1.json", ".json"), "x__c1");
  assertEquals(path.basename("/a/.json", ".json"), ".json");
  assertEquals(path.basename(".json", ".json"), "");
  assertEquals(path.extname("archive.tar.gz"), ".gz");
  assertEquals(path.extname(".bashrc"), "");
  assertEquals(path.relative("/a/b/c", "/a/d"), "../../d");
  assertEquals(path.resolve("/a/b", "../c", "./d/"), "/a/c/d");
  assertEquals([path.sep, path.delimiter], ["/", ":"]);
});

Deno.test("path: fromFileUrl answers as node:url's fileURLToPath does, and refuses what it refuses", () => {
  for (
    const url of [
      "file:///home/u/sase/main.ts",
      "file:///tmp/with%20space/a%23b.ts",
      "file:///caf%C3%A9/x",
      new URL("../main.ts", "file:///repo/core/self_command.ts"),
    ]
  ) {
    assertEquals(path.fromFileUrl(url), fileURLToPath(url), String(url));
  }
  assertThrows(() => path.fromFileUrl("https://example.com/x.ts"), TypeError, "not a file: URL");
  assertThrows(() => path.fromFileUrl("file://host/x"), TypeError, "with a host");
  assertThrows(() => path.fromFileUrl("file:///a%2Fb"), TypeError, "encoded '/'");
});
