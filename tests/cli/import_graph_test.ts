/**
 * The command tree's layering, read from the real module graph
 * (`deno info --json`): a command group (`cli/<group>.ts` and
 * `cli/<group>/**`) imports core, its own files and `cli/shared/`, never
 * another group; `cli/shared/` imports no group; and no handler reads the
 * process environment or working directory itself (they come from the
 * application context; only the terminal's own settings, `NO_COLOR` for
 * colour and `SASE_DEBUG` for stack traces, are read where output is
 * rendered).
 */

import { assertEquals } from "../_helpers/assert.ts";
import { join, relative } from "node:path";
import { fileURLToPath as fromFileUrl, pathToFileURL } from "node:url";

const ROOT = fromFileUrl(new URL("../../", import.meta.url));
const CLI = join(ROOT, "cli");

/** The infrastructure of the command tree: it builds the tree, so it may know every group. */
const INFRASTRUCTURE = new Set(["cli/app.ts", "cli/registry.ts", "cli/root_help.ts"]);

/** Every `.ts` file under `cli/`, relative to the repository root. */
async function cliFiles(dir = CLI): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) files.push(...await cliFiles(path));
    else if (entry.name.endsWith(".ts")) files.push(relative(ROOT, path));
  }
  return files.sort();
}

/**
 * The owner of a file under `cli/`: `infrastructure`, `shared`, or the
 * group's name (`cli/bead.ts` and `cli/bead/read.ts` both belong to `bead`).
 */
function ownerOf(path: string): string {
  if (INFRASTRUCTURE.has(path)) return "infrastructure";
  const [, first] = path.split("/");
  return first.replace(/\.ts$/, "");
}

/** Every import edge (static and dynamic) between two files under `cli/`. */
async function cliEdges(files: readonly string[]): Promise<[string, string][]> {
  const dir = await Deno.makeTempDir({ prefix: "sase-import-graph-" });
  try {
    const root = join(dir, "all.ts");
    await Deno.writeTextFile(
      root,
      files.map((file) => `import "${pathToFileURL(join(ROOT, file)).href}";\n`).join(""),
    );
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", root],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
    const graph = JSON.parse(new TextDecoder().decode(output.stdout)) as {
      modules: { specifier: string; dependencies?: { code?: { specifier?: string } }[] }[];
    };
    const inCli = (specifier: string | undefined) => {
      if (!specifier?.startsWith("file://")) return undefined;
      const path = relative(ROOT, fromFileUrl(specifier));
      return path.startsWith("cli/") ? path : undefined;
    };
    const edges: [string, string][] = [];
    for (const module of graph.modules) {
      const from = inCli(module.specifier);
      if (!from) continue;
      for (const dependency of module.dependencies ?? []) {
        const to = inCli(dependency.code?.specifier);
        if (to) edges.push([from, to]);
      }
    }
    return edges;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Whether a file owned by `from` may import a file owned by `to`. */
function allowed(from: string, to: string, target: string): boolean {
  if (from === to || to === "shared") return true;
  if (from === "infrastructure") return true;
  // Completion describes the whole tree, which only the infrastructure builds.
  return from === "completion" && target === "cli/app.ts";
}

Deno.test("no command group imports another group's files, and cli/shared imports no group", async () => {
  const edges = await cliEdges(await cliFiles());
  const crossing = edges
    .filter(([from, to]) => !allowed(ownerOf(from), ownerOf(to), to))
    .map(([from, to]) => `${from} -> ${to}`);
  assertEquals(crossing, []);
});

/** Where the terminal's own settings are read, and which. */
const TERMINAL_SETTINGS: Readonly<Record<string, RegExp>> = {
  "cli/shared/output.ts": /Deno\.env\.get\("NO_COLOR"\)/,
  "cli/shared/errors.ts": /Deno\.env\.get\("SASE_DEBUG"\)/,
};

Deno.test("no file under cli/ reads the process environment or working directory itself", async () => {
  const offenders: string[] = [];
  for (const file of await cliFiles()) {
    const text = await Deno.readTextFile(join(ROOT, file));
    for (const [index, line] of text.split("\n").entries()) {
      const reads = /\bprocessEnv\(|\bDeno\.cwd\(|\bDeno\.env\b/.test(line);
      if (reads && !TERMINAL_SETTINGS[file]?.test(line)) offenders.push(`${file}:${index + 1}`);
    }
  }
  assertEquals(offenders, []);
});
