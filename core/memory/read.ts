/**
 * `sase memory read <note>.md -r <reason>`: the agent-side audited read of
 * one long-term note. The path is relative to `memory/` (project first,
 * then home); only `type: long` notes are readable this way (short notes
 * arrive through instruction loading). Stdout gets the note without its
 * frontmatter plus a `## Children` list of nested long notes; the log gets
 * metadata only, and only after identity and reason are established.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { basename, join, resolve } from "../fs/path.ts";
import { readTextIfExists } from "./fs.ts";
import { requireAgentIdentity } from "./identity.ts";
import {
  homeMemoryRoot,
  MEMORY_DIR,
  memoryProjectName,
  memoryStatePaths,
  projectRoot,
} from "./layout.ts";
import { listNoteNames, parseNoteHeader, stripFrontmatter } from "./note.ts";
import { appendReadEvent, type MemoryReadEvent, READ_LOG_SCHEMA_VERSION } from "./read_log.ts";

/** What an audited read returns. */
export interface MemoryReadResult {
  /** The text for stdout: body without frontmatter, then `## Children` when any. */
  output: string;
  event: MemoryReadEvent;
}

function refused(
  message: string,
  kind: "invalid-input" | "not-found" = "invalid-input",
): SaseError {
  return new SaseError("memory.read", message, {
    hint: "pass a long-term note name relative to memory/, e.g. `sase memory read notes.md -r why`",
    kind,
  });
}

/** The flat note name `raw` names (`notes.md` or `memory/notes.md`), or an error. */
export function flatNoteName(raw: string): string {
  const trimmed = raw.trim();
  if (!trimmed) throw refused("memory read path is required");
  if (trimmed.startsWith("/")) throw refused("memory read path must be relative to memory/");
  const parts = trimmed.replace(new RegExp(`^${MEMORY_DIR}/`), "").split("/");
  if (parts.some((p) => p === "" || p === "." || p === "..")) {
    throw refused("memory read path must not contain traversal or empty segments");
  }
  if (parts.length !== 1) throw refused("memory read path must be a flat <note>.md name");
  if (!parts[0].endsWith(".md")) throw refused("memory read path must point to a .md file");
  return parts[0];
}

async function realPathOrNull(path: string): Promise<string | null> {
  try {
    return await Deno.realPath(path);
  } catch {
    return null;
  }
}

/**
 * Children of a long note: long notes in the same memory directory whose
 * `parent` is `memory/<name>`, rendered as a Markdown list.
 */
async function childrenSection(memoryRoot: string, name: string): Promise<string> {
  const lines: string[] = [];
  for (const other of await listNoteNames(memoryRoot)) {
    if (other === name) continue;
    const text = await readTextIfExists(join(memoryRoot, MEMORY_DIR, other));
    if (text === null) continue;
    const header = parseNoteHeader(text);
    if (header.type === "long" && header.parent === `${MEMORY_DIR}/${name}`) {
      lines.push(
        `- \`${MEMORY_DIR}/${other}\`${header.description ? `: ${header.description}` : ""}`,
      );
    }
  }
  return lines.length === 0 ? "" : `\n## Children\n\n${lines.join("\n")}\n`;
}

/** Perform an audited read for the agent in `app.env`. */
export async function readMemory(
  app: AppContext,
  rawPath: string,
  reason: string,
): Promise<MemoryReadResult> {
  const name = flatNoteName(rawPath);
  const why = reason.trim();
  if (!why) throw refused("memory read reason must not be empty (-r/--reason)");
  const config = (await app.config()).config;
  const project = await projectRoot(app.cwd);
  const roots = [project];
  const home = homeMemoryRoot(app.env, config.use_chezmoi ?? false);
  if (resolve(home) !== resolve(project)) roots.push(home);
  for (const root of roots) {
    const dir = join(root, MEMORY_DIR);
    const path = join(dir, name);
    const text = await readTextIfExists(path);
    if (text === null) continue;
    const [real, realDir] = await Promise.all([realPathOrNull(path), realPathOrNull(dir)]);
    if (!real || !realDir || !real.startsWith(realDir + "/")) {
      throw refused(`memory file ${path} resolves outside its memory/ directory`);
    }
    const header = parseNoteHeader(text);
    if (header.type === "short") {
      throw refused(
        `${MEMORY_DIR}/${name} is short-term memory (type: short): it arrives through ` +
          "instruction loading and cannot be read with `sase memory read`",
      );
    }
    if (header.type !== "long") {
      throw refused(`${MEMORY_DIR}/${name} is not a long-term memory note (needs type: long)`);
    }
    const agent = await requireAgentIdentity(app.env, "memory reads");
    const stripped = stripFrontmatter(text);
    const output = stripped.body + await childrenSection(root, name);
    const projectName = await memoryProjectName(app.cwd, app.env);
    const event: MemoryReadEvent = {
      schema_version: READ_LOG_SCHEMA_VERSION,
      id: crypto.randomUUID().replaceAll("-", "").slice(0, 12),
      timestamp: app.now().toISOString(),
      project: projectName,
      cwd: resolve(app.cwd),
      canonical_path: basename(path),
      resolved_path: real,
      agent_name: agent.name,
      agent_source: agent.source,
      artifacts_dir: agent.artifactsDir,
      reason: why,
      byte_count: new TextEncoder().encode(text).length,
      frontmatter_stripped: stripped.stripped,
    };
    await appendReadEvent(memoryStatePaths(projectName, app.env).readLog, event);
    return { output, event };
  }
  throw refused(`memory file does not exist: ${MEMORY_DIR}/${name}`, "not-found");
}
