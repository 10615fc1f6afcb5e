/**
 * Test helper: a catalog built from in-memory definitions.
 *
 * @module
 */

import type { Catalog } from "../../../core/xprompt/discovery.ts";
import { configXPrompt } from "../../../core/xprompt/loader.ts";
import { markdownXPrompt } from "../../../core/xprompt/file_loader.ts";
import type { XPrompt } from "../../../core/xprompt/model.ts";

/** Build a catalog: string values are config entries, `md:` prefixed values are Markdown files. */
export function catalogOf(defs: Record<string, unknown>): Catalog {
  const all: XPrompt[] = Object.entries(defs).map(([name, def]) =>
    typeof def === "string" && def.startsWith("md:")
      ? markdownXPrompt(def.slice(3), name, { priority: 1, label: "test", path: `/t/${name}.md` })
      : configXPrompt(name, def, { priority: 6, label: "config", path: "/t/sase.yml" }, name)
  );
  return { byName: new Map(all.map((x) => [x.name, x])), all, problems: [] };
}
