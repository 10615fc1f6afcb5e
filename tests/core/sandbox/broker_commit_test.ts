/**
 * What a jailed agent's brokered `sase commit` may ask for (README
 * "Sandbox"): the flags it may pass and how they are re-emitted, where it
 * may run from, which `-M` and `-f` paths it may name, the `.git` it must
 * still find, and the git settings it runs under. (The whole path, with the
 * real jail, runs in tests/e2e/commit_jail.test.ts.)
 */

import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import {
  canonicalCommitArgv,
  type CommitArgs,
  commitRefusal,
  type CommitScope,
  gitIdentity,
  parseCommitArgs,
  pinnedGitEnv,
} from "../../../core/sandbox/broker_commit.ts";

function parsed(args: string[]): CommitArgs {
  const result = parseCommitArgs(["commit", ...args]);
  if (typeof result === "string") throw new Error(result);
  return result;
}

Deno.test("parseCommitArgs: the agent's flags, short, long and --long=value; nothing else", () => {
  assertEquals(
    parsed(["-t", "commit", "-M", "m.md", "-f", "a", "--file=b", "-r", "--json", "-m", "-x"])
      .flags,
    [
      ["type", "commit"],
      ["message-file", "m.md"],
      ["file", "a"],
      ["file", "b"],
      ["resume", true],
      ["json", true],
      ["message", "-x"],
    ],
  );
  assertEquals(parsed(["-n", "n", "-B", "7", "-p", "par", "-s", "ready"]).flags.length, 4);
  const refused = (args: string[]) => parseCommitArgs(["commit", ...args]);
  assertEquals(refused(["-v", "hg"]), "`-v` is not a flag a jailed agent's `sase commit` may pass");
  assertEquals(
    refused(["--vcs-provider=git"]),
    "`--vcs-provider=git` is not a flag a jailed agent's `sase commit` may pass",
  );
  assertEquals(
    refused(["-c", "HEAD"]),
    "`-c` is not a flag a jailed agent's `sase commit` may pass",
  );
  assertEquals(refused(["-mx"]), "`-mx` is not a flag a jailed agent's `sase commit` may pass");
  assertEquals(refused(["extra"]), "`extra` is not a flag a jailed agent's `sase commit` may pass");
  assertEquals(refused(["-f"]), "--file needs a value");
  assertEquals(refused(["--resume=yes"]), "--resume takes no value");
  assertEquals(
    refused(["-n", "--upload-pack=x"]),
    "--name --upload-pack=x: a value may not start with '-'",
  );
  assertEquals(refused(["-f", "-x"]), "--file -x: a value may not start with '-'");
});

Deno.test("canonicalCommitArgv: every flag as --long=value, -M replaced by the broker's file", () => {
  assertEquals(
    canonicalCommitArgv(parsed(["-M", "m.md", "-f", "a b", "-m", "-x", "-r"]), "/private/m"),
    ["commit", "--message-file=/private/m", "--file=a b", "--message=-x", "--resume"],
  );
});

Deno.test("pinnedGitEnv: fsmonitor off and submodules ignored, after any settings given", () => {
  assertEquals(pinnedGitEnv({ A: "1" }), {
    A: "1",
    GIT_CONFIG_PARAMETERS: "'core.fsmonitor=false' 'diff.ignoreSubmodules=all'",
  });
  assertEquals(
    pinnedGitEnv({ GIT_CONFIG_PARAMETERS: "'user.name=x'" }).GIT_CONFIG_PARAMETERS,
    "'user.name=x' 'core.fsmonitor=false' 'diff.ignoreSubmodules=all'",
  );
});

Deno.test("commitRefusal: where it runs from, the .git it finds, the -M and -f paths", async () => {
  const root = await Deno.realPath(await Deno.makeTempDir());
  try {
    const ws = join(root, "ws");
    const run = join(root, "run");
    const outside = join(root, "outside");
    for (const dir of [join(ws, ".git"), join(ws, "sub"), run, outside]) {
      await Deno.mkdir(dir, { recursive: true });
    }
    await Deno.writeTextFile(join(run, "m.md"), "feat: x\n");
    await Deno.writeTextFile(join(outside, "secret"), "key\n");
    await Deno.symlink(join(outside, "secret"), join(run, "link.md"));
    await Deno.symlink(outside, join(ws, "escape"));
    await Deno.symlink("/etc/hostname", join(ws, "tracked-link"));
    const scope: CommitScope = { workspace: ws, writable: [ws, run], git: await gitIdentity(ws) };
    const check = (args: string[], cwd = ws, message: unknown = "feat: x\n") =>
      commitRefusal(parsed(args), cwd, message, scope);

    assertEquals(
      await check(["-M", join(run, "m.md"), "-f", "a.txt", "-f", "tracked-link"]),
      undefined,
    );
    assertEquals(await check(["-m", "x", "-f", "../gone.txt"], join(ws, "sub")), undefined);
    assertEquals(
      await check(["-m", "x"], run),
      `it runs from ${run}, outside the run's workspace ${ws}`,
    );
    assertEquals(
      await check(["-m", "x"], join(ws, "escape")),
      `it runs from ${join(ws, "escape")}, outside the run's workspace ${ws}`,
    );
    assertEquals(
      await check(["-M", join(outside, "secret")]),
      `the message file ${join(outside, "secret")} is outside the run's writable paths`,
    );
    assertEquals(
      await check(["-M", join(run, "link.md")]),
      `the message file ${join(run, "link.md")} is outside the run's writable paths`,
    );
    assertEquals(
      await check(["-M", "nope.md"]),
      `the message file ${join(ws, "nope.md")} does not exist`,
    );
    assertEquals(
      await check(["-M", join(run, "m.md")], ws, null),
      "the request does not carry the message file's text",
    );
    assertEquals(
      await check(["-M", join(run, "m.md")], ws, "x".repeat(256 * 1024 + 1)),
      "the request does not carry the message file's text",
    );
    assertEquals(
      await check(["-M", join(run, "m.md"), "--message-file", join(run, "m.md")]),
      "-M/--message-file is given more than once",
    );
    for (
      const file of [
        "../outside/secret",
        join(outside, "secret"),
        "escape/secret",
        ".git/config",
        ".git",
      ]
    ) {
      assertEquals(
        await check(["-m", "x", "-f", file]),
        `-f ${file} is outside the run's workspace`,
      );
    }
    assertEquals(await check(["-m", "x", "-f", ":(glob)*"]), "-f :(glob)*: not a path");

    // A checkout the agent made between the working directory and the workspace.
    await Deno.mkdir(join(ws, "sub", ".git"));
    assertEquals(
      await check(["-m", "x"], join(ws, "sub")),
      `${join(ws, "sub", ".git")} is a checkout the agent made inside the workspace`,
    );
    await Deno.remove(join(ws, "sub", ".git"));
    await Deno.writeTextFile(join(ws, "sub", ".hg"), "");
    assertEquals(
      await check(["-m", "x"], join(ws, "sub")),
      `${join(ws, "sub", ".hg")} is a checkout the agent made inside the workspace`,
    );
    // The workspace's .git redirected (commondir) or replaced: not the one the run started with.
    await Deno.writeTextFile(join(ws, ".git", "commondir"), outside);
    assertEquals(
      await check(["-m", "x"]),
      `${join(ws, ".git")} is not the one the run started with`,
    );
    await Deno.remove(join(ws, ".git", "commondir"));
    assertEquals(await check(["-m", "x"]), undefined);
    await Deno.rename(join(ws, ".git"), join(ws, ".git-old"));
    await Deno.mkdir(join(ws, ".git"));
    assertEquals(
      await check(["-m", "x"]),
      `${join(ws, ".git")} is not the one the run started with`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
