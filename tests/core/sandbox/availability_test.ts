/**
 * Whether the jail works here: its programs on PATH (each missing one named
 * with its package), and bubblewrap's namespaces, probed once and cached
 * until bubblewrap, the kernel or the user changes.
 */

import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { jailAvailability } from "../../../core/sandbox/availability.ts";

Deno.test({
  name: "every missing program is named with the package that provides it",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    const empty = join(sb.root, "empty-bin");
    await Deno.mkdir(empty);
    assertEquals(await jailAvailability({ ...sb.env, PATH: empty }), {
      available: false,
      platform: "linux",
      missing: [
        "bwrap not found on PATH (apt-get install bubblewrap)",
        "socat not found on PATH (apt-get install socat)",
        "rg not found on PATH (apt-get install ripgrep)",
      ],
    });
  },
});

Deno.test({
  name: "the namespace probe's answer is cached per bubblewrap; a fresh check probes again",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    // The real programs: the suite runs the real jail.
    assertEquals(await jailAvailability(sb.env), {
      available: true,
      platform: "linux",
      missing: [],
    });
    const cache = join(sb.saseHome, "cache", "jail.json");
    const entry = JSON.parse(await Deno.readTextFile(cache));
    assertEquals(entry.problem, null);
    // A cached answer is trusted while its key matches ...
    await Deno.writeTextFile(cache, JSON.stringify({ ...entry, problem: "no namespaces" }));
    assertEquals((await jailAvailability(sb.env)).missing, ["no namespaces"]);
    // ... and `fresh` asks bubblewrap itself.
    assertEquals((await jailAvailability(sb.env, { fresh: true })).available, true);
    // Another key (another bubblewrap, kernel or user) is probed anew.
    await Deno.writeTextFile(cache, JSON.stringify({ ...entry, key: "other", problem: "old" }));
    assertEquals((await jailAvailability(sb.env)).available, true);
  },
});
