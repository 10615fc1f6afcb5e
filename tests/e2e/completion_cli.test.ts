import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { haveTool, needing } from "../_helpers/tools.ts";
import { HIDDEN, TOP_LEVEL } from "../cli/_top_level.ts";

const HAVE_ZSH = await haveTool("zsh");
const HAVE_FISH = await haveTool("fish");

async function script(sb: Sandbox, shell: string): Promise<string> {
  const result = await runSase(["completion", shell], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  return result.stdout;
}

async function shell(
  binary: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(binary, { args, stdout: "piped", stderr: "piped" })
    .output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Run the bash completion function for `words` (the last word is being completed). */
async function bashComplete(path: string, words: string[]): Promise<string[]> {
  const quoted = words.map((word) => `'${word}'`).join(" ");
  const result = await shell("bash", [
    "-c",
    `source '${path}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; ` +
    `_sase_completion; printf '%s\\n' "\${COMPREPLY[@]}"`,
  ]);
  assertEquals(result.code, 0, result.stderr);
  return result.stdout.split("\n").filter(Boolean);
}

Deno.test("bash: syntax-checks and completes subcommands, options and choices", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("sase.bash", await script(sb, "bash"));
  const check = await shell("bash", ["-n", path]);
  assertEquals(check.code, 0, check.stderr);
  assertEquals(await bashComplete(path, ["sase", "no"]), ["notify"]);
  assertEquals(await bashComplete(path, ["sase", "notify", "l"]), ["list"]);
  assertEquals(await bashComplete(path, ["sase", "notify", "list", "-s", "axe", "--u"]), [
    "--unread",
  ]);
  assertEquals(await bashComplete(path, ["sase", "notify", "show", "-f", ""]), [
    "markdown",
    "json",
  ]);
  assertEquals(await bashComplete(path, ["sase", "completion", ""]), ["bash", "zsh", "fish"]);
  const top = await bashComplete(path, ["sase", ""]);
  assertEquals(top, TOP_LEVEL);
  for (const hidden of HIDDEN) assert(!(await script(sb, "bash")).includes(hidden), hidden);
});

Deno.test({
  name: needing("zsh: names every command, and completes when its function runs", "zsh", HAVE_ZSH),
  ignore: !HAVE_ZSH,
  fn: async () => {
    await using sb = await makeSandbox();
    const text = await script(sb, "zsh");
    for (const name of TOP_LEVEL) assertStringIncludes(text, `'sase:${name}'`);
    for (const hidden of HIDDEN) assert(!text.includes(hidden), hidden);
    const path = await sb.write("_sase.zsh", text);
    const check = await shell("zsh", ["-n", path]);
    assertEquals(check.code, 0, check.stderr);
    // Stand-ins for the completion system's builtins record what would be offered.
    const run = (words: string[], prefix: string) =>
      shell("zsh", [
        "-c",
        `compdef() { :; }; _describe() { local -a items; items=("\${(@P)argv[-1]}"); print -l -- "\${items[@]%%:*}"; }; ` +
        `compadd() { print -l -- "\${reply[@]}"; }; _files() { print FILES; }; ` +
        `source '${path}'; words=(${words.map((word) => `'${word}'`).join(" ")}); ` +
        `CURRENT=${words.length}; PREFIX='${prefix}'; _sase`,
      ]);
    const notify = await run(["sase", "no"], "no");
    assertEquals(notify.code, 0, notify.stderr);
    assert(notify.stdout.split("\n").includes("notify"), notify.stdout);
    const list = await run(["sase", "notify", "l"], "l");
    assert(list.stdout.split("\n").includes("list"), list.stdout);
    const options = await run(["sase", "notify", "list", "--"], "--");
    assert(options.stdout.split("\n").includes("--unread"), options.stdout);
    const format = await run(["sase", "notify", "show", "-f", ""], "");
    assertEquals(format.stdout.split("\n").filter(Boolean), ["markdown", "json"]);
  },
});

Deno.test({
  name: needing(
    "fish: names every command, and completes through `complete -C`",
    "fish",
    HAVE_FISH,
  ),
  ignore: !HAVE_FISH,
  fn: async () => {
    await using sb = await makeSandbox();
    const text = await script(sb, "fish");
    for (const name of TOP_LEVEL) assertStringIncludes(text, `-a '${name}'`);
    for (const hidden of HIDDEN) assert(!text.includes(hidden), hidden);
    const path = await sb.write("sase.fish", text);
    const check = await shell("fish", ["-n", path]);
    assertEquals(check.code, 0, check.stderr);
    const complete = async (line: string) => {
      const result = await shell("fish", [
        "--no-config",
        "-c",
        `source '${path}'; complete -C '${line}'`,
      ]);
      assertEquals(result.code, 0, result.stderr);
      return result.stdout.split("\n").filter(Boolean).map((entry) => entry.split("\t")[0]);
    };
    assertEquals(await complete("sase no"), ["notify"]);
    assertEquals(await complete("sase notify l"), ["list"]);
    assert((await complete("sase notify list --u")).includes("--unread"));
    assertEquals(
      (await complete("sase ")).filter((word) => !word.startsWith("-")),
      [...TOP_LEVEL].sort(),
    );
  },
});

Deno.test("an unknown shell is a usage error", async () => {
  await using sb = await makeSandbox();
  const result = await runSase(["completion", "tcsh"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 2);
  assertStringIncludes(result.stderr, "tcsh");
});
