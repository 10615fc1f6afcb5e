/**
 * Agents: launch a text prompt into a project, and the running and recent
 * agents with their status, model and runtime, each with kill or retry.
 *
 * @module
 */

import { h, replace } from "./dom.ts";
import { call } from "./api.ts";
import { notice, report } from "./shell.ts";
import type { LaunchResultWire, MobileAgentSummaryWire } from "./types.ts";

const PROJECT_KEY = "sase.mobile.project";

/** `GET /api/v1/agents?include_recent=true`. */
interface AgentList {
  agents: MobileAgentSummaryWire[];
  total_count: number;
}

/** Load running and recent agents. */
export function loadAgents(): Promise<AgentList> {
  return call<AgentList>("GET", "/api/v1/agents?include_recent=true&limit=50");
}

/** A runtime as `1h 02m`, `3m 05s` or `42s`. */
export function runtime(seconds: number | null): string {
  if (seconds === null) return "";
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours) return `${hours}h ${String(minutes).padStart(2, "0")}m`;
  if (minutes) return `${minutes}m ${String(rest).padStart(2, "0")}s`;
  return `${rest}s`;
}

function launchMessage(result: LaunchResultWire): string {
  const slot = result.primary;
  if (!slot) return "Nothing was launched";
  if (slot.status === "launched") return `Launched ${slot.name}`;
  return slot.message ?? slot.status;
}

function launchForm(refresh: () => void): HTMLElement {
  const prompt = h("textarea", {
    id: "launch-prompt",
    name: "prompt",
    rows: "3",
    placeholder: "What should the agent do?",
    required: true,
  });
  const project = h("input", {
    id: "launch-project",
    name: "project",
    list: "known-projects",
    autocapitalize: "none",
    placeholder: "project name",
    value: localStorage.getItem(PROJECT_KEY) ?? "",
  });
  const name = h("input", { id: "launch-name", name: "name", placeholder: "name (optional)" });
  const model = h("input", { id: "launch-model", name: "model", placeholder: "model (optional)" });
  const button = h("button", { type: "submit", class: "primary" }, "Launch");
  return h(
    "form",
    {
      id: "launch-form",
      class: "launch",
      on: {
        submit: async (event) => {
          event.preventDefault();
          const text = prompt.value.trim();
          if (!text) return;
          button.disabled = true;
          try {
            const body: Record<string, string> = { prompt: text };
            if (project.value.trim()) body.project = project.value.trim();
            if (name.value.trim()) body.name = name.value.trim();
            if (model.value.trim()) body.model = model.value.trim();
            const result = await call<LaunchResultWire>("POST", "/api/v1/agents/launch", body);
            if (body.project) localStorage.setItem(PROJECT_KEY, body.project);
            notice(launchMessage(result), result.primary?.status === "failed" ? "error" : "ok");
            prompt.value = "";
            name.value = "";
            refresh();
          } catch (error) {
            report(error);
          } finally {
            button.disabled = false;
          }
        },
      },
    },
    h("h2", null, "Launch"),
    prompt,
    project,
    h("datalist", { id: "known-projects" }),
    h("div", { class: "pair-fields" }, name, model),
    button,
  );
}

function agentRow(agent: MobileAgentSummaryWire, refresh: () => void): HTMLElement {
  const post = async (route: "kill" | "retry") => {
    try {
      await call("POST", `/api/v1/agents/${encodeURIComponent(agent.name)}/${route}`, {});
      notice(route === "kill" ? `Killed ${agent.name}` : `Retried ${agent.name}`);
      refresh();
    } catch (error) {
      report(error);
    }
  };
  return h(
    "li",
    { class: `agent status-${agent.status.toLowerCase()}`, "data-name": agent.name },
    h(
      "div",
      { class: "meta" },
      h("span", { class: "sender" }, agent.display.title),
      h("span", { class: "badge" }, agent.display.status_label),
    ),
    h(
      "div",
      { class: "muted" },
      [agent.project, agent.model, runtime(agent.duration_seconds)].filter(Boolean).join(" · "),
    ),
    agent.prompt_snippet ? h("div", { class: "summary" }, agent.prompt_snippet) : null,
    h(
      "div",
      { class: "row-actions" },
      agent.actions.can_kill
        ? h("button", { class: "danger kill", on: { click: () => post("kill") } }, "Kill")
        : null,
      agent.actions.can_retry
        ? h("button", { class: "retry", on: { click: () => post("retry") } }, "Retry")
        : null,
    ),
  );
}

/**
 * Render the agents page into `root`. The launch form is built once and
 * kept across refreshes (live updates must not wipe a prompt being typed);
 * only the list and the known projects are replaced.
 */
export function renderAgents(root: HTMLElement, list: AgentList, refresh: () => void): void {
  let listBox = root.querySelector<HTMLElement>("#agent-list");
  if (!listBox) {
    listBox = h("div", { id: "agent-list" });
    replace(
      root,
      h("h1", null, "Agents"),
      launchForm(refresh),
      h("h2", null, "Running and recent"),
      listBox,
    );
  }
  const projects = [...new Set(list.agents.flatMap((agent) => agent.project ?? []))].sort();
  replace(
    root.querySelector("#known-projects")!,
    ...projects.map((project) => h("option", { value: project })),
  );
  replace(
    listBox,
    list.agents.length
      ? h("ul", { class: "cards agents" }, ...list.agents.map((agent) => agentRow(agent, refresh)))
      : h("p", { class: "empty" }, "No agents yet."),
  );
}
