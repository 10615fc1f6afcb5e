/**
 * The entry a launcher Worker may run starts exactly the command the trusted
 * side wrote into it: its own arguments and environment change nothing, and
 * a startup file named by the environment is never read.
 */

import { join } from "node:path";
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { entryScript, reserveEntry } from "../../../core/sandbox/entry.ts";

Deno.test("the entry ignores its arguments and environment and starts the written command", async () => {
  const root = await Deno.makeTempDir();
  try {
    const hook = join(root, "hook.sh");
    await Deno.writeTextFile(hook, `touch ${join(root, "hooked")}\n`);
    // A PATH whose `env` and `sh` would report themselves if the entry looked them up.
    const bin = join(root, "bin");
    await Deno.mkdir(bin);
    for (const name of ["env", "sh"]) {
      await Deno.writeTextFile(join(bin, name), "#!/bin/sh\necho hijacked\n", { mode: 0o755 });
    }
    await using slot = await reserveEntry();
    await slot.write({
      cwd: root,
      env: { GREETING: 'it\'s "quoted" $HOME', "NOT A NAME": "dropped" },
      argv: [
        "/bin/sh",
        "-c",
        'printf "%s|%s|%s|%s\\n" "$GREETING" "$#" "$(pwd)" "$(env | sort | tr "\\n" ,)"',
      ],
    });
    const output = await new Deno.Command(slot.path, {
      args: ["--evil", "argument"],
      env: { PATH: bin, BASH_ENV: hook, ENV: hook, GREETING: "from the caller" },
      clearEnv: true,
      cwd: "/",
    }).output();
    assertEquals(new TextDecoder().decode(output.stderr), "");
    // The shell's own PWD/SHLVL/_ aside, only the written variable exists.
    const [greeting, argc, cwd, env] = new TextDecoder().decode(output.stdout).trim().split("|");
    assertEquals([greeting, argc, cwd], [`it's "quoted" $HOME`, "0", root]);
    assertEquals(
      env.split(",").filter((line) => line && !/^(PWD|SHLVL|_|OLDPWD)=/.test(line)),
      [`GREETING=it's "quoted" $HOME`],
    );
    assertEquals(await Deno.stat(join(root, "hooked")).catch(() => null), null);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("an entry is written once: an existing file at its path is never replaced", async () => {
  await using slot = await reserveEntry();
  await slot.write({ cwd: "/", env: {}, argv: ["/bin/true"] });
  await assertRejects(
    () => slot.write({ cwd: "/", env: {}, argv: ["/bin/false"] }),
    Deno.errors.AlreadyExists,
  );
  assertEquals((await Deno.stat(slot.path)).mode! & 0o777, 0o700);
});

Deno.test("the entry script quotes every word and starts from `env -i`", () => {
  assertEquals(
    entryScript({ cwd: "/w s", env: { A: "x y" }, argv: ["/bin/echo", "a'b"] }),
    "#!/bin/sh -p\n" +
      "# sase: one confined process; its arguments and environment are ignored.\n" +
      "cd -- '/w s' || exit 127\n" +
      "exec /usr/bin/env -i 'A=x y' /bin/echo 'a'\\''b'\n",
  );
});
