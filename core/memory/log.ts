/**
 * `sase memory log`: the project's audited reads, summarized per path and
 * per agent, narrowed by `--path`/`--agent`, one event by `--id` (or an
 * unambiguous prefix), and with `--include proposals` the proposal ledger's
 * events (the filters then match target paths and authors/reviewers).
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { type LedgerEvent, readLedger } from "./ledger.ts";
import { memoryProjectName, memoryStatePaths } from "./layout.ts";
import { type MemoryReadEvent, readReadEvents } from "./read_log.ts";
import { groupAudit } from "./summary.ts";

/** The filters of a log query. */
export interface MemoryLogQuery {
  path?: string;
  agent?: string;
  id?: string;
  includeProposals: boolean;
}

/** Reads of one path. */
export interface PathSummary {
  path: string;
  reads: number;
  agents: number;
  lastReadAt: string;
  lastAgent: string;
  lastReason: string;
}

/** Reads by one agent. */
export interface AgentSummary {
  agent: string;
  reads: number;
  paths: number;
  lastReadAt: string;
  lastPath: string;
  lastReason: string;
}

/** The answer to a log query. */
export interface MemoryLog {
  project: string;
  logPath: string;
  /** Matching read events, oldest first. */
  events: MemoryReadEvent[];
  byPath: PathSummary[];
  byAgent: AgentSummary[];
  /** Matching ledger events (only with `includeProposals`). */
  proposalEvents: LedgerEvent[] | null;
  /** The one event `--id` named. */
  event: MemoryReadEvent | null;
}

/** The note name a `--path` filter means (`memory/` prefix optional). */
function normalizePath(path: string): string {
  return path.trim().replace(/^memory\//, "");
}

function ledgerActor(event: LedgerEvent): string {
  return event.event_type === "proposed" ? event.author_name : event.reviewer_user;
}

/** Answer a log query for the project `app.cwd` belongs to. */
export async function memoryLog(app: AppContext, query: MemoryLogQuery): Promise<MemoryLog> {
  const project = await memoryProjectName(app.cwd, app.env);
  const paths = memoryStatePaths(project, app.env);
  const all = await readReadEvents(paths.readLog);
  let event: MemoryReadEvent | null = null;
  if (query.id !== undefined) {
    const ref = query.id.trim();
    const matches = all.filter((e) => e.id === ref).length > 0
      ? all.filter((e) => e.id === ref)
      : all.filter((e) => ref && e.id.startsWith(ref));
    if (matches.length === 0) {
      throw new SaseError("memory.log.unknown", `no audited memory read has id ${ref}`, {
        hint: "list reads with `sase memory log`",
        kind: "not-found",
      });
    }
    if (matches.length > 1) {
      throw new SaseError(
        "memory.log.ambiguous",
        `ambiguous read id prefix ${ref}: ${matches.map((e) => e.id).join(", ")}`,
        { kind: "invalid-input" },
      );
    }
    event = matches[0];
  }
  const path = query.path === undefined ? undefined : normalizePath(query.path);
  const agent = query.agent?.trim();
  const events = all.filter((e) =>
    (path === undefined || normalizePath(e.canonical_path) === path) &&
    (agent === undefined || e.agent_name === agent)
  );
  const byPath = groupAudit(events, (e) => e.canonical_path, (e) => e.agent_name).map((g) => ({
    path: g.key,
    reads: g.count,
    agents: g.distinct,
    lastReadAt: g.latest.timestamp,
    lastAgent: g.latest.agent_name,
    lastReason: g.latest.reason,
  }));
  const byAgent = groupAudit(events, (e) => e.agent_name, (e) => e.canonical_path).map((g) => ({
    agent: g.key,
    reads: g.count,
    paths: g.distinct,
    lastReadAt: g.latest.timestamp,
    lastPath: g.latest.canonical_path,
    lastReason: g.latest.reason,
  }));
  let proposalEvents: LedgerEvent[] | null = null;
  if (query.includeProposals) {
    proposalEvents = (await readLedger(paths.ledger)).filter((e) =>
      (path === undefined || normalizePath(e.target_path) === path) &&
      (agent === undefined || ledgerActor(e) === agent)
    );
  }
  return { project, logPath: paths.readLog, events, byPath, byAgent, proposalEvents, event };
}
