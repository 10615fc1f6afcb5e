/**
 * Typed model of ProjectSpec files and the ChangeSpecs inside them.
 *
 * The parser turns raw text into these values once, at the edge; everything
 * downstream (query, status machine, CLI, ACE) works on them. Field names
 * follow the handbook's vocabulary, with `pr` standing for both the legacy
 * `CL:` and the current `PR:` key.
 *
 * @module
 */

/** The seven ChangeSpec lifecycle statuses. */
export type ChangeSpecStatus =
  | "WIP"
  | "Draft"
  | "Ready"
  | "Mailed"
  | "Submitted"
  | "Reverted"
  | "Archived";

/** The kind of a `- (<marker>: msg)` suffix on an entry or drawer line. */
export type SuffixType =
  | "error"
  | "running_agent"
  | "running_process"
  | "killed_agent"
  | "killed_process"
  | "pending_dead_process"
  | "rejected_proposal"
  | "summarize_complete"
  | "metahook_complete"
  | "entry_ref"
  | "plain";

/** 1-based line range of a ChangeSpec inside its file. */
export interface SourceSpan {
  /** Line of the `NAME:` field. */
  startLine: number;
  /** Last non-blank line that belongs to the spec. */
  endLine: number;
  /** Line of a `## ChangeSpec` header directly owning this spec, if any. */
  headerLine: number | null;
}

/** One `(N) note` entry of the COMMITS section. */
export interface CommitEntry {
  number: number;
  /** Proposal letter of ids such as `(2a)`, else null. */
  proposalLetter: string | null;
  note: string;
  body: string[];
  chat: string | null;
  diff: string | null;
  plan: string | null;
  suffix: string | null;
  suffixType: SuffixType | null;
}

/** One `| (N) [ts] STATUS (dur) - (suffix)` line under a hook command. */
export interface HookStatusLine {
  commitEntryNum: string;
  timestamp: string;
  status: string;
  duration: string | null;
  suffix: string | null;
  suffixType: SuffixType | null;
  summary: string | null;
}

/** One HOOKS command with its run history. */
export interface HookEntry {
  /** The command as written, including `!`/`$` prefixes. */
  command: string;
  statusLines: HookStatusLine[];
}

/** One COMMENTS entry: `[reviewer] path - (suffix)`. */
export interface CommentEntry {
  reviewer: string;
  filePath: string;
  suffix: string | null;
  suffixType: SuffixType | null;
}

/** One `| [ts] profile:mentor - STATUS - (suffix)` line of a mentor entry. */
export interface MentorStatusLine {
  profileName: string;
  mentorName: string;
  status: string;
  timestamp: string | null;
  duration: string | null;
  suffix: string | null;
  suffixType: SuffixType | null;
}

/** One MENTORS entry: `(id) profile[n/m] ...` plus its status lines. */
export interface MentorEntry {
  entryId: string;
  profiles: string[];
  /** The profile list as written (keeps `[started/total]` counts). */
  profilesText: string;
  isDraft: boolean;
  statusLines: MentorStatusLine[];
}

/** One TIMESTAMPS audit event. */
export interface TimestampEntry {
  timestamp: string;
  eventType: string;
  detail: string;
}

/** Line statistics from a `| LINES:` drawer. */
export type DeltaLineStats =
  | { kind: "counts"; added: number; modified: number; removed: number }
  | { kind: "binary" };

/** One DELTAS entry: `+ path` (A), `~ path` (M) or `- path` (D). */
export interface DeltaEntry {
  path: string;
  changeType: "A" | "M" | "D";
  lines: DeltaLineStats | null;
}

/** One parsed ChangeSpec. */
export interface ChangeSpec {
  name: string;
  description: string;
  parent: string | null;
  /** Review URL from `PR:` or legacy `CL:`. */
  pr: string | null;
  /** `PR_ORIGIN:` value; `unknown` when absent. */
  prOrigin: string;
  bug: string | null;
  /** STATUS exactly as stored (may carry workspace or legacy suffixes). */
  status: string;
  refs: string[];
  commits: CommitEntry[];
  hooks: HookEntry[];
  comments: CommentEntry[];
  mentors: MentorEntry[];
  timestamps: TimestampEntry[];
  /** Null when the spec has no DELTAS section. */
  deltas: DeltaEntry[] | null;
  /** Fields this version does not know, kept so they are never lost. */
  extraFields: Record<string, string>;
  /** Absolute or relative path of the file the spec came from. */
  filePath: string;
  /** File basename without extension and `-archive` (the project key). */
  projectBasename: string;
  /** `PROJECT_NAME:` from the file header, if valid. */
  projectDisplayName: string | null;
  span: SourceSpan;
}

/** Lifecycle state of a project. */
export type ProjectState = "active" | "inactive" | "sibling";

/** One `RUNNING:` workspace claim in a ProjectSpec header. */
export interface RunningClaim {
  workspace: number;
  pid: number;
  workflow: string;
  changespec: string;
  timestamp: string | null;
  pinned: boolean;
}

/** Metadata before the first ChangeSpec of a ProjectSpec file. */
export interface ProjectHeader {
  displayName: string | null;
  workspaceDir: string | null;
  bareRepoDir: string | null;
  state: ProjectState;
  /** PROJECT_STATE as written (null when absent). */
  rawState: string | null;
  aliases: string[];
  running: RunningClaim[];
  extra: Record<string, string>;
}

/** A problem found while parsing; the rest of the file still loads. */
export interface ParseWarning {
  file: string;
  line: number;
  field: string | null;
  message: string;
}

/** A parsed ProjectSpec file; `text` is kept for byte-exact rewrites. */
export interface ProjectSpecFile {
  path: string;
  text: string;
  header: ProjectHeader;
  specs: ChangeSpec[];
  warnings: ParseWarning[];
}
