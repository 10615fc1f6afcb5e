import { assert, assertEquals, assertMatch } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { join } from "node:path";
import { discoverXPrompts, getByTag } from "../../../core/xprompt/discovery.ts";
import { outputToJsonSchema } from "../../../core/xprompt/output_spec.ts";
import { parseInputs } from "../../../core/xprompt/inputs.ts";

Deno.test("discovery precedence: cwd .xprompts > ~/xprompts > config > bundled; project namespacing", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/.xprompts/x.md", "from cwd hidden");
  await sb.write("home/xprompts/x.md", "from home");
  await sb.write("home/xprompts/y.md", "y from home");
  await sb.write("bundled/x.md", "from bundled");
  await sb.write("bundled/z.md", "z bundled");
  await sb.write("bundled/skills/s.md", "---\nskill: true\n---\nskill body");
  const options = {
    cwd: sb.cwd,
    home: sb.home,
    configDir: sb.configDir,
    config: [{
      path: "/cfg/sase.yml",
      xprompts: { x: "from config", y: "y from config", z: "z config" },
    }],
    bundledDir: join(sb.root, "bundled"),
  };
  const catalog = await discoverXPrompts(options);
  assertEquals(catalog.byName.get("x")?.content, "from cwd hidden");
  assertEquals(catalog.byName.get("y")?.content, "y from home");
  assertEquals(catalog.byName.get("z")?.content, "z config");
  assertEquals(catalog.byName.get("s")?.skill, true);
  assertEquals(catalog.all.filter((x) => x.name === "x").map((x) => x.source.priority), [
    1,
    4,
    6,
    8,
  ]);
  await sb.write("work/xprompts/deploy.md", "deploy it");
  await sb.write("home/.config/sase/xprompts/myapp/bar.md", "bar");
  const project = await discoverXPrompts({ ...options, project: "myapp" });
  assert(
    project.byName.has("myapp/deploy") && project.byName.has("myapp/bar") &&
      !project.byName.has("deploy"),
  );
});

Deno.test("catalog cache re-reads a file only when it changes; bad files are reported, not fatal", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("work/.xprompts/a.md", "one");
  await sb.write("work/.xprompts/bad.md", "---\ninput: [unclosed\n---\nbody");
  const options = {
    cwd: sb.cwd,
    home: sb.home,
    configDir: sb.configDir,
    bundledDir: join(sb.root, "none"),
  };
  const first = await discoverXPrompts(options);
  assertEquals(first.byName.get("a")?.content, "one");
  assertEquals(first.problems.length, 1);
  assertMatch(first.problems[0].message, /bad\.md:\d+: invalid YAML front matter/);
  assert(
    (await discoverXPrompts(options)).byName.get("a") === first.byName.get("a"),
    "unchanged file is served from cache",
  );
  await Deno.writeTextFile(path, "two, longer");
  assertEquals((await discoverXPrompts(options)).byName.get("a")?.content, "two, longer");
});

Deno.test("tags: get_by_tag respects discovery order; wraps_all adds vcs", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/.xprompts/mine.md", "---\ntags: work_phase_bead, rollover\n---\nmine");
  await sb.write("bundled/theirs.md", "---\ntags: [work_phase_bead]\n---\ntheirs");
  await sb.write("bundled/wf.yml", "wraps_all: true\nsteps:\n  - name: a\n    prompt_part: hi\n");
  const catalog = await discoverXPrompts({
    cwd: sb.cwd,
    home: sb.home,
    configDir: sb.configDir,
    bundledDir: join(sb.root, "bundled"),
  });
  assertEquals(getByTag(catalog, "work_phase_bead")?.name, "mine");
  assertEquals(catalog.byName.get("wf")?.tags, ["vcs"]);
  assertEquals(catalog.byName.get("wf")?.kind, "embeddable_workflow");
});

Deno.test("input declarations: longform, shortform, flow map, workflow optional rule, errors", () => {
  const long = parseInputs([{ name: "a", type: "path" }, {
    name: "n",
    type: "integer",
    default: 3,
  }], "f.md");
  assertEquals(long.map((i) => [i.name, i.type, i.required, i.default]), [[
    "a",
    "path",
    true,
    undefined,
  ], [
    "n",
    "int",
    false,
    3,
  ]]);
  const wf = parseInputs([{ name: "a", type: "word" }], "w.yml", "workflow");
  assertEquals([wf[0].required, wf[0].default], [false, null]);
  const short = parseInputs({ user: "word", verbose: { type: "boolean", default: false } }, "f.md");
  assertEquals(short.map((i) => [i.type, i.required]), [["word", true], ["bool", false]]);
  let message = "";
  try {
    parseInputs({ x: "nope" }, "f.md (#t)");
  } catch (error) {
    message = (error as Error).message;
  }
  assertEquals(message, "f.md (#t): input 'x' has unknown type 'nope'");
});

Deno.test("output specs map to JSON Schema", () => {
  assertEquals(outputToJsonSchema({ name: "word", description: "text" }, "f"), {
    type: "object",
    properties: { name: { type: "string", pattern: "^\\S*$" }, description: { type: "string" } },
    required: ["name", "description"],
  });
  const array = outputToJsonSchema([{ name: "word", parent: { type: "word", default: "" } }], "f");
  assertEquals((array?.items as { required: string[] }).required, ["name"]);
  const long = outputToJsonSchema(
    { type: "json_schema", schema: { properties: { n: { type: "int" } } } },
    "f",
  );
  assertEquals(long, { properties: { n: { type: "integer" } }, type: "object" });
});

Deno.test("hostile xprompt and workflow files are reported with file and line; the rest loads", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.cwd, ".xprompts");
  await sb.write("work/.xprompts/good.md", "fine");
  const deep = await sb.write(
    "work/.xprompts/deep.md",
    "---\nname: deep\ninput: " + "[".repeat(40_000) + "]".repeat(40_000) + "\n---\nbody",
  );
  const alias = await sb.write("work/.xprompts/alias.md", "---\ndescription: *nope\n---\nbody");
  const loop = await sb.write("work/.xprompts/loop.yml", "steps: &s\n  - prompt_part: *s\n");
  const bomb = ["steps: []", "a: &a [x, x, x, x, x, x, x, x, x]"];
  for (const [index, name] of ["b", "c", "d", "e", "f", "g"].entries()) {
    bomb.push(`${name}: &${name} [${Array(9).fill(`*${"abcdef"[index]}`).join(", ")}]`);
  }
  const bombPath = await sb.write("work/.xprompts/bomb.yaml", bomb.join("\n") + "\n");
  // A link to a directory where an xprompt file is expected.
  await Deno.symlink(sb.home, join(dir, "folder.md"));
  const catalog = await discoverXPrompts({
    cwd: sb.cwd,
    home: sb.home,
    configDir: sb.configDir,
    bundledDir: join(sb.root, "none"),
  });
  assertEquals(catalog.byName.get("good")?.content, "fine");
  assertEquals(
    catalog.problems.map((problem) => problem.message).sort(),
    [
      `${alias}:2: unknown alias '*nope' (no anchor '&nope' before it)`,
      `${bombPath}:3: aliases expand to too many values (more than 1000); refusing what looks like a YAML alias bomb`,
      `${deep}:3: lists and mappings nest deeper than 100 levels`,
      `${join(dir, "folder.md")}: is a directory, expected a file`,
      `${loop}:2: alias '*s' refers to a value that contains it`,
    ].sort(),
  );
});
