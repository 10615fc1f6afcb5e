import { assert, assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { ChangeSpecStore } from "../../../core/changespec/store.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { ProjectSpecEditor } from "../../../core/changespec/edit.ts";
import { updateField } from "../../../core/changespec/transition.ts";
import { SaseError } from "../../../core/errors.ts";

const HEADER_EXAMPLE = `BARE_REPO_DIR: ~/.sase/repos/my_project.git
WORKSPACE_DIR: ~/projects/git/my_project/
PROJECT_STATE: active
PROJECT_ALIASES: docs
RUNNING:
  #10 | 12345 | run | my_project_add_config_parser_1 | 260509_121314

NAME: my_project_add_config_parser_1
DESCRIPTION:
  Add configuration file parser for user settings
BUG: http://b/12345
STATUS: WIP
BARE_REPO_DIR: not/metadata
`;

Deno.test("header metadata: paths, state, aliases, RUNNING claims; only before the first spec", () => {
  const file = parseProjectSpec(HEADER_EXAMPLE, "/p/my_project/my_project.sase");
  assertEquals(file.header.workspaceDir, "~/projects/git/my_project/");
  assertEquals(file.header.bareRepoDir, "~/.sase/repos/my_project.git");
  assertEquals([file.header.state, file.header.aliases], ["active", ["docs"]]);
  assertEquals(file.header.running, [{
    workspace: 10,
    pid: 12345,
    workflow: "run",
    changespec: "my_project_add_config_parser_1",
    timestamp: "260509_121314",
    pinned: false,
  }]);
  assertEquals(file.specs[0].extraFields, { BARE_REPO_DIR: "not/metadata" });
  assertEquals(parseProjectSpec("NAME: a\nSTATUS: WIP\n", "x.sase").header.state, "active");
  assertEquals(parseProjectSpec("PROJECT_STATE: closed\n", "x.sase").header.state, "inactive");
  const aliases = parseProjectSpec("PROJECT_ALIASES: foo, bar ,foo, proj\n", "/p/proj/proj.sase");
  assertEquals(aliases.header.aliases, ["bar", "foo"]);
  assertEquals(aliases.warnings.map((w) => [w.line, w.field]), [[1, "PROJECT_ALIASES"], [
    1,
    "PROJECT_ALIASES",
  ]]);
});

Deno.test("editor: header fields go before RUNNING; fields insert in canonical order", () => {
  const editor = new ProjectSpecEditor(HEADER_EXAMPLE, "/p/my_project/my_project.sase");
  editor.setHeaderField("PROJECT_STATE", "inactive");
  editor.setHeaderField("PROJECT_NAME", "Widgets");
  assert(
    editor.text.startsWith(
      "BARE_REPO_DIR: ~/.sase/repos/my_project.git\nWORKSPACE_DIR: ~/projects/git/my_project/\nPROJECT_STATE: inactive\nPROJECT_ALIASES: docs\nPROJECT_NAME: Widgets\nRUNNING:\n",
    ),
  );
  editor.setField("my_project_add_config_parser_1", "PARENT", "base");
  editor.setField("my_project_add_config_parser_1", "BUG", null);
  assertStringTail(
    editor.text,
    "  Add configuration file parser for user settings\nPARENT: base\nSTATUS: WIP\nBARE_REPO_DIR: not/metadata\n",
  );
  const fresh = new ProjectSpecEditor("NAME: a\nSTATUS: WIP\n", "x.sase");
  fresh.setHeaderField("PROJECT_STATE", "sibling");
  assertEquals(fresh.text, "PROJECT_STATE: sibling\n\nNAME: a\nSTATUS: WIP\n");
});

function assertStringTail(text: string, tail: string): void {
  assert(text.endsWith(tail), `expected tail:\n${tail}\n--- got:\n${text}`);
}

Deno.test("store: warm reload parses nothing; refresh reports added/changed/removed", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.sase/projects/p/p.sase", "NAME: a\nSTATUS: WIP\n");
  const store = new ChangeSpecStore(`${sb.saseHome}/projects`);
  assertEquals((await store.refresh()).map((e) => e.kind), ["added"]);
  const first = await store.load(path);
  const second = await store.load(path);
  assert(first !== null && first === second, "unchanged file must come from the cache");
  assertEquals(await store.refresh(), []);
  await Deno.writeTextFile(path, "NAME: a\nSTATUS: Draft\n");
  assertEquals((await store.refresh()).map((e) => `${e.kind}:${e.project}`), ["changed:p"]);
  const third = await store.load(path);
  assert(third !== first);
  assertEquals(third?.specs[0].status, "Draft");
  await Deno.remove(path);
  assertEquals((await store.refresh()).map((e) => e.kind), ["removed"]);
  assertEquals(await store.specs(), []);
});

Deno.test("store: watch() yields a batch when a ProjectSpec changes", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.sase/projects/p/p.sase", "NAME: a\nSTATUS: WIP\n");
  const store = new ChangeSpecStore(`${sb.saseHome}/projects`);
  const abort = new AbortController();
  const feed = store.watch(abort.signal);
  const next = feed.next();
  // The watcher starts asynchronously, so a single early write could land before it
  // listens: keep changing the file until a batch arrives, within a generous deadline.
  let writes = 0;
  const writer = setInterval(() => {
    Deno.writeTextFileSync(path, `NAME: a\nDESCRIPTION: change ${++writes}\nSTATUS: Ready\n`);
  }, 200);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error("watch() yielded no batch within 30 s of the ProjectSpec changing")),
      30_000,
    );
  });
  try {
    const batch = await Promise.race([next, deadline]);
    assert(!batch.done && batch.value.some((e) => e.path === path && e.kind === "changed"));
  } finally {
    clearInterval(writer);
    clearTimeout(timer);
    abort.abort();
    await feed.return(undefined);
  }
});

Deno.test("store: field edits validate input and refuse binary files without writing", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.sase/projects/p/p.sase", "NAME: a\nSTATUS: WIP\n");
  const store = new ChangeSpecStore(`${sb.saseHome}/projects`);
  await updateField(store, { name: "a", field: "BUG", value: "b/1" });
  assertEquals(Deno.readTextFileSync(path), "NAME: a\nBUG: b/1\nSTATUS: WIP\n");
  await assertRejects(
    () => updateField(store, { name: "a", field: "BUG", value: "x\ny" }),
    SaseError,
    "value for BUG must be a single line",
  );
  const bytes = new Uint8Array([
    ...new TextEncoder().encode("NAME: a\nSTATUS: WIP\n"),
    0xff,
    0xfe,
    10,
  ]);
  await Deno.writeFile(path, bytes);
  await assertRejects(
    () => updateField(store, { name: "a", field: "BUG", value: "2" }),
    SaseError,
    `${path} is not valid UTF-8; refusing to rewrite it`,
  );
  assertEquals(await Deno.readFile(path), bytes);
  const missing = await assertRejects(
    () => updateField(store, { name: "zzz", field: "BUG", value: "2" }),
    SaseError,
    "no ChangeSpec named 'zzz'",
  );
  assertEquals((missing as SaseError).code, "changespec.not_found");
});
