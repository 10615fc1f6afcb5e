/**
 * `sase memory log`: summaries and events of audited memory reads.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import type { LedgerEvent } from "../../core/memory/ledger.ts";
import { memoryLog } from "../../core/memory/log.ts";
import type { MemoryReadEvent } from "../../core/memory/read_log.ts";
import { memoryLogWire } from "../../core/memory/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson } from "../shared/output.ts";

const inert = (text: string) => neutralizeControls(text, { keepLayout: false });

function eventLines(event: MemoryReadEvent): string[] {
  return [
    `id:         ${event.id}`,
    `timestamp:  ${event.timestamp}`,
    `path:       ${inert(event.canonical_path)}`,
    `resolved:   ${inert(event.resolved_path)}`,
    `agent:      ${inert(event.agent_name)} (${inert(event.agent_source)})`,
    `reason:     ${inert(event.reason)}`,
    `cwd:        ${inert(event.cwd)}`,
    `bytes:      ${event.byte_count}`,
    `project:    ${inert(event.project)}`,
  ];
}

function ledgerLine(event: LedgerEvent): string {
  const who = event.event_type === "proposed"
    ? `by ${event.author_name}`
    : `by ${event.reviewer_user}@${event.reviewer_hostname}`;
  const extra = event.event_type === "rejected" && event.reason ? `: ${event.reason}` : "";
  return inert(
    `${event.timestamp}  ${event.event_type}  ${event.proposal_id}  memory/${event.target_path}  ${who}${extra}`,
  );
}

/** Run `sase memory log`. */
export async function runLog(
  app: AppContext,
  options: { path?: string; agent?: string; id?: string; include?: string; json?: boolean },
): Promise<void> {
  if (options.include !== undefined && options.include !== "proposals") {
    throw usageError(`--include takes \`proposals\`, not '${options.include}'`);
  }
  const log = await memoryLog(app, {
    path: options.path,
    agent: options.agent,
    id: options.id,
    includeProposals: options.include === "proposals",
  });
  if (options.json) {
    if (log.event) return printJson({ schema_version: 1, event: log.event });
    return printJson(memoryLogWire(log));
  }
  if (log.event) {
    for (const line of eventLines(log.event)) console.log(line);
    return;
  }
  if (log.events.length === 0) {
    console.log(`No audited memory reads for project ${inert(log.project)}.`);
  } else if (options.path !== undefined || options.agent !== undefined) {
    console.log(formatTable(
      ["PATH", "READS", "AGENTS", "LAST READ", "LAST AGENT"],
      log.byPath.map((
        s,
      ) => [inert(s.path), `${s.reads}`, `${s.agents}`, s.lastReadAt, inert(s.lastAgent)]),
    ));
    console.log("");
    console.log(formatTable(
      ["ID", "TIMESTAMP", "PATH", "AGENT", "REASON"],
      log.events.map((
        e,
      ) => [e.id, e.timestamp, inert(e.canonical_path), inert(e.agent_name), inert(e.reason)]),
    ));
  } else {
    console.log(formatTable(
      ["PATH", "READS", "AGENTS", "LAST READ", "LAST AGENT", "LAST REASON"],
      log.byPath.map((s) => [
        inert(s.path),
        `${s.reads}`,
        `${s.agents}`,
        s.lastReadAt,
        inert(s.lastAgent),
        inert(s.lastReason),
      ]),
    ));
    console.log("");
    console.log(formatTable(
      ["AGENT", "READS", "PATHS", "LAST READ", "LAST PATH"],
      log.byAgent.map((
        s,
      ) => [inert(s.agent), `${s.reads}`, `${s.paths}`, s.lastReadAt, inert(s.lastPath)]),
    ));
  }
  if (log.proposalEvents) {
    console.log("\nProposal and review events:");
    if (log.proposalEvents.length === 0) console.log("(none)");
    for (const event of log.proposalEvents) console.log(ledgerLine(event));
  }
}
