/**
 * XPrompt benchmarks: expansion of a prompt with 50 references nested 3
 * deep, and cold/warm catalog loads of 1,000 xprompt files.
 * Run: `deno run -A scripts/bench/xprompt.ts` (data is generated in a temp dir).
 *
 * @module
 */

import { join } from "../../core/fs/path.ts";
import { discoverXPrompts } from "../../core/xprompt/discovery.ts";
import { expandXPrompts } from "../../core/xprompt/expand.ts";
import { median, report } from "./_measure.ts";

async function measure(runs: number, fn: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Report a wall time in milliseconds against its goal. */
function reportMs(name: string, value: number, goal: number): void {
  report({ bench: "xprompt", name, value, unit: "ms", goal, metric: "wall" });
}

const root = await Deno.makeTempDir({ prefix: "sase-bench-xprompt-" });
try {
  const work = join(root, "work");
  const home = join(root, "home");
  const xdir = join(work, ".xprompts");
  await Deno.mkdir(xdir, { recursive: true });
  await Deno.mkdir(home, { recursive: true });
  await Deno.writeTextFile(
    join(xdir, "leaf.md"),
    "---\ninput: { n: int }\n---\nleaf {{ n }}{% if n > 2 %} big{% endif %}",
  );
  await Deno.writeTextFile(
    join(xdir, "mid.md"),
    "---\ninput: { n: int }\n---\nmid(#leaf({{ n }}))",
  );
  await Deno.writeTextFile(join(xdir, "top.md"), "---\ninput: { n: int }\n---\ntop[#mid({{ n }})]");
  for (let i = 0; i < 997; i++) {
    await Deno.writeTextFile(
      join(xdir, `filler_${i}.md`),
      `---\ndescription: Filler ${i}.\ninput:\n  x: word\n---\nFiller {{ x }} number ${i}.\n`,
    );
  }
  const options = {
    cwd: work,
    home,
    configDir: join(home, ".config", "sase"),
    bundledDir: join(root, "none"),
  };
  const cold = await measure(1, () => discoverXPrompts(options));
  reportMs("load catalog of 1,000 files (cold)", cold, 1000);
  const warm = await measure(10, () => discoverXPrompts(options));
  reportMs("load catalog of 1,000 files (warm, in-process)", warm, 30);
  const catalog = await discoverXPrompts(options);
  if (catalog.byName.size < 1000) {
    throw new Error(`expected 1,000 catalogued xprompts, got ${catalog.byName.size}`);
  }
  const prompt = Array.from({ length: 50 }, (_v, i) => `Step ${i}: #top(${i % 5})`).join("\n");
  const expanded = await expandXPrompts(prompt, { catalog });
  const sample = "Step 4: top[mid(leaf 4 big)]";
  if (!expanded.text.includes(sample)) {
    throw new Error(`expansion lacks ${JSON.stringify(sample)}: ${expanded.text.slice(0, 300)}`);
  }
  const expand = await measure(20, () => expandXPrompts(prompt, { catalog }));
  reportMs("expand 50 refs nested 3 deep", expand, 5);
} finally {
  await Deno.remove(root, { recursive: true });
}
