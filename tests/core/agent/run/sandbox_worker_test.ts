/**
 * The launch Worker's Deno permissions (DESIGN.md "Sandbox", the second
 * layer): it may start its attempt's entry and use the run directory, and
 * nothing else: not `deno`, not `git`, not a shell, not `SASE_HOME` outside
 * the run.
 */

import { join } from "node:path";
import { assertEquals } from "../../../_helpers/assert.ts";
import { startSandboxWorker, workerPermissions } from "../../../../core/agent/run/sandbox.ts";
import { reserveEntry } from "../../../../core/sandbox/entry.ts";
import { which } from "../../../../core/fs/which.ts";
import type { Probe } from "./probe_worker.ts";

const PROBE = new URL("./probe_worker.ts", import.meta.url);

Deno.test("the launch worker may run only its entry and touch only the run directory", async () => {
  const home = await Deno.makeTempDir();
  try {
    const dir = join(home, ".sase", "projects", "p", "artifacts", "run");
    await Deno.mkdir(dir, { recursive: true });
    await using slot = await reserveEntry();
    await slot.write({ cwd: dir, env: {}, argv: ["/bin/true"] });
    const git = await which("git", Deno.env.get("PATH"));
    const probes: Probe[] = [
      { run: slot.path },
      { run: Deno.execPath(), args: ["eval", "0"] },
      { run: git ?? "/usr/bin/git", args: ["-c", "alias.x=!true", "x"] },
      { run: "/bin/sh", args: ["-c", "true"] },
      { read: join(dir, "x.txt") },
      { write: join(dir, "x.txt") },
      { read: join(home, ".sase", "notifications.jsonl") },
      { write: join(home, ".sase", "notifications.jsonl") },
      { read: "/etc/hostname" },
    ];
    await Deno.writeTextFile(join(dir, "x.txt"), "run file");
    const worker = startSandboxWorker(PROBE, "fakey", workerPermissions(slot.path, dir));
    try {
      const results = await new Promise<string[]>((resolve) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.postMessage({ type: "probe", probes });
      });
      assertEquals(results, [
        "allowed",
        "denied",
        "denied",
        "denied",
        "allowed",
        "allowed",
        "denied",
        "denied",
        "denied",
      ]);
    } finally {
      worker.terminate();
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("workerPermissions: the entry is the one program, the run directory the one place", () => {
  assertEquals(workerPermissions("/tmp/sase-entry-x/entry", "/h/.sase/run"), {
    run: ["/tmp/sase-entry-x/entry"],
    read: ["/h/.sase/run"],
    write: ["/h/.sase/run"],
  });
});

Deno.test("workerPermissions: a plugin provider's worker may also read its plugin's directory", () => {
  const perms = workerPermissions("/e", "/run", "file:///opt/my%20plugin/llm/mod.ts");
  assertEquals(perms, { run: ["/e"], read: ["/run", "/opt/my plugin/llm"], write: ["/run"] });
  // A module that is not a local file adds nothing to read (its import is refused and reported).
  assertEquals(workerPermissions("/e", "/run", "npm:some-plugin").read, ["/run"]);
});
