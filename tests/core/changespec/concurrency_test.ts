import { assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { stripRevertedSuffix } from "../../../core/changespec/status.ts";

const WORKER = new URL("./_edit_worker.ts", import.meta.url).pathname;
const NAMES = ["spec_a", "spec_b", "spec_c", "spec_d", "spec_e", "spec_f"];
const EDITS = 50;

Deno.test("6 processes x 50 edits on one project file lose nothing", async () => {
  await using sb = await makeSandbox();
  const text = NAMES.map((n) => `NAME: ${n}\nDESCRIPTION: Spec ${n}.\nSTATUS: WIP\n`).join("\n\n");
  const path = await sb.write(
    "home/.sase/projects/busy/busy.sase",
    "PROJECT_STATE: active\n\n" + text,
  );
  const children = NAMES.map((name) =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", WORKER, `${sb.saseHome}/projects`, name, String(EDITS)],
      stdout: "piped",
      stderr: "piped",
    }).spawn()
  );
  const outputs = await Promise.all(children.map((child) => child.output()));
  for (const out of outputs) assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  const file = parseProjectSpec(Deno.readTextFileSync(path), path);
  assertEquals(file.warnings, []);
  assertEquals(file.specs.length, NAMES.length);
  let total = 0;
  for (const start of NAMES) {
    const spec = file.specs.find((s) => stripRevertedSuffix(s.name) === start)!;
    const refs = spec.refs.filter((r) => r.startsWith(`edit:${start}-`));
    const statusEvents = spec.timestamps.filter((t) => t.eventType === "STATUS");
    assertEquals(refs.length, EDITS / 2, start);
    assertEquals(statusEvents.length, EDITS / 2, start);
    assertEquals(spec.status, "Ready", start);
    total += refs.length + statusEvents.length;
  }
  assertEquals(total, 300);
});
