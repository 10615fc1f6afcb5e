/**
 * `sase amd init`: plan (read-only) and write the `AGENTS.md` files and
 * provider shims of the selected roots. The roots: the current directory,
 * and with `use_chezmoi: true` the chezmoi home source too (instead of the
 * live home when run from it; the same directory counts once). Per root:
 * a managed `AGENTS.md` when the root's title source sets `amd_h1_title`;
 * without a title and without `AGENTS.md`, exactly one custom provider
 * file is migrated into `AGENTS.md` (several block: content is not
 * guessed); then the shims are created or repaired. Bare `sase init` plans
 * conservatively: only a project whose own `./sase.yml` opts in gets a
 * managed `AGENTS.md`, and custom provider files are never touched.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { configDir, homeDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { join, relative, resolve } from "../fs/path.ts";
import { readTextIfExists } from "../memory/fs.ts";
import { AGENTS_FILE, chezmoiHomeRoot } from "../memory/layout.ts";
import { syncManaged } from "./managed.ts";
import { memoryBlocks, rootNotes } from "./memory_blocks.ts";
import { type RootKind, shimSpecs, shimStatus } from "./shims.ts";
import { configDirAmdTitle, localAmdTitle } from "./title.ts";

/** A root AMD initializes. */
export interface AmdRoot {
  kind: RootKind;
  root: string;
}

/** One planned file write. */
export interface AmdWrite {
  root: string;
  path: string;
  action: "create" | "update";
  /** Why: `managed AGENTS.md`, `migrated from CLAUDE.md`, `provider shim`. */
  detail: string;
  content: string;
}

/** The plan for every selected root. */
export interface AmdPlan {
  roots: AmdRoot[];
  writes: AmdWrite[];
}

/** How the plan was asked for. */
export interface AmdPlanOptions {
  /**
   * Bare `sase init`: only a project's own `./sase.yml` title generates a
   * managed `AGENTS.md`; nothing is migrated and custom provider files are
   * left alone (only missing or shim-like ones are written).
   */
  conservative?: boolean;
}

/** The roots `sase amd init` selects from `app.cwd`. */
export async function amdRoots(app: AppContext): Promise<AmdRoot[]> {
  const cwd = resolve(app.cwd);
  const home = resolve(homeDir(app.env));
  const useChezmoi = (await app.config()).config.use_chezmoi ?? false;
  const source = resolve(chezmoiHomeRoot(app.env));
  if (!useChezmoi) {
    return [{ kind: cwd === home ? "home" : cwd === source ? "chezmoi" : "project", root: cwd }];
  }
  if (cwd === home || cwd === source) return [{ kind: "chezmoi", root: source }];
  return [{ kind: "project", root: cwd }, { kind: "chezmoi", root: source }];
}

async function titleFor(app: AppContext, root: AmdRoot): Promise<string | null> {
  if (root.kind === "home") return await configDirAmdTitle(configDir(app.env));
  if (root.kind === "chezmoi") {
    return await configDirAmdTitle(join(root.root, "dot_config", "sase"));
  }
  return await localAmdTitle(root.root);
}

function blocked(message: string, hint: string): SaseError {
  return new SaseError("amd.blocked", message, { hint, kind: "conflict" });
}

async function planOne(
  app: AppContext,
  target: AmdRoot,
  conservative: boolean,
): Promise<AmdWrite[]> {
  // Bare `sase init` never lets a global title, or a guessed migration, rewrite instructions.
  const title = conservative && target.kind !== "project" ? null : await titleFor(app, target);
  const agentsPath = join(target.root, AGENTS_FILE);
  let agents = await readTextIfExists(agentsPath);
  const shims = shimSpecs(target.root, target.kind);
  const texts = await Promise.all(shims.map((s) => readTextIfExists(s.path)));
  const custom = shims.filter((s, i) => shimStatus(texts[i], s.content) === "custom");
  const writes: AmdWrite[] = [];
  let detail = "managed AGENTS.md";
  let migrated: string | null = null;
  if (!conservative) {
    if (agents === null && custom.length > 1) {
      throw blocked(
        `${target.root}: several provider files hold custom instructions (${
          custom.map((s) => relative(target.root, s.path)).join(", ")
        }) and there is no AGENTS.md; AMD will not guess which one becomes AGENTS.md`,
        "merge them into AGENTS.md yourself, then rerun `sase amd init`",
      );
    }
    if (agents !== null && custom.length > 0) {
      throw blocked(
        `${target.root}: ${
          custom.map((s) => relative(target.root, s.path)).join(", ")
        } hold custom instructions beside AGENTS.md; replacing them with shims would lose them`,
        "move their content into AGENTS.md, then rerun `sase amd init`",
      );
    }
    if (agents === null && custom.length === 1) {
      agents = texts[shims.indexOf(custom[0])]!;
      migrated = relative(target.root, custom[0].path);
      detail = `migrated from ${migrated}`;
    }
  }
  let content = migrated ? agents : null;
  if (title !== null) {
    const { shortPaths, longEntries } = memoryBlocks(await rootNotes(target.root));
    content = syncManaged(agentsPath, agents, title, shortPaths, longEntries);
    if (migrated) detail = `managed AGENTS.md, migrated from ${migrated}`;
  }
  const current = await readTextIfExists(agentsPath);
  if (content !== null && content !== current) {
    writes.push({
      root: target.root,
      path: agentsPath,
      action: current === null ? "create" : "update",
      detail,
      content,
    });
  }
  shims.forEach((shim, i) => {
    if (texts[i] === shim.content || (conservative && custom.includes(shim))) return;
    writes.push({
      root: target.root,
      path: shim.path,
      action: texts[i] === null ? "create" : "update",
      detail: "provider shim",
      content: shim.content,
    });
  });
  return writes;
}

/** Plan AMD for the selected roots; nothing is written. */
export async function planAmdInit(app: AppContext, options: AmdPlanOptions = {}): Promise<AmdPlan> {
  const roots = await amdRoots(app);
  const writes: AmdWrite[] = [];
  for (const root of roots) writes.push(...await planOne(app, root, options.conservative ?? false));
  return { roots, writes };
}

/** Write a plan's files (AGENTS.md before the shims that import it). */
export async function applyAmdInit(plan: AmdPlan): Promise<string[]> {
  for (const write of plan.writes) await atomicWriteTextFile(write.path, write.content);
  return plan.writes.map((w) => w.path);
}
