/**
 * Subprocess for the concurrency test: applies `count` edits to one spec,
 * alternating a REFS append and a status transition (Ready <-> Draft, which
 * also renames the spec).
 *
 * @module
 */

import { ChangeSpecStore } from "../../../core/changespec/store.ts";
import { addRef, changeStatus } from "../../../core/changespec/transition.ts";

const [projectsDir, start, countText] = Deno.args;
const store = new ChangeSpecStore(projectsDir);
let name = start;
let status = "WIP";
for (let i = 0; i < Number(countText); i++) {
  if (i % 2 === 0) {
    await addRef(store, name, `edit:${start}-${i}`);
  } else {
    const target = status === "Ready" ? "Draft" : "Ready";
    const result = await changeStatus(store, { name, status: target });
    name = result.newName;
    status = target;
  }
}
console.log(name);
