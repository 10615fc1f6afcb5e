import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { ChangeSpecStore, projectRefOfFile } from "../../../core/changespec/store.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import {
  bugFieldValue,
  createChangeSpec,
  releaseChangeSpecName,
  reserveChangeSpecName,
  stripTrailingTags,
  uniqueChangeSpecName,
} from "../../../core/changespec/create.ts";
import { SaseError } from "../../../core/errors.ts";
import { GOLDEN, GOLDEN_ARCHIVE } from "./_corpus.ts";

const golden = Deno.readTextFileSync(GOLDEN);
const goldenArchive = Deno.readTextFileSync(GOLDEN_ARCHIVE);

async function goldenProject() {
  const sandbox = await makeSandbox();
  const active = await sandbox.write("home/.sase/projects/myproj/myproj.sase", golden);
  const archive = await sandbox.write(
    "home/.sase/projects/myproj/myproj-archive.sase",
    goldenArchive,
  );
  const store = new ChangeSpecStore(`${sandbox.saseHome}/projects`);
  return { sandbox, store, active, archive, ref: projectRefOfFile(active) };
}

Deno.test("unique names: the base when free, else _<N> past every _N and __N form", () => {
  assertEquals(uniqueChangeSpecName("feat", ["alpha"]), "feat");
  assertEquals(uniqueChangeSpecName("feat", ["feat"]), "feat_1");
  assertEquals(uniqueChangeSpecName("feat", ["feat", "feat_1", "feat__3"]), "feat_4");
  // A suffixed sibling alone is a collision of the base name too.
  assertEquals(uniqueChangeSpecName("feat", ["feat_2"]), "feat_3");
  // Other names sharing a prefix are not siblings.
  assertEquals(uniqueChangeSpecName("feat", ["feature", "feat_x"]), "feat");
});

Deno.test("stripTrailingTags drops only the trailing KEY=VALUE block", () => {
  assertEquals(
    stripTrailingTags(
      "feat: x\n\nBody line.\nNOT_A_TAG here\n\nBUG=42\nMARKDOWN=true\nAGENT=bot\n\n",
    ),
    "feat: x\n\nBody line.\nNOT_A_TAG here",
  );
  // A tag-looking line in the middle stays; lower-case keys are no tags.
  assertEquals(stripTrailingTags("t\nKEY=1\nmore\nlower=2"), "t\nKEY=1\nmore\nlower=2");
  assertEquals(stripTrailingTags("BUG=1"), "");
});

Deno.test("bug ids: http://b/<id>; empty and 0 mean none", () => {
  assertEquals(bugFieldValue("42"), "http://b/42");
  assertEquals(bugFieldValue(" 42 "), "http://b/42");
  assertEquals([bugFieldValue("0"), bugFieldValue(""), bugFieldValue(null)], [null, null, null]);
});

Deno.test("PR ChangeSpec: collision suffix, stripped description, BUG, PR, STATUS, appended at the end", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  await Deno.writeTextFile(p.active, golden + "\n\nNAME: feat\nDESCRIPTION: taken\nSTATUS: WIP\n");
  const before = Deno.readTextFileSync(p.active);
  const created = await createChangeSpec(p.store, {
    ref: p.ref,
    baseName: "feat",
    description: "feat: x\n\nWhy it matters.\n\nBUG=42\nAGENT=bot\nMACHINE=host1\n",
    parent: null,
    bug: "http://b/42",
    pr: "https://github.com/o/r/pull/7",
    status: "Ready",
  });
  assertEquals(created, { name: "feat_1", parent: null, bug: "http://b/42", warnings: [] });
  assertEquals(
    Deno.readTextFileSync(p.active),
    before +
      "\n\nNAME: feat_1\nDESCRIPTION:\n  feat: x\n  \n  Why it matters.\nBUG: http://b/42\n" +
      "PR: https://github.com/o/r/pull/7\nSTATUS: Ready\n",
  );
  const file = parseProjectSpec(Deno.readTextFileSync(p.active), p.active);
  assertEquals(file.warnings, []);
  const spec = file.specs.find((s) => s.name === "feat_1")!;
  assertEquals(
    [spec.description, spec.bug, spec.pr, spec.status, spec.parent],
    ["feat: x\n\nWhy it matters.", "http://b/42", "https://github.com/o/r/pull/7", "Ready", null],
  );
  assertEquals(Deno.readTextFileSync(p.archive), goldenArchive);
});

Deno.test("PR ChangeSpec with a parent: placed after it, inherits its hooks and BUG", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  const created = await createChangeSpec(p.store, {
    ref: p.ref,
    baseName: "child",
    description: "Child work",
    parent: "alpha",
    bug: null,
    pr: null,
    status: "Draft",
  });
  assertEquals(created, { name: "child", parent: "alpha", bug: "BUG-100", warnings: [] });
  const expected = golden.replace(
    "  ~ src/util.py\n\n\nNAME: beta\n",
    "  ~ src/util.py\n\n\nNAME: child\nDESCRIPTION:\n  Child work\nPARENT: alpha\nBUG: BUG-100\n" +
      "STATUS: Draft\nHOOKS:\n  just lint\n\n\nNAME: beta\n",
  );
  assertEquals(Deno.readTextFileSync(p.active), expected);
  assertEquals(parseProjectSpec(expected, p.active).warnings, []);
});

Deno.test("a parent that is no ChangeSpec is dropped with a warning; an archived parent counts", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  const missing = await createChangeSpec(p.store, {
    ref: p.ref,
    baseName: "x",
    description: "d",
    parent: "origin/main",
    bug: null,
    pr: null,
    status: "WIP",
  });
  assertEquals(missing.parent, null);
  assertEquals(missing.warnings, [
    "parent 'origin/main' is not a ChangeSpec in project 'myproj'; PARENT omitted",
  ]);
  const archived = await createChangeSpec(p.store, {
    ref: p.ref,
    baseName: "y",
    description: "d",
    parent: "archived_one",
    bug: null,
    pr: null,
    status: "WIP",
  });
  assertEquals([archived.parent, archived.warnings], ["archived_one", []]);
  assertEquals(
    Deno.readTextFileSync(p.active),
    golden + "\n\nNAME: x\nDESCRIPTION:\n  d\nSTATUS: WIP\n" +
      "\n\nNAME: y\nDESCRIPTION:\n  d\nPARENT: archived_one\nSTATUS: WIP\n",
  );
});

Deno.test("reservation: the stub holds the name, the spec replaces it, a release removes only stubs", async () => {
  const p = await goldenProject();
  await using _ = p.sandbox;
  const first = await reserveChangeSpecName(p.store, p.ref, "gamma");
  const second = await reserveChangeSpecName(p.store, p.ref, "gamma");
  assertEquals([first, second], ["gamma_1", "gamma_2"]);
  assertEquals(
    Deno.readTextFileSync(p.active),
    golden + "\n\nNAME: gamma_1\nSTATUS: Reserved\n\n\nNAME: gamma_2\nSTATUS: Reserved\n",
  );
  await releaseChangeSpecName(p.store, p.ref, "gamma_2");
  const created = await createChangeSpec(p.store, {
    ref: p.ref,
    baseName: "gamma",
    reservedName: first,
    description: "g",
    parent: null,
    bug: null,
    pr: null,
    status: "Draft",
  });
  assertEquals(created.name, "gamma_1");
  assertEquals(
    Deno.readTextFileSync(p.active),
    golden + "\n\nNAME: gamma_1\nDESCRIPTION:\n  g\nSTATUS: Draft\n",
  );
  // Releasing a real spec's name leaves it alone.
  await releaseChangeSpecName(p.store, p.ref, "gamma_1");
  await releaseChangeSpecName(p.store, p.ref, "beta");
  assertEquals(
    Deno.readTextFileSync(p.active),
    golden + "\n\nNAME: gamma_1\nDESCRIPTION:\n  g\nSTATUS: Draft\n",
  );
});

Deno.test("a new project file is created; bad names are refused before any write", async () => {
  await using sandbox = await makeSandbox();
  const store = new ChangeSpecStore(`${sandbox.saseHome}/projects`);
  const ref = store.newProjectRef("fresh");
  const created = await createChangeSpec(store, {
    ref,
    baseName: "feat",
    description: "",
    parent: null,
    bug: null,
    pr: null,
    status: "Draft",
  });
  assertEquals(created.name, "feat");
  assertEquals(Deno.readTextFileSync(ref.activePath), "NAME: feat\nDESCRIPTION:\nSTATUS: Draft\n");
  await assertRejects(
    () => reserveChangeSpecName(store, ref, "origin/main"),
    SaseError,
    "invalid ChangeSpec name 'origin/main'",
  );
  assertEquals(Deno.readTextFileSync(ref.activePath), "NAME: feat\nDESCRIPTION:\nSTATUS: Draft\n");
});
