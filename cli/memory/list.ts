/**
 * `sase memory list` (and bare `sase memory`): the memory context dashboard.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { memoryContext } from "../../core/memory/context.ts";
import { homeMemoryRoot, projectRoot } from "../../core/memory/layout.ts";
import { memoryContextWire } from "../../core/memory/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase memory list`. */
export async function runList(app: AppContext, options: { json?: boolean }): Promise<void> {
  const config = (await app.config()).config;
  const context = await memoryContext(
    await projectRoot(app.cwd),
    homeMemoryRoot(app.env, config.use_chezmoi ?? false),
    app.env,
  );
  if (options.json) return printJson(memoryContextWire(context));
  if (context.entries.length === 0) {
    console.log("No AGENTS.md or memory files found (run `sase memory init`).");
    return;
  }
  const rows = context.entries.map((e) => [
    e.status,
    e.scope,
    neutralizeControls(e.display, { keepLayout: false }),
    e.tokens === null ? "-" : `~${e.tokens}`,
  ]);
  console.log(formatTable(["STATUS", "SCOPE", "PATH", "TOKENS"], rows));
  console.log(
    `\nInstruction roots: ${
      context.roots.map((r) => neutralizeControls(r, { keepLayout: false })).join(", ") || "none"
    }`,
  );
  console.log(`Loaded context: ~${context.loadedTokens} tokens (approximate)`);
}
