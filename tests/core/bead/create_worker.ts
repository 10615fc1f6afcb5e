/**
 * Test helper run as a subprocess: create `count` plan beads in the store at `dir`, printing each id only after
 * its write returned.
 * With `phases`, every third plan also gets a phase.
 *
 * Usage: deno run -A create_worker.ts <dir> <count> <label> [phases]
 *
 * @module
 */

import { mutateStore } from "../../../core/bead/store.ts";
import { planCreate } from "../../../core/bead/mutate.ts";

const [dir, countText, label, phases] = Deno.args;
const count = Number(countText);
for (let i = 0; i < count; i++) {
  const id = await mutateStore(dir, { actor: label }, (ctx) =>
    planCreate(ctx, {
      title: `${label} ${i}`,
      type: { kind: "plan", file: `sdd/tales/202601/${label}_${i}.md` },
    }));
  console.log(`created ${id}`);
  if (phases === "phases" && i % 3 === 0) {
    const phase = await mutateStore(
      dir,
      { actor: label },
      (ctx) =>
        planCreate(ctx, { title: `${label} ${i} phase`, type: { kind: "phase", parent: id } }),
    );
    console.log(`created ${phase}`);
  }
}
