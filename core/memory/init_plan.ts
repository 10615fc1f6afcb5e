/**
 * Planning `sase memory init` (read-only): for the project root and the
 * home root, the files to create or update — `memory/sase.md`,
 * `memory/README.md`, `AGENTS.md` (minimal, wired to `memory/sase.md`, or
 * AMD-managed with synchronized memory blocks when the project's own
 * `./sase.yml` sets `amd_h1_title`), canonical frontmatter of managed
 * notes, and the provider shims — then reachability validation of the
 * planned state. `--check` reports this plan; apply writes it.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { configDir, homeDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { join, relative, resolve } from "../fs/path.ts";
import { syncManaged } from "../amd/managed.ts";
import { localAmdTitle } from "../amd/title.ts";
import {
  describeNote,
  type MemoryBlocks,
  memoryBlocks,
  type NoteText,
} from "../amd/memory_blocks.ts";
import { type RootKind, shimSpecs, shimStatus } from "../amd/shims.ts";
import { setFrontmatterFields } from "../sdd/frontmatter.ts";
import { readTextIfExists } from "./fs.ts";
import {
  AGENTS_FILE,
  chezmoiHomeRoot,
  MEMORY_DIR,
  memoryProjectName,
  projectRoot,
} from "./layout.ts";
import { readLinkedRepos } from "./linked_repos.ts";
import { MEMORY_README, parseNoteHeader } from "./note.ts";
import { estimateTokens } from "./context.ts";
import { memoryMarkdownFiles, unreachableMemory } from "./reach.ts";
import { scanReferences } from "./references.ts";
import {
  agentsMemoryBlock,
  memoryReadmeText,
  minimalAgentsText,
  SASE_NOTE,
  saseNoteText,
} from "./templates.ts";

/** One file the plan writes. */
export interface PlannedWrite {
  scope: "project" | "home";
  /** Absolute path. */
  path: string;
  /** Root-relative path shown to the user. */
  display: string;
  action: "create" | "update";
  content: string;
}

/** A root the plan covers. */
export interface PlannedRoot {
  scope: "project" | "home";
  kind: RootKind;
  root: string;
  /** Whether `AGENTS.md` is AMD-managed here (a local `amd_h1_title`). */
  managed: boolean;
}

/** The whole plan. */
export interface MemoryInitPlan {
  roots: PlannedRoot[];
  writes: PlannedWrite[];
  /** Provider files left alone because they hold custom instructions (AMD migrates them). */
  customShims: string[];
  useChezmoi: boolean;
}

class RootPlanner {
  readonly pending = new Map<string, string>();

  constructor(readonly root: string) {}

  async read(rel: string): Promise<string | null> {
    return this.pending.get(rel) ?? await readTextIfExists(join(this.root, rel));
  }

  set(rel: string, content: string): void {
    this.pending.set(rel, content);
  }
}

/**
 * Give managed notes their missing canonical frontmatter (`type`: short
 * when `AGENTS.md` imports the note, else long; `parent: AGENTS.md`; a long
 * note's `description`), then compute the managed blocks from the result.
 */
async function managedNotes(
  planner: RootPlanner,
  names: readonly string[],
  loadedFromAgents: ReadonlySet<string>,
): Promise<MemoryBlocks> {
  const notes: NoteText[] = [];
  for (const rel of names) {
    if (rel.slice(MEMORY_DIR.length + 1).includes("/")) continue;
    const text = (await planner.read(rel)) ?? "";
    const header = parseNoteHeader(text);
    if (header.malformed) continue;
    const fields: Record<string, unknown> = {};
    const type = header.type ?? (loadedFromAgents.has(rel) ? "short" : "long");
    if (!header.type) fields.type = type;
    if (!header.parent) fields.parent = AGENTS_FILE;
    if (type === "long" && !header.description) {
      fields.description = describeNote(rel, text, null);
    }
    const fixed = Object.keys(fields).length > 0 ? setFrontmatterFields(text, fields, rel) : text;
    if (fixed !== text) planner.set(rel, fixed);
    notes.push({ rel, text: fixed });
  }
  return memoryBlocks(notes);
}

/**
 * What is wrong with the flat notes among `files` (as planned): frontmatter
 * that does not parse, no `type: short|long`, a long note without a
 * `description`, a `parent` that is not an existing note.
 */
async function noteProblems(
  files: readonly string[],
  read: (rel: string) => Promise<string | null>,
): Promise<string[]> {
  const problems: string[] = [];
  const notes = new Set(files);
  for (const rel of files) {
    if (rel.slice(MEMORY_DIR.length + 1).includes("/")) continue;
    const header = parseNoteHeader((await read(rel)) ?? "");
    if (header.malformed) problems.push(`${rel}: its frontmatter does not parse`);
    else if (header.type === null) problems.push(`${rel}: no \`type: short\` or \`type: long\``);
    else if (header.type === "long" && !header.description) {
      problems.push(`${rel}: a type: long note needs a \`description\``);
    }
    const parent = header.parent;
    if (parent && parent !== AGENTS_FILE && !notes.has(parent)) {
      problems.push(`${rel}: its parent ${parent} is not a memory note here`);
    }
  }
  return problems;
}

async function planRoot(
  target: PlannedRoot,
  saseNote: string,
  customShims: string[],
): Promise<PlannedWrite[]> {
  const planner = new RootPlanner(target.root);
  const saseRel = `${MEMORY_DIR}/${SASE_NOTE}`;
  planner.set(saseRel, saseNote);
  const agents = await readTextIfExists(join(target.root, AGENTS_FILE));
  const title = target.managed ? await localAmdTitle(target.root) : null;
  const files = await memoryMarkdownFiles(target.root, [saseRel]);
  if (title) {
    const loaded = new Set(
      agents === null
        ? []
        : scanReferences(agents).loads.filter((p) => p.startsWith(`${MEMORY_DIR}/`)),
    );
    const { shortPaths, longEntries } = await managedNotes(planner, files, loaded);
    const shorts = shortPaths.includes(saseRel) ? shortPaths : [saseRel, ...shortPaths];
    planner.set(
      AGENTS_FILE,
      syncManaged(join(target.root, AGENTS_FILE), agents, title, shorts, longEntries),
    );
  } else if (agents === null) {
    planner.set(AGENTS_FILE, minimalAgentsText());
  } else if (!scanReferences(agents).loads.includes(saseRel) && !agents.includes(saseRel)) {
    planner.set(AGENTS_FILE, agents + (agents.endsWith("\n") ? "" : "\n") + agentsMemoryBlock());
  }
  const broken = await noteProblems(files, (rel) => planner.read(rel));
  if (broken.length > 0) {
    throw new SaseError(
      "memory.notes",
      `${target.scope} memory in ${target.root} has notes that break the memory rules:\n  ${
        broken.join("\n  ")
      }`,
      {
        hint: "give each note `type: short` or `type: long` frontmatter (long notes need a " +
          "`description`; a `parent` must be an existing memory/<note>.md), then rerun",
        kind: "invalid-data",
      },
    );
  }
  const unreachable = await unreachableMemory(files, (rel) => planner.read(rel));
  if (unreachable.length > 0) {
    throw new SaseError(
      "memory.unreachable",
      `${target.scope} memory in ${target.root} has files AGENTS.md does not reach: ${
        unreachable.join(", ")
      }`,
      {
        hint: "reference each from AGENTS.md (`@memory/<note>.md` to load it, `memory/<note>.md` " +
          "to mention it) or from a note AGENTS.md reaches, then rerun",
        kind: "invalid-data",
      },
    );
  }
  const notes = [];
  for (const rel of files) {
    if (!rel.startsWith(`${MEMORY_DIR}/`) || rel.slice(MEMORY_DIR.length + 1).includes("/")) {
      continue;
    }
    const text = (await planner.read(rel)) ?? "";
    const header = parseNoteHeader(text);
    notes.push({
      name: rel.slice(MEMORY_DIR.length + 1),
      type: header.type,
      description: header.description,
      lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0),
      tokens: estimateTokens(text),
    });
  }
  planner.set(`${MEMORY_DIR}/${MEMORY_README}`, memoryReadmeText(notes));
  const writes: PlannedWrite[] = [];
  for (const [rel, content] of planner.pending) {
    const path = join(target.root, rel);
    const current = await readTextIfExists(path);
    if (current === content) continue;
    writes.push({
      scope: target.scope,
      path,
      display: rel,
      action: current === null ? "create" : "update",
      content,
    });
  }
  for (const shim of shimSpecs(target.root, target.kind)) {
    const current = await readTextIfExists(shim.path);
    const status = shimStatus(current, shim.content);
    if (status === "exact") continue;
    if (status === "custom") {
      customShims.push(shim.path);
      continue;
    }
    writes.push({
      scope: target.scope,
      path: shim.path,
      display: relative(target.root, shim.path),
      action: status === "missing" ? "create" : "update",
      content: shim.content,
    });
  }
  return writes;
}

/** The config file home memory reads linked repositories from. */
function homeConfigPath(app: AppContext, useChezmoi: boolean): string {
  return useChezmoi
    ? join(chezmoiHomeRoot(app.env), "dot_config", "sase", "sase.yml")
    : join(configDir(app.env), "sase.yml");
}

/** Plan `sase memory init` for `app.cwd` (nothing is written). */
export async function planMemoryInit(app: AppContext): Promise<MemoryInitPlan> {
  const config = (await app.config()).config;
  const useChezmoi = config.use_chezmoi ?? false;
  const project = await projectRoot(app.cwd);
  const home = useChezmoi ? chezmoiHomeRoot(app.env) : homeDir(app.env);
  const projectRepos = await readLinkedRepos(join(project, "sase.yml"));
  const homeRepos = await readLinkedRepos(homeConfigPath(app, useChezmoi));
  const roots: PlannedRoot[] = [];
  const sameAsHome = resolve(project) === resolve(homeDir(app.env)) ||
    resolve(project) === resolve(home);
  if (!sameAsHome) {
    roots.push({ scope: "project", kind: "project", root: project, managed: true });
  }
  roots.push({
    scope: "home",
    kind: useChezmoi ? "chezmoi" : "home",
    root: home,
    managed: false,
  });
  const customShims: string[] = [];
  const writes: PlannedWrite[] = [];
  for (const target of roots) {
    const note = target.scope === "project"
      ? saseNoteText({ project: await memoryProjectName(app.cwd, app.env), repos: projectRepos })
      : saseNoteText({ project: null, repos: homeRepos });
    writes.push(...await planRoot(target, note, customShims));
  }
  return { roots, writes, customShims, useChezmoi };
}
