/**
 * The Agents tab's header: the metric strip, then the `[group: <label>
 * (o)]` badge of the grouping mode, then the agent query when one is set.
 *
 * @module
 */

import { agentText, type Line, seg } from "../segments.ts";
import type { AgentsState } from "./context.ts";
import { metricStrip } from "./metrics.ts";
import { AGENT_GROUPING_LABELS } from "./tree.ts";

/** The header line. */
export function agentsHeader(state: AgentsState): Line {
  return [
    ...metricStrip(state.counts),
    seg(`  [group: ${AGENT_GROUPING_LABELS[state.mode]} (o)]`, "badge"),
    ...(state.query ? [seg(`  / ${agentText(state.query.text)}`, "dim")] : []),
  ];
}
