/**
 * `sase ace` at the front door: options checked before anything starts
 * (each with its own error and exit 2), a query that does not parse, and
 * the refusal without a terminal; `-T` outside tmux; the helpers for the
 * tmux window name, `-r`, `-m`/`-M`/`-v` and the profile path.
 */

import { assertEquals, assertStringIncludes, assertThrows } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { SaseError } from "../../core/errors.ts";
import { aceEnvOverrides, refreshSeconds } from "../../cli/ace/run.ts";
import { nextWindowName } from "../../cli/ace/tmux.ts";
import { shortPath } from "../../cli/ace/profile_path.ts";
import { profilePath, profileReport } from "../../tui/ace/app/profile.ts";

Deno.test("sase ace refuses bad options and queries (exit 2) and runs only on a terminal (exit 1)", async () => {
  await using box = await makeSandbox();
  const run = (args: string[]) => runSase(["ace", ...args], { env: box.env, cwd: box.cwd });
  const cases: Array<[string[], number, string]> = [
    [["-t", "prs"], 2, "--tab must be one of changespecs, agents, axe, not 'prs'"],
    [["-r", "-1"], 2, "--refresh-interval must be a whole number of seconds"],
    [["-r", "1.5"], 2, "--refresh-interval must be a whole number of seconds"],
    [["-m", "huge"], 2, "--model-tier must be large or small, not 'huge'"],
    [["-M", "medium"], 2, "--model-size must be big or little, not 'medium'"],
    [["-v", "svn"], 2, "--vcs-provider must be git, hg or auto, not 'svn'"],
    [["(status:WIP"], 2, "the query does not parse"],
    [["-x"], 1, "sase ace needs a terminal: stdin and stdout must both be a TTY"],
    [["-x", "-t", "axe", "-r", "0", "status:WIP"], 1, "needs a terminal"],
  ];
  for (const [args, code, message] of cases) {
    const result = await run(args);
    assertEquals(result.code, code, `${args.join(" ")}: ${result.stderr}`);
    assertStringIncludes(result.stderr, message);
  }
  const tmux = await runSase(["ace", "-T"], { env: { ...box.env, TMUX: "" }, cwd: box.cwd });
  assertEquals(tmux.code, 2, tmux.stderr);
  assertStringIncludes(tmux.stderr, "sase ace -T must run inside tmux");
});

Deno.test("ace option helpers: -r whole seconds; -m over -M (deprecated, warned); -v; window names", () => {
  assertEquals([refreshSeconds("0"), refreshSeconds("10"), refreshSeconds(" 600 ")], [0, 10, 600]);
  assertThrows(() => refreshSeconds("ten"), SaseError, "--refresh-interval");
  const warnings: string[] = [];
  const warn = (text: string) => warnings.push(text);
  const base = { tab: "agents", refreshInterval: "10", axe: true };
  assertEquals(aceEnvOverrides(base, warn), {});
  assertEquals(aceEnvOverrides({ ...base, modelTier: "SMALL" }, warn), {
    SASE_MODEL_TIER_OVERRIDE: "small",
  });
  assertEquals(warnings, []);
  assertEquals(aceEnvOverrides({ ...base, modelSize: "big" }, warn), {
    SASE_MODEL_TIER_OVERRIDE: "large",
  });
  assertEquals(warnings, ["-M/--model-size is deprecated: use -m/--model-tier large|small"]);
  assertEquals(
    aceEnvOverrides({ ...base, modelTier: "large", modelSize: "little", vcsProvider: "HG" }, warn),
    { SASE_MODEL_TIER_OVERRIDE: "large", SASE_VCS_PROVIDER: "hg" },
    "-m wins over -M",
  );
  assertEquals(nextWindowName([]), "sase_tmux_1");
  assertEquals(nextWindowName(["sase_tmux_1", "zsh", "sase_tmux_3"]), "sase_tmux_2");
});

Deno.test("profile: the handbook's default path, the shortened path, a self-time report", () => {
  const at = new Date(Date.UTC(2026, 2, 28, 9, 5, 7));
  assertEquals(profilePath({ SASE_TMPDIR: "/t" }, null, at), "/t/ace_profile_20260328T090507.txt");
  assertEquals(profilePath({ SASE_TMPDIR: "/t" }, "/x/p.txt", at), "/x/p.txt");
  assertEquals(profilePath({ TMPDIR: "/tmp2" }, null, at), "/tmp2/ace_profile_20260328T090507.txt");
  assertEquals(shortPath({ HOME: "/home/u" }, "/home/u/p.txt"), "~/p.txt");
  assertEquals(shortPath({ HOME: "/home/u" }, "/home/user2/p.txt"), "/home/user2/p.txt");
  const report = profileReport({
    nodes: [
      { id: 1, callFrame: { functionName: "", url: "", lineNumber: 0 }, children: [2, 3] },
      { id: 2, callFrame: { functionName: "draw", url: "file:///a.ts", lineNumber: 9 } },
      { id: 3, callFrame: { functionName: "load", url: "file:///b.ts", lineNumber: 0 } },
    ],
    samples: [2, 2, 2, 3],
    startTime: 0,
    endTime: 2_000_000,
  });
  const lines = report.split("\n");
  assertEquals(lines[0], "sase ace CPU profile: 4 samples over 2.0 s");
  assertEquals(lines[3].trim(), "75.0%        3  draw file:///a.ts:10");
  assertEquals(lines[4].trim(), "25.0%        1  load file:///b.ts:1");
});
