import { assertEquals } from "../../_helpers/assert.ts";
import { configuredPlugins, mayListPlugins, pluginUrl } from "../../../core/plugin/specifiers.ts";

Deno.test("pluginUrl: a local path resolves against the listing file's directory", () => {
  assertEquals(
    pluginUrl("./p/mod.ts", "/home/u/.config/sase/sase.yml"),
    "file:///home/u/.config/sase/p/mod.ts",
  );
  assertEquals(pluginUrl("../x.ts", "/proj/sub/sase.yml"), "file:///proj/x.ts");
  assertEquals(pluginUrl("/abs/plug.ts", "/proj/sase.yml"), "file:///abs/plug.ts");
  // Characters a URL would read as query or fragment stay part of the path.
  assertEquals(pluginUrl("./a #b?.ts", "/p/sase.yml"), "file:///p/a%20%23b%3F.ts");
});

Deno.test("pluginUrl: npm:, jsr:, file: and https: specifiers are kept as written", () => {
  for (
    const spec of ["npm:sase-plugin@1.0.0", "jsr:@me/plugin", "file:///x/y.ts", "https://e.x/p.ts"]
  ) {
    assertEquals(pluginUrl(spec, "/proj/sase.yml"), spec);
  }
});

Deno.test("configuredPlugins: bottom layer first, each module once, non-strings ignored", () => {
  const found = configuredPlugins([
    { path: "/u/sase.yml", value: { plugins: ["./a.ts", "npm:b", 3, ""] } },
    { path: "/p/sase.yml", value: null },
    { path: "/p/sase.yml", value: { plugins: "./not-a-list.ts" } },
    { path: "/u/sase_x.yml", value: { plugins: ["npm:b", "/u/a.ts", " ./c.ts "] } },
  ]);
  assertEquals(found, [
    { written: "./a.ts", url: "file:///u/a.ts", configPath: "/u/sase.yml" },
    { written: "npm:b", url: "npm:b", configPath: "/u/sase.yml" },
    { written: "./c.ts", url: "file:///u/c.ts", configPath: "/u/sase_x.yml" },
  ]);
});

Deno.test("mayListPlugins: only a top-level plugins: key counts", () => {
  assertEquals(mayListPlugins("a: 1\nplugins:\n  - x"), true);
  assertEquals(mayListPlugins("plugins : []"), true);
  assertEquals(mayListPlugins("axe:\n  plugins: [x]"), false);
  assertEquals(mayListPlugins("# plugins: x"), false);
  assertEquals(mayListPlugins(null), false);
});
