/**
 * Finding an agent by name. The permanent name registry says which run owns
 * a name; the index finds runs the registry does not know (older runs, a lost
 * registry) by the name in their `agent_meta.json`, newest first.
 *
 * @module
 */

import { SaseError } from "../../errors.ts";
import { readNameRegistry } from "../identity/naming.ts";
import type { IndexLocation } from "./agent_index.ts";
import { loadRecordBuilder, refreshIndex, withAgentIndex } from "./index_service.ts";
import type { StoredRun } from "./db.ts";
import { parseRunDir } from "./layout.ts";

/** Find the run that owns `name`; throws `agent.not_found` when there is none. */
export async function resolveAgent(location: IndexLocation, name: string): Promise<StoredRun> {
  const owner = (await readNameRegistry(location.env))[name];
  const found = await withAgentIndex(location, async (index) => {
    await refreshIndex(index);
    if (owner && parseRunDir(location.projectsRoot, owner.artifacts_dir)) {
      const run = index.run(owner.artifacts_dir) ??
        index.updateRun(owner.artifacts_dir, await loadRecordBuilder());
      if (run) return run;
    }
    return index.runsNamed(name)[0];
  });
  if (!found) {
    throw new SaseError("agent.not_found", `no agent named '${name}'`, {
      hint: "run `sase agent list -a` to see agent names",
      kind: "not-found",
    });
  }
  return found;
}
