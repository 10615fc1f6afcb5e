/**
 * The layering DESIGN.md promises, checked on the real import graph (`deno
 * info --json`, code and type-only imports alike): core and providers never
 * reach into the front doors, command groups do not import each other, and
 * there are no import cycles.
 */

import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import { assertEquals } from "./_helpers/assert.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE_DIRS = ["core", "providers", "cli", "entries", "tui"];

/** Every TypeScript module of the product (tests, scripts and assets aside). */
async function productModules(): Promise<string[]> {
  const found: string[] = ["main.ts", "mod.ts"];
  const walk = async (dir: string): Promise<void> => {
    for await (const entry of Deno.readDir(join(ROOT, dir))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.name.endsWith(".ts")) found.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) await walk(dir);
  return found.sort();
}

/** The import graph among product modules: file -> the files it imports. */
async function importGraph(): Promise<Map<string, Set<string>>> {
  const modules = await productModules();
  // One module that imports them all: `deno info` then walks the whole graph once
  // (command groups are loaded by run-time specifiers, invisible from main.ts).
  const dir = await Deno.makeTempDir();
  const all = join(dir, "all.ts");
  await Deno.writeTextFile(
    all,
    modules.map((path) => `import ${JSON.stringify(new URL(path, `file://${ROOT}`).href)};`)
      .join("\n") + "\n",
  );
  try {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", all],
      cwd: ROOT,
      env: { DENO_NO_UPDATE_CHECK: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
    const info = JSON.parse(new TextDecoder().decode(output.stdout)) as {
      modules: {
        specifier: string;
        dependencies?: { code?: { specifier?: string }; type?: { specifier?: string } }[];
      }[];
    };
    const local = (specifier: string | undefined) =>
      specifier?.startsWith(`file://${ROOT}`) ? relative(ROOT, fileURLToPath(specifier)) : null;
    const graph = new Map<string, Set<string>>();
    for (const module of info.modules) {
      const from = local(module.specifier);
      if (!from) continue;
      const edges = new Set<string>();
      for (const dependency of module.dependencies ?? []) {
        for (const target of [dependency.code?.specifier, dependency.type?.specifier]) {
          const to = local(target);
          if (to) edges.add(to);
        }
      }
      graph.set(from, edges);
    }
    return graph;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const graph = await importGraph();
const edges = [...graph].flatMap(([from, tos]) => [...tos].map((to) => [from, to] as const));
const top = (path: string) => path.split("/")[0];

Deno.test("architecture: the graph covers the product", () => {
  // A broken walk would make every rule below pass vacuously.
  for (
    const module of [
      "main.ts",
      "mod.ts",
      "core/context.ts",
      "cli/app.ts",
      "entries/context.ts",
      "tui/engine/program.ts",
    ]
  ) {
    if (!graph.has(module)) throw new Error(`${module} is missing from the import graph`);
  }
  if (graph.size < 300) throw new Error(`only ${graph.size} modules in the import graph`);
});

Deno.test("architecture: core imports no front door and no provider; providers no front door", () => {
  const climbing = edges.filter(([from, to]) =>
    (top(from) === "core" && ["cli", "entries", "providers", "tui"].includes(top(to))) ||
    (top(from) === "providers" && ["cli", "entries", "tui"].includes(top(to)))
  );
  assertEquals(climbing, []);
});

Deno.test("architecture: the TUI imports core only, never a command, provider or entry", () => {
  // ACE is a front door beside the CLI: it reaches services through core and
  // the application context, so the two always agree.
  const reaching = edges.filter(([from, to]) =>
    top(from) === "tui" && ["cli", "entries", "providers"].includes(top(to))
  );
  assertEquals(reaching, []);
});

/**
 * The command group a `cli/` file belongs to, or null for the CLI's own
 * infrastructure (`app.ts`, `registry.ts`, `root_help.ts`, the quick path's
 * `quick.ts` and `quick_tree.ts`) and `cli/shared/`.
 */
function groupOf(path: string): string | null {
  const parts = path.split("/");
  if (parts[0] !== "cli") return null;
  if (parts.length === 2) {
    const name = parts[1].replace(/\.ts$/, "");
    return ["app", "registry", "root_help", "quick", "quick_tree"].includes(name) ? null : name;
  }
  return parts[1] === "shared" ? null : parts[1];
}

const INFRASTRUCTURE = new Set([
  "cli/app.ts",
  "cli/registry.ts",
  "cli/root_help.ts",
  "cli/quick.ts",
  "cli/quick_tree.ts",
]);

Deno.test("architecture: no command group imports another group's files", () => {
  const crossing = edges.filter(([from, to]) => {
    const [source, target] = [groupOf(from), groupOf(to)];
    return source !== null && target !== null && source !== target;
  });
  assertEquals(crossing, []);
  // The tree's infrastructure knows every group; only completion, which
  // describes the whole tree, may ask it for that tree.
  const intoInfrastructure = edges.filter(([from, to]) =>
    INFRASTRUCTURE.has(to) && groupOf(from) !== null && groupOf(from) !== "completion"
  );
  assertEquals(intoInfrastructure, []);
  // Shared CLI code serves every group, so it depends on none of them.
  const sharedUp = edges.filter(([from, to]) =>
    from.startsWith("cli/shared/") && groupOf(to) !== null
  );
  assertEquals(sharedUp, []);
});

/** Strongly connected components with more than one module (Tarjan, iterative). */
function cycles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: Iterator<string> }[] = [];
    const open = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (graph.get(node) ?? new Set<string>()).values() });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const step = frame.next.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) open(target);
        else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1) found.push(component.sort());
      }
    }
  }
  return found;
}

Deno.test("architecture: no import cycles, type-only imports included", () => {
  assertEquals(cycles(), []);
});

/** Where the terminal's own settings are read, and which. */
const TERMINAL_SETTINGS: Readonly<Record<string, RegExp>> = {
  "cli/shared/output.ts": /Deno\.env\.get\("NO_COLOR"\)/,
  "cli/shared/errors.ts": /Deno\.env\.get\("SASE_DEBUG"\)/,
};

Deno.test("architecture: no file under cli/ reads the process environment or directory itself", async () => {
  // They come from the application context; only the terminal's own settings
  // (NO_COLOR for colour, SASE_DEBUG for stack traces) are read where output is rendered.
  const offenders: string[] = [];
  for (const file of [...graph.keys()].filter((path) => path.startsWith("cli/"))) {
    const text = await Deno.readTextFile(join(ROOT, file));
    for (const [index, line] of text.split("\n").entries()) {
      const reads = /\bprocessEnv\(|\bDeno\.cwd\(|\bDeno\.env\b/.test(line);
      if (reads && !TERMINAL_SETTINGS[file]?.test(line)) offenders.push(`${file}:${index + 1}`);
    }
  }
  assertEquals(offenders, []);
});

/**
 * Imports that cost every command start-up time, and what product code uses
 * instead (see README "Start-up").
 */
const STARTUP_RULES: readonly { pattern: RegExp; use: string; except?: string }[] = [
  // `node:path` and `node:url` load Node's error machinery (~6 ms each command).
  { pattern: /from "node:(path|path\/posix|url)"/, use: "core/fs/path.ts" },
  // The package's CommonJS build costs ~25 ms more than its ES build.
  { pattern: /from "yaml"|import\("yaml"\)/, use: "core/yaml/lib.ts", except: "core/yaml/lib.ts" },
];

Deno.test("architecture: product code reaches paths and YAML through the start-up-cheap modules", async () => {
  const offenders: string[] = [];
  for (const file of graph.keys()) {
    const text = await Deno.readTextFile(join(ROOT, file));
    for (const rule of STARTUP_RULES) {
      if (file !== rule.except && rule.pattern.test(text)) {
        offenders.push(`${file} (use ${rule.use})`);
      }
    }
  }
  assertEquals(offenders, []);
});

Deno.test("architecture: every on-demand import is type-checked against the module it loads", async () => {
  // `importOnDemand<typeof import("A")>("B", import.meta.url)` must name one module twice:
  // the type argument is all that checks the run-time specifier (core/on_demand.ts).
  const mismatched: string[] = [];
  let calls = 0;
  const call = /importOnDemand<\s*typeof import\("([^"]+)"\)\s*>\(\s*"([^"]+)"/g;
  for (const file of graph.keys()) {
    const text = await Deno.readTextFile(join(ROOT, file));
    for (const [, checked, loaded] of text.matchAll(call)) {
      calls++;
      if (checked !== loaded) mismatched.push(`${file}: ${checked} vs ${loaded}`);
    }
  }
  assertEquals(mismatched, []);
  // A pattern that stopped matching would make the rule pass vacuously.
  if (calls < 50) throw new Error(`only ${calls} on-demand imports found`);
});
