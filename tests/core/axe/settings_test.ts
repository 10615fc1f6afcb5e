import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import { axeSettings, parseAxeDuration, resolveChop } from "../../../core/axe/settings.ts";

const ENV = { HOME: "/home/u" };

Deno.test("durations: seconds, units, combinations; zero, junk and partial matches are refused", () => {
  assertEquals(parseAxeDuration("90s", "k"), 90);
  assertEquals(parseAxeDuration("5m", "k"), 300);
  assertEquals(parseAxeDuration("2h", "k"), 7200);
  assertEquals(parseAxeDuration("1h30m", "k"), 5400);
  assertEquals(parseAxeDuration("1d", "k"), 86400);
  assertEquals(parseAxeDuration("45", "k"), 45);
  assertEquals(parseAxeDuration(12, "k"), 12);
  for (const bad of ["0s", "", "5x", "m5", "5m junk", "-1s", "0"]) {
    assertThrows(
      () => parseAxeDuration(bad, "axe.lumberjacks.lj.chops.c.timeout"),
      SaseError,
      `axe.lumberjacks.lj.chops.c.timeout: invalid duration '${bad}'`,
    );
  }
});

Deno.test("overrides win over axe: config, which wins over the built-in defaults", () => {
  const config = {
    max_hook_runners: 5,
    max_agent_runners: 6,
    zombie_timeout_seconds: 60,
    query: "%r",
    chop_script_dirs: ["~/chops", "/abs"],
  };
  const fromConfig = axeSettings(config, {}, ENV);
  assertEquals(
    [fromConfig.maxHookRunners, fromConfig.maxAgentRunners, fromConfig.zombieTimeoutSeconds],
    [5, 6, 60],
  );
  assertEquals(fromConfig.query, "%r");
  assertEquals(fromConfig.chopScriptDirs, ["/home/u/chops", "/abs"]);
  const flags = axeSettings(config, {
    query: "!!!",
    maxHookRunners: 0,
    maxAgentRunners: 1,
    zombieTimeoutSeconds: 9,
  }, ENV);
  assertEquals(
    [flags.query, flags.maxHookRunners, flags.maxAgentRunners, flags.zombieTimeoutSeconds],
    ["!!!", 0, 1, 9],
  );
  const defaults = axeSettings(undefined, {}, ENV);
  assertEquals(
    [defaults.maxHookRunners, defaults.maxAgentRunners, defaults.zombieTimeoutSeconds],
    [3, 3, 7200],
  );
  assertEquals([defaults.query, defaults.logMaxBytes], ["", 52428800]);
});

Deno.test("chops: legacy strings, chop_timeout inheritance, per-chop timeout, xprompt alias", () => {
  const settings = axeSettings(
    {
      lumberjacks: {
        lj: {
          chop_timeout: "90s",
          chops: [
            "plain",
            { name: "own", description: "d", timeout: "5s", run_every: "2h", env: { N: 3 } },
            { name: "legacy", description: "d", xprompt: "tidy" },
          ],
        },
        bare: { chops: ["x"] },
      },
    },
    {},
    ENV,
  );
  const [lj, bare] = settings.lumberjacks;
  assertEquals(lj.intervalSeconds, 1);
  assertEquals(lj.chops.map((chop) => chop.timeoutSeconds), [90, 5, 90]);
  assertEquals(lj.chops[1].runEverySeconds, 7200);
  assertEquals(lj.chops[1].env, { N: "3" });
  assertEquals(lj.chops[2].agent, "tidy");
  assertEquals([lj.chops[0].description, lj.chops[0].agent], ["", null]);
  assertEquals(bare.chops[0].timeoutSeconds, null);
});

Deno.test("resolveChop: unique, ambiguous, -L, unknown names", () => {
  const settings = axeSettings(
    {
      lumberjacks: { a: { chops: ["c", "only_a"] }, b: { chops: ["c"] } },
    },
    {},
    ENV,
  );
  assertEquals(resolveChop(settings, "only_a").lumberjack.name, "a");
  assertEquals(resolveChop(settings, "c", "b").lumberjack.name, "b");
  assertThrows(
    () => resolveChop(settings, "c"),
    SaseError,
    "chop 'c' is configured in several lumberjacks: a, b",
  );
  assertThrows(() => resolveChop(settings, "zz"), SaseError, "no chop named 'zz'");
  assertThrows(
    () => resolveChop(settings, "only_a", "b"),
    SaseError,
    "lumberjack 'b' has no chop named 'only_a'",
  );
  assertThrows(() => resolveChop(settings, "c", "q"), SaseError, "no lumberjack named 'q'");
});
