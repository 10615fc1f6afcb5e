/**
 * The metric catalog (handbook 18.6): the 37 metrics sase records, their
 * Prometheus names, types and labels, grouped by subsystem. Plain data: the
 * catalog is listed without loading the Prometheus client, and the client
 * registers exactly these metrics when telemetry is on.
 *
 * @module
 */

/** A Prometheus metric type. */
export type MetricType = "counter" | "gauge" | "histogram";

/** The eight subsystems, in the handbook's order. */
export const SUBSYSTEMS = [
  "Agent Lifecycle",
  "LLM Provider",
  "Axe Orchestrator",
  "Hooks / Mentors / Workflows",
  "Beads",
  "VCS / Workspace",
  "Notifications",
  "Memory",
] as const;

/** One subsystem's name. */
export type Subsystem = typeof SUBSYSTEMS[number];

/** One metric of the catalog. */
export interface MetricDefinition {
  name: string;
  type: MetricType;
  labels: readonly string[];
  subsystem: Subsystem;
  help: string;
}

function metric(
  subsystem: Subsystem,
  name: string,
  type: MetricType,
  labels: readonly string[],
  help: string,
): MetricDefinition {
  return { name, type, labels, subsystem, help };
}

const AGENT = "Agent Lifecycle";
const LLM = "LLM Provider";
const AXE = "Axe Orchestrator";
const HOOKS = "Hooks / Mentors / Workflows";
const BEADS = "Beads";
const VCS = "VCS / Workspace";

/** Every metric, by subsystem in the handbook's order. */
export const METRICS: readonly MetricDefinition[] = [
  metric(
    AGENT,
    "sase_agent_runs_total",
    "counter",
    ["llm_provider", "status", "workflow"],
    "Total agent runs",
  ),
  metric(
    AGENT,
    "sase_agent_run_duration_seconds",
    "histogram",
    ["llm_provider", "workflow"],
    "Agent run duration",
  ),
  metric(
    AGENT,
    "sase_agent_active",
    "gauge",
    ["llm_provider", "project"],
    "Currently active agents",
  ),
  metric(
    AGENT,
    "sase_agent_spawns_total",
    "counter",
    ["llm_provider", "project"],
    "Total agent spawns",
  ),
  metric(AGENT, "sase_agent_kills_total", "counter", ["reason"], "Total agent kills"),
  metric(
    LLM,
    "sase_llm_invocations_total",
    "counter",
    ["provider", "status"],
    "Total LLM invocations",
  ),
  metric(
    LLM,
    "sase_llm_invocation_duration_seconds",
    "histogram",
    ["provider"],
    "Invocation duration",
  ),
  metric(LLM, "sase_llm_errors_total", "counter", ["provider", "error_type"], "LLM errors"),
  metric(LLM, "sase_llm_retries_total", "counter", ["provider"], "LLM retries"),
  metric(LLM, "sase_llm_retry_spawns_total", "counter", ["outcome"], "Cross-process retries"),
  metric(LLM, "sase_llm_input_tokens_total", "counter", ["provider"], "Input tokens consumed"),
  metric(LLM, "sase_llm_output_tokens_total", "counter", ["provider"], "Output tokens generated"),
  metric(LLM, "sase_llm_cache_read_tokens_total", "counter", ["provider"], "Cache-read tokens"),
  metric(AXE, "sase_axe_cycles_total", "counter", ["cycle_type"], "Total axe cycles"),
  metric(AXE, "sase_axe_cycle_duration_seconds", "histogram", ["cycle_type"], "Cycle duration"),
  metric(AXE, "sase_axe_lumberjacks_active", "gauge", [], "Active lumberjacks"),
  metric(AXE, "sase_axe_lumberjack_restarts_total", "counter", [], "Lumberjack restarts"),
  metric(AXE, "sase_axe_errors_total", "counter", ["error_type"], "Axe errors"),
  metric(
    HOOKS,
    "sase_hook_executions_total",
    "counter",
    ["hook_type", "status"],
    "Hook executions",
  ),
  metric(HOOKS, "sase_hook_duration_seconds", "histogram", ["hook_type"], "Hook duration"),
  metric(HOOKS, "sase_hook_retries_total", "counter", ["hook_type"], "Hook retries"),
  metric(HOOKS, "sase_mentor_executions_total", "counter", ["status"], "Mentor executions"),
  metric(
    HOOKS,
    "sase_workflow_executions_total",
    "counter",
    ["workflow", "status"],
    "Workflow executions",
  ),
  metric(HOOKS, "sase_workflow_duration_seconds", "histogram", ["workflow"], "Workflow duration"),
  metric(HOOKS, "sase_zombie_detections_total", "counter", [], "Zombie process detections"),
  metric(BEADS, "sase_bead_operations_total", "counter", ["operation"], "Bead CRUD operations"),
  metric(
    BEADS,
    "sase_bead_status_transitions_total",
    "counter",
    ["from_status", "to_status"],
    "Bead status transitions",
  ),
  metric(BEADS, "sase_bead_active", "gauge", ["project", "status"], "Active beads"),
  metric(VCS, "sase_vcs_commits_total", "counter", ["provider", "type"], "VCS commits"),
  metric(
    VCS,
    "sase_vcs_operations_total",
    "counter",
    ["provider", "operation", "status"],
    "VCS operations",
  ),
  metric(
    VCS,
    "sase_workspace_acquisitions_total",
    "counter",
    ["project"],
    "Workspace acquisitions",
  ),
  metric(VCS, "sase_workspace_releases_total", "counter", ["project"], "Workspace releases"),
  metric(VCS, "sase_workspace_active", "gauge", ["project"], "Active workspaces"),
  metric(
    "Notifications",
    "sase_notifications_sent_total",
    "counter",
    ["type", "status"],
    "Notifications sent",
  ),
  metric(
    "Memory",
    "sase_memory_proposals_proposed_total",
    "counter",
    [],
    "Memory proposals created",
  ),
  metric(
    "Memory",
    "sase_memory_proposals_approved_total",
    "counter",
    ["edited"],
    "Memory proposals approved",
  ),
  metric(
    "Memory",
    "sase_memory_proposals_rejected_total",
    "counter",
    [],
    "Memory proposals rejected",
  ),
];
