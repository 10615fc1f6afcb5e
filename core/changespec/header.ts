/**
 * ProjectSpec header metadata: the fields before the first ChangeSpec
 * (`PROJECT_NAME`, `WORKSPACE_DIR`, `BARE_REPO_DIR`, `PROJECT_STATE`,
 * `PROJECT_ALIASES`, `RUNNING`).
 *
 * @module
 */

import type { ParseWarning, ProjectHeader, ProjectState, RunningClaim } from "./types.ts";

/** Project and alias names: a letter, digit or `_`, then `[A-Za-z0-9_.-]`. */
export const PROJECT_NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** True when `name` is a valid project (or alias) name. */
export function isValidProjectName(name: string): boolean {
  return PROJECT_NAME_RE.test(name);
}

/** Map a written PROJECT_STATE to its canonical value (null when invalid). */
export function normalizeProjectState(raw: string): ProjectState | null {
  const value = raw.trim().toLowerCase();
  if (value === "active" || value === "inactive" || value === "sibling") return value;
  if (value === "archived" || value === "closed") return "inactive";
  return null;
}

/** An empty header: what a file without metadata means. */
export function emptyHeader(): ProjectHeader {
  return {
    displayName: null,
    workspaceDir: null,
    bareRepoDir: null,
    state: "active",
    rawState: null,
    aliases: [],
    running: [],
    extra: {},
  };
}

/** Parse `PROJECT_ALIASES:` text: trimmed, deduplicated and sorted. */
export function parseAliasList(text: string): string[] {
  const names = text.split(",").map((item) => item.trim()).filter((item) => item !== "");
  return [...new Set(names)].sort();
}

/** Parse one `#<ws> | <pid> | <workflow> | <name> [| <ts>] [| PINNED]` claim. */
export function parseRunningClaim(text: string): RunningClaim | null {
  const parts = text.trim().split("|").map((part) => part.trim());
  if (parts.length < 4) return null;
  const ws = /^#(\d+)$/.exec(parts[0]);
  if (!ws || !/^\d+$/.test(parts[1])) return null;
  const rest = parts.slice(4);
  const pinned = rest.at(-1) === "PINNED";
  if (pinned) rest.pop();
  return {
    workspace: Number(ws[1]),
    pid: Number(parts[1]),
    workflow: parts[2],
    changespec: parts[3],
    timestamp: rest[0] ?? null,
    pinned,
  };
}

/** Render a claim as its RUNNING line: `  #<ws> | <pid> | <workflow> | <name>[ | <ts>][ | PINNED]`. */
export function formatRunningClaim(claim: RunningClaim): string {
  const parts = [`#${claim.workspace}`, String(claim.pid), claim.workflow, claim.changespec];
  if (claim.timestamp) parts.push(claim.timestamp);
  if (claim.pinned) parts.push("PINNED");
  return `  ${parts.join(" | ")}`;
}

/** Incremental header parser fed one line at a time by the file parser. */
export class HeaderParser {
  /** The header built so far. */
  readonly header: ProjectHeader = emptyHeader();
  #inRunning = false;
  #projectKey: string;

  constructor(
    private readonly file: string,
    projectKey: string,
    private readonly warnings: ParseWarning[],
  ) {
    this.#projectKey = projectKey;
  }

  /** Consume one header line (1-based `lineNo`). */
  feed(line: string, lineNo: number): void {
    if (line.trim() === "") return;
    if (/^\s/.test(line)) {
      if (this.#inRunning) {
        const claim = parseRunningClaim(line);
        if (claim) this.header.running.push(claim);
        else this.#warn(lineNo, "RUNNING", `malformed RUNNING claim: ${line.trim()}`);
      }
      return;
    }
    this.#inRunning = false;
    const field = /^([A-Z][A-Z0-9_]*):(.*)$/.exec(line);
    if (!field) {
      if (!line.startsWith("#")) this.#warn(lineNo, null, `unrecognised header line: ${line}`);
      return;
    }
    const [, key, rest] = field;
    const value = rest.trim();
    switch (key) {
      case "PROJECT_NAME":
        this.header.displayName = isValidProjectName(value) ? value : null;
        if (value !== "" && !isValidProjectName(value)) {
          this.#warn(lineNo, key, `invalid project display name '${value}' ignored`);
        }
        break;
      case "WORKSPACE_DIR":
        this.header.workspaceDir = value === "" ? null : value;
        break;
      case "BARE_REPO_DIR":
        this.header.bareRepoDir = value === "" ? null : value;
        break;
      case "PROJECT_STATE": {
        this.header.rawState = value;
        const state = normalizeProjectState(value);
        if (state) this.header.state = state;
        else this.#warn(lineNo, key, `unknown PROJECT_STATE '${value}' (using active)`);
        break;
      }
      case "PROJECT_ALIASES":
        this.header.aliases = this.#checkAliases(parseAliasList(value), rest, lineNo);
        break;
      case "RUNNING":
        this.#inRunning = true;
        break;
      default:
        this.header.extra[key] = value;
    }
  }

  #checkAliases(aliases: string[], raw: string, lineNo: number): string[] {
    const written = raw.split(",").map((item) => item.trim()).filter((item) => item !== "");
    if (written.length !== aliases.length) {
      this.#warn(lineNo, "PROJECT_ALIASES", "duplicate aliases ignored");
    }
    return aliases.filter((alias) => {
      if (!isValidProjectName(alias)) {
        this.#warn(lineNo, "PROJECT_ALIASES", `invalid alias '${alias}' ignored`);
        return false;
      }
      if (alias === this.#projectKey) {
        this.#warn(lineNo, "PROJECT_ALIASES", `alias '${alias}' equals the project name`);
        return false;
      }
      return true;
    });
  }

  #warn(line: number, field: string | null, message: string): void {
    this.warnings.push({ file: this.file, line, field, message });
  }
}
