import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import { parseManifest } from "../../../core/plugin/manifest_schema.ts";

const provider = {
  info: {
    name: "mine",
    shortName: "min",
    tierModels: { large: "l", small: "s" },
    knownModels: [],
  },
  buildInvocation: () => ({ argv: ["x"], env: {} }),
  createStreamParser: () => ({}),
};

Deno.test("parseManifest accepts a manifest with every group", () => {
  const manifest = {
    name: "my_plugin-1.x",
    version: "1.0.0",
    llm: [provider],
    vcs: [{ info: { name: "myvcs" }, create: () => ({}) }],
    workspace: [{ metadata: { workflowType: "myws" } }],
    xprompts: new URL("file:///p/xprompts/"),
    config: "./default_config.yml",
  };
  assertEquals(parseManifest(manifest, "./p.ts"), manifest);
});

Deno.test("parseManifest: a module without a manifest export", () => {
  assertThrows(
    () => parseManifest(undefined, "./p.ts"),
    SaseError,
    "./p.ts: the module exports no 'manifest'",
  );
});

Deno.test("parseManifest names the module and the field that is wrong", () => {
  assertThrows(
    () => parseManifest({ name: "bad name" }, "./p.ts"),
    SaseError,
    "./p.ts: manifest.name:",
  );
  assertThrows(
    () => parseManifest({ version: "1" }, "./p.ts"),
    SaseError,
    "./p.ts: manifest.name:",
  );
  const noBuild = { ...provider, buildInvocation: "not a function" };
  assertThrows(
    () => parseManifest({ name: "p", llm: [provider, noBuild] }, "npm:p"),
    SaseError,
    "npm:p: manifest.llm.1.buildInvocation: expected a function",
  );
  assertThrows(
    () => parseManifest({ name: "p", xprompts: "" }, "./p.ts"),
    SaseError,
    "./p.ts: manifest.xprompts:",
  );
});
