import { assert, assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { join } from "node:path";
import { recordPrompt } from "../../core/xprompt/history/store.ts";
import { runDirs, waitFor } from "../_helpers/runs.ts";
import { haveTool, needing } from "../_helpers/tools.ts";

/**
 * Prompt ids written out from the handbook's rule ("Prompt History",
 * Selectors: `ph_<sha256[:12]>` of the exact text), each digest computed
 * outside sase (`printf '%s' TEXT | sha256sum`), never by the code under test.
 */
const IDS: Record<string, string> = {
  "#gh:sase Fix the auth bug %model:opus": "ph_9dbba0ae8004",
  "Review the parser module carefully": "ph_18035dbcad5e",
  "Draft an idea about auth tokens": "ph_7b663e106917",
  "%model:fakey/reply replay me": "ph_6b7961062136",
  "Fix the bug in ñandú.ts\n  keep the indentation\n": "ph_9b099ecd8652",
  "%model:fakey/reply first draft": "ph_def4aad7ecf9",
  "%n:lead %m:fakey/reply one\n---\n%n:helper %w:lead %m:fakey/reply two": "ph_dff0baebeb7f",
};

function idOf(text: string): string {
  const id = IDS[text];
  if (id === undefined) throw new Error(`no written-out id for ${JSON.stringify(text)}`);
  return id;
}

async function seeded(sb: Sandbox) {
  const path = join(sb.saseHome, "prompt_history.json");
  await recordPrompt(path, "#gh:sase Fix the auth bug %model:opus", { now: new Date(2026, 0, 2) });
  await recordPrompt(path, "Review the parser module carefully", { now: new Date(2026, 0, 3) });
  await recordPrompt(path, "Draft an idea about auth tokens", {
    cancelled: true,
    now: new Date(2026, 0, 4),
  });
  return path;
}

Deno.test("sase prompt list/show/stats/doctor", async () => {
  await using sb = await makeSandbox();
  await seeded(sb);
  const sase = (...args: string[]) => runSase(["prompt", ...args], { env: sb.env, cwd: sb.cwd });
  const list = JSON.parse((await sase("list", "-j")).stdout);
  assertEquals(list.prompts.map((p: { text: string }) => p.text), [
    "Review the parser module carefully",
    "#gh:sase Fix the auth bug %model:opus",
  ]);
  assertEquals(JSON.parse((await sase("list", "-c", "-j")).stdout).count, 1);
  assertEquals(JSON.parse((await sase("list", "-a", "-q", "AUTH", "-j")).stdout).count, 2);
  const table = await sase("list");
  assertStringIncludes(table.stdout, idOf("Review the parser module carefully"));
  assertStringIncludes(table.stdout, "gh:sase");
  const id = idOf("Review the parser module carefully");
  assertEquals((await sase("show", id, "-f", "raw")).stdout, "Review the parser module carefully");
  assertStringIncludes((await sase("show", id.slice(3, 10), "-f", "markdown")).stdout, `# ${id}`);
  assertEquals(JSON.parse((await sase("show", id, "-f", "json")).stdout).id, id);
  const stats = JSON.parse((await sase("stats", "-j")).stdout);
  assertEquals([stats.total, stats.cancelled], [3, 1]);
  const doctor = JSON.parse((await sase("doctor", "-j")).stdout);
  assertEquals([doctor.ok, doctor.entries], [true, 3]);
});

Deno.test("a prompt history that never ends (a symlink to /dev/zero) is refused by name; a launch still runs", async () => {
  await using sb = await makeSandbox();
  const path = join(sb.saseHome, "prompt_history.json");
  await Deno.mkdir(sb.saseHome, { recursive: true });
  await Deno.symlink("/dev/zero", path);
  const listed = await runSase(["prompt", "list"], { env: sb.env });
  assertEquals(listed.code, 1);
  assertStringIncludes(listed.stderr, `error: ${path}: larger than 512 MiB`);
  const run = await runSase(["run", "%model:fakey/reply still here"], { env: sb.env, cwd: sb.cwd });
  assertEquals([run.code, run.stdout], [0, "Hello from fakey. You asked: still here\n"]);
  assertStringIncludes(run.stderr, "warning: prompt history not updated:");
  assertEquals(await Deno.readLink(path), "/dev/zero", "the store was left as it was");
});

Deno.test("sase prompt search: usage error on empty, exit 0 on no match, SDD ranked first", async () => {
  await using sb = await makeSandbox();
  await seeded(sb);
  await sb.write(
    "work/sdd/prompts/202601/auth-note.md",
    "---\nid: ph_snap\nprompt_tags: [review]\n---\nAuth snapshot body\n",
  );
  const sase = (...args: string[]) =>
    runSase(["prompt", "search", ...args], { env: sb.env, cwd: sb.cwd });
  assertEquals((await sase("  ")).code, 2);
  const none = await sase("zzzz", "-f", "json");
  assertEquals([none.code, JSON.parse(none.stdout).count], [0, 0]);
  assertStringIncludes((await sase("zzzz")).stdout, 'No prompts match "zzzz".');
  const hits = JSON.parse((await sase("auth", "-f", "json")).stdout);
  assertEquals(hits.results.map((r: { source: string }) => r.source), ["sdd", "local"]);
  assertEquals(hits.total, 2);
  assertEquals(
    JSON.parse((await sase("auth", "-x", "-s", "local", "-f", "json")).stdout).results[0].text,
    "Draft an idea about auth tokens",
  );
  assertEquals(JSON.parse((await sase("auth", "-t", "review", "-f", "json")).stdout).count, 1);
  assert((await sase("auth")).stdout.endsWith("\n2 matches (1 SDD · 1 local) · showing 2\n"));
  assert((await sase("parser")).stdout.endsWith("\n1 match (0 SDD · 1 local) · showing 1\n"));
});

Deno.test("sase prompt delete/prune/save/export write safely", async () => {
  await using sb = await makeSandbox();
  const path = await seeded(sb);
  const sase = (...args: string[]) => runSase(["prompt", ...args], { env: sb.env, cwd: sb.cwd });
  const id = idOf("Review the parser module carefully");
  const refused = await sase("delete", id);
  assertEquals(refused.code, 2);
  assertEquals((await sase("delete", id, "--yes")).code, 0);
  assertEquals(JSON.parse((await sase("list", "-a", "-j")).stdout).count, 2);
  const dry = await sase("prune", "-c", "--dry-run");
  assertEquals(
    dry.stdout,
    `would remove ${idOf("Draft an idea about auth tokens")}\n` +
      "1 prompt would be removed (dry run)\n",
  );
  const pruned = await sase("prune", "-c", "-y");
  assertEquals([pruned.code, pruned.stdout], [0, "removed 1 prompt\n"]);
  assertEquals(JSON.parse((await sase("list", "-a", "-j")).stdout).count, 1);
  const fixId = idOf("#gh:sase Fix the auth bug %model:opus");
  const saved = await sase("save", fixId, "-n", "fix-auth", "-t", "review");
  assertEquals(saved.code, 0, saved.stderr);
  assertEquals((await sase("save", fixId, "-n", "fix-auth")).code, 1);
  const expanded = await runSase(["xprompt", "expand", "#fix-auth"], { env: sb.env, cwd: sb.cwd });
  assertStringIncludes(expanded.stdout, "Fix the auth bug");
  const exported = await sase("export", fixId, "-s");
  assertEquals(exported.code, 0, exported.stderr);
  const file = exported.stdout.trim();
  assertMatch(file, /sdd\/prompts\/202601\/fix-the-auth-bug-ph_[0-9a-f]{12}\.md$/);
  assertStringIncludes(await Deno.readTextFile(file), `id: ${fixId}`);
  assertEquals((await sase("export", fixId, "-s")).code, 1);
  assertEquals((await sase("export", fixId, "-s", "--force")).code, 0);
  assertEquals((await sase("export", fixId)).stdout, "#gh:sase Fix the auth bug %model:opus");
  await Deno.writeTextFile(path, "{broken");
  assertEquals((await sase("delete", fixId, "-y")).code, 1);
  assertEquals(await Deno.readTextFile(path), "{broken");
});

Deno.test("sase prompt run --dry-run shows the launch plan; without it the prompt really launches", async () => {
  await using sb = await makeSandbox();
  await seeded(sb);
  const id = idOf("#gh:sase Fix the auth bug %model:opus");
  const result = await runSase(["prompt", "run", id, "-n", "-P", "#gh:bob-cli"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  assertStringIncludes(result.stdout, "#gh:bob-cli");
  assertStringIncludes(result.stdout, "claude/opus");
  assertStringIncludes(result.stdout, "Fix the auth bug");
  const json = await runSase(["prompt", "run", id, "-n", "-j"], { env: sb.env, cwd: sb.cwd });
  const plan = JSON.parse(json.stdout);
  assertEquals([plan.entries[0].model, plan.entries[0].workspace.ref], ["opus", "sase"]);
  assert(!plan.entries[0].prompt.includes("%model"));

  const first = await runSase(["run", "%model:fakey/reply replay me"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(first.code, 0, first.stderr);
  const replayed = await runSase(["prompt", "run", idOf("%model:fakey/reply replay me")], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(replayed.code, 0, replayed.stderr);
  assertEquals(replayed.stdout, "Hello from fakey. You asked: replay me\n");
  const history = JSON.parse(await Deno.readTextFile(join(sb.saseHome, "prompt_history.json")));
  const entry = history.prompts.find((prompt: { text: string }) =>
    prompt.text === "%model:fakey/reply replay me"
  );
  assertEquals(entry.use_count, 2);
});

Deno.test("sase prompt save -p writes into a known project's namespace; an unknown project writes nothing", async () => {
  await using sb = await makeSandbox();
  await seeded(sb);
  await sb.write("home/.sase/projects/widgets/widgets.sase", "PROJECT_ALIASES: wdg\n");
  const id = idOf("Review the parser module carefully");
  const sase = (...args: string[]) => runSase(["prompt", ...args], { env: sb.env, cwd: sb.cwd });
  const unknown = await sase("save", id, "-n", "review", "-p", "nosuch");
  assertEquals([unknown.code, unknown.stdout], [1, ""]);
  assertStringIncludes(
    unknown.stderr,
    "error: no project named 'nosuch'\nhint: known projects: widgets;",
  );
  const traversal = await sase("save", id, "-n", "review", "-p", "../..");
  assertEquals(traversal.code, 2);
  assertStringIncludes(traversal.stderr, 'error: invalid project name "../.."');
  const xprompts = join(sb.configDir, "xprompts");
  assertEquals(await Array.fromAsync(Deno.readDir(sb.configDir)), [], "nothing was written");
  const saved = await sase("save", id, "-n", "review", "-p", "wdg");
  assertEquals(saved.code, 0, saved.stderr);
  const path = join(xprompts, "widgets", "review.md");
  assertEquals(saved.stdout, `saved ${id} as #widgets/review: ${path}\n`);
  assertStringIncludes(await Deno.readTextFile(path), "Review the parser module carefully");
});

/** A directory on PATH holding fake clipboard commands; each records what it was given. */
async function fakeClipboards(sb: Sandbox, behaviour: Record<string, "works" | "fails">) {
  const bin = join(sb.root, "clipbin");
  await Deno.mkdir(bin, { recursive: true });
  for (const [name, how] of Object.entries(behaviour)) {
    const script = how === "works"
      ? `#!/bin/sh\nprintf '%s\\n' "$*" > '${bin}/${name}.args'\nexec /bin/cat > '${bin}/${name}.out'\n`
      : "#!/bin/sh\nexit 1\n";
    await Deno.writeTextFile(join(bin, name), script, { mode: 0o755 });
  }
  return bin;
}

Deno.test("sase prompt copy hands the exact text to the first clipboard command that works", async () => {
  await using sb = await makeSandbox();
  const text = "Fix the bug in ñandú.ts\n  keep the indentation\n";
  await recordPrompt(join(sb.saseHome, "prompt_history.json"), text, { now: new Date(2026, 0, 2) });
  const id = idOf(text);
  // wl-copy is present but fails (no Wayland session): xclip is next in line.
  const bin = await fakeClipboards(sb, { "wl-copy": "fails", xclip: "works" });
  const env = { ...sb.env, PATH: bin };
  const copied = await runSase(["prompt", "copy", id], { env, cwd: sb.cwd });
  assertEquals(copied.code, 0, copied.stderr);
  assertEquals(copied.stdout, "copied 47 characters with xclip\n");
  assertEquals(await Deno.readTextFile(join(bin, "xclip.out")), text);
  assertEquals(await Deno.readTextFile(join(bin, "xclip.args")), "-selection clipboard\n");

  const none = await runSase(["prompt", "copy", id], {
    env: { ...sb.env, PATH: sb.cwd },
    cwd: sb.cwd,
  });
  assertEquals([none.code, none.stdout], [1, ""]);
  assertEquals(
    none.stderr,
    "error: no working clipboard command found (wl-copy, xclip, xsel, pbcopy)\n" +
      "hint: use `sase prompt show <id> -f raw` and copy from the terminal\n",
  );
  const missing = await runSase(["prompt", "copy", "ph_000000000000"], { env, cwd: sb.cwd });
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "ph_000000000000");
});

/** An `$EDITOR` that saves `replacement` and keeps a copy of what it was shown. */
async function fakeEditor(sb: Sandbox, replacement: string, exitCode = 0): Promise<string> {
  const path = join(sb.root, "editor.sh");
  await Deno.writeTextFile(
    path,
    `#!/bin/sh\n/bin/cp "$1" '${sb.root}/shown.md'\nprintf '%s' '${replacement}' > "$1"\nexit ${exitCode}\n`,
    { mode: 0o755 },
  );
  return path;
}

Deno.test("sase prompt edit opens the stored prompt in $EDITOR and launches what was saved", async () => {
  await using sb = await makeSandbox();
  const historyPath = join(sb.saseHome, "prompt_history.json");
  const original = "%model:fakey/reply first draft";
  await recordPrompt(historyPath, original, { now: new Date(2026, 0, 2) });
  const id = idOf(original);
  const edit = async (editor: string, ...args: string[]) =>
    await runSase(["prompt", "edit", id, ...args], {
      env: { ...sb.env, EDITOR: editor },
      cwd: sb.cwd,
    });

  const planned = await edit(
    await fakeEditor(sb, "%model:fakey/reply planned text"),
    "-n",
    "-j",
    "-P",
    "#cd:.",
  );
  assertEquals(planned.code, 0, planned.stderr);
  // The prefix is applied before the editor opens, so the editor sees it.
  assertEquals(await Deno.readTextFile(join(sb.root, "shown.md")), `#cd:. ${original}`);
  assertEquals(JSON.parse(planned.stdout).entries[0].prompt, "planned text");

  const launched = await edit(await fakeEditor(sb, "%model:fakey/reply edited text"));
  assertEquals(launched.code, 0, launched.stderr);
  assertEquals(launched.stdout, "Hello from fakey. You asked: edited text\n");
  const texts = JSON.parse(await Deno.readTextFile(historyPath)).prompts.map(
    (prompt: { text: string }) => prompt.text,
  );
  assertEquals(texts.sort(), [original, "%model:fakey/reply edited text"].sort());

  const before = await Deno.readTextFile(historyPath);
  const emptied = await edit(await fakeEditor(sb, "   "));
  assertEquals([emptied.code, emptied.stdout], [1, ""]);
  assertEquals(emptied.stderr, "error: empty prompt; nothing launched\n");
  const failing = await edit(await fakeEditor(sb, "%model:fakey/reply never", 3));
  assertEquals(failing.code, 1);
  assertStringIncludes(failing.stderr, "exited with 3");
  const noEditor = await runSase(["prompt", "edit", id], { env: sb.env, cwd: sb.cwd });
  assertEquals(noEditor.code, 1);
  assertEquals(noEditor.stderr, "error: no editor configured\nhint: set $EDITOR\n");
  assertEquals(await Deno.readTextFile(historyPath), before, "nothing launched, nothing recorded");
});

Deno.test("sase prompt run -n -j prints the launch plan with snake_case keys", async () => {
  await using sb = await makeSandbox();
  const text = "%n:lead %m:fakey/reply one\n---\n%n:helper %w:lead %m:fakey/reply two";
  await recordPrompt(join(sb.saseHome, "prompt_history.json"), text, { now: new Date(2026, 0, 2) });
  const result = await runSase(["prompt", "run", idOf(text), "-n", "-j"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  const plan = JSON.parse(result.stdout);
  assertEquals(Object.keys(plan), ["schema_version", "entries", "trace"]);
  const [lead, helper] = plan.entries;
  assertEquals(Object.keys(lead), [
    "name",
    "name_template",
    "force_reuse_name",
    "prompt",
    "model",
    "provider",
    "waits",
    "time",
    "hide",
    "approve",
    "epic",
    "edit",
    "group",
    "repeat",
    "workspace",
    "workflow",
    "embedded",
    "segment",
  ]);
  assertEquals([lead.name, lead.name_template, lead.prompt, lead.waits], [
    "lead",
    "lead",
    "one",
    [],
  ]);
  assertEquals([helper.name, helper.waits, helper.segment], ["helper", ["lead"], 1]);
  assertEquals(Object.keys(lead.workspace), ["kind", "ref", "raw", "agent", "implicit"]);
});

/** Quote `value` for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A real terminal for interactive commands: a tmux server of its own (its own
 * socket, no user config) running one command, read with `capture-pane` and
 * driven with `send-keys`. The command's exit status is printed as
 * `[exit N]` and the pane stays open so it can be read.
 */
class Terminal implements AsyncDisposable {
  private constructor(private readonly socket: string) {}

  static async start(sb: Sandbox, args: string[]): Promise<Terminal> {
    const main = new URL("../../main.ts", import.meta.url).pathname;
    const env = Object.entries({ ...sb.env, DENO_NO_UPDATE_CHECK: "1" })
      .map(([key, value]) => `${key}=${shellQuote(value)}`).join(" ");
    const sase = [Deno.execPath(), "run", "-A", "--unstable-worker-options", main, ...args]
      .map(shellQuote).join(" ");
    const command = `cd ${shellQuote(sb.cwd)} && env -i ${env} ${sase}; ` +
      `printf '[exit %s]\\n' $?; exec sleep 600`;
    const terminal = new Terminal(join(sb.root, "tmux.sock"));
    await terminal.tmux("new-session", "-d", "-x", "160", "-y", "40", "sh", "-c", command);
    return terminal;
  }

  private async tmux(...args: string[]): Promise<string> {
    const output = await new Deno.Command("tmux", {
      args: ["-S", this.socket, "-f", "/dev/null", ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    assertEquals(output.code, 0, `tmux ${args[0]}: ${decoder.decode(output.stderr)}`);
    return decoder.decode(output.stdout);
  }

  /** The screen and its scrollback, wrapped lines joined. */
  screen(): Promise<string> {
    return this.tmux("capture-pane", "-p", "-J", "-S", "-");
  }

  /** Type `text` and press Enter. */
  async type(text: string): Promise<void> {
    await this.tmux("send-keys", "-l", text);
    await this.tmux("send-keys", "Enter");
  }

  /** Wait (generously: a cold Deno start) until the screen shows `text`. */
  async waitFor(text: string): Promise<string> {
    return await waitFor(`${JSON.stringify(text)} on the terminal`, async () => {
      const screen = await this.screen();
      return screen.includes(text) ? screen : undefined;
    }, 60_000);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.tmux("kill-server").catch(() => {});
  }
}

async function seedPickable(sb: Sandbox): Promise<void> {
  const path = join(sb.saseHome, "prompt_history.json");
  // gamma carries a window-title escape, as text an agent wrote might.
  const words = [[2, "alpha"], [3, "beta"], [4, "gamma\x1b]0;owned\x07"]] as const;
  for (const [day, word] of words) {
    await recordPrompt(path, `%model:fakey/reply ${word}`, { now: new Date(2026, 0, day) });
  }
}

const HAVE_TMUX = await haveTool("tmux", ["-V"]);

/** A test of the `sase run .` picker: three prompts in history, the menu on a real terminal. */
function pickerTest(
  name: string,
  fn: (sb: Sandbox, terminal: Terminal, menu: string) => Promise<void>,
): void {
  Deno.test({
    name: needing(name, "tmux", HAVE_TMUX),
    ignore: !HAVE_TMUX,
    fn: async () => {
      await using sb = await makeSandbox();
      await seedPickable(sb);
      await using terminal = await Terminal.start(sb, ["run", "."]);
      await fn(sb, terminal, await terminal.waitFor("pick 1-3:"));
    },
  });
}

pickerTest(
  "sase run . lists recent prompts newest first in a terminal and launches the one picked",
  async (sb, terminal, menu) => {
    const rows = menu.split("\n").filter((line) => /^ \d {2}/.test(line));
    assertEquals(rows, [
      " 1  %model:fakey/reply gamma^[]0;owned^G",
      " 2  %model:fakey/reply beta",
      " 3  %model:fakey/reply alpha",
    ]);
    await terminal.type("3");
    const done = await terminal.waitFor("[exit ");
    assertStringIncludes(done, "pick 1-3: 3\nHello from fakey. You asked: alpha\n");
    assertStringIncludes(done, "[exit 0]");
    const history = JSON.parse(await Deno.readTextFile(join(sb.saseHome, "prompt_history.json")));
    const alpha = history.prompts.find((p: { text: string }) => p.text.endsWith("alpha"));
    assertEquals(alpha.use_count, 2, "the pick is recorded as another use");
  },
);

pickerTest("sase run . refuses a number outside the list", async (sb, terminal) => {
  await terminal.type("4");
  const done = await terminal.waitFor("[exit ");
  assertStringIncludes(
    done,
    'error: no prompt number "4"\nhint: run `sase run --help` for usage\n[exit 2]',
  );
  assertEquals(await runDirs(sb), [], "nothing was launched");
});

Deno.test("sase run . needs a terminal: piped stdin is a usage error, nothing launches", async () => {
  await using sb = await makeSandbox();
  await seedPickable(sb);
  const piped = await runSase(["run", "."], { env: sb.env, cwd: sb.cwd, stdin: "1\n" });
  assertEquals(piped.code, 2);
  assertStringIncludes(
    piped.stderr,
    "error: '.' picks from prompt history interactively, but stdin is not a terminal",
  );
  assertEquals(await runDirs(sb), [], "nothing was launched");
});
