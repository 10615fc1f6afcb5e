/**
 * `sase amd list` (and bare `sase amd`): the `AGENTS.md` inventory.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { amdInventory } from "../../core/amd/inventory.ts";
import { amdListWire } from "../../core/amd/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase amd list`. */
export async function runList(app: AppContext, options: { json?: boolean }): Promise<void> {
  const entries = await amdInventory(app);
  if (options.json) return printJson(amdListWire(entries));
  if (entries.length === 0) {
    console.log("No AGENTS.md found (create one with `sase amd init`).");
    return;
  }
  const inert = (text: string) => neutralizeControls(text, { keepLayout: false });
  console.log(formatTable(
    ["SCOPE", "PATH", "TITLE", "MANAGED", "SHORT", "LONG", "SHIMS"],
    entries.map((e) => [
      e.scope,
      inert(e.display),
      inert(e.title ?? "-"),
      e.managed === "partial" ? "missing marker blocks" : e.managed,
      `${e.shortRefs}`,
      `${e.longRefs}`,
      e.shims.map((s) => `${s.provider.replace(".md", "")}:${s.status}`).join(" "),
    ]),
  ));
}
