/**
 * The HITL modal: a workflow run paused at a `hitl: true` step, its step
 * and output, and the decision — `a` accept, `e` edit the output as JSON in
 * `$EDITOR` (an interactive task: the shell suspends its screen), `r`
 * reject (`f` reject with feedback typed in the modal), `q`/`Esc` close
 * without deciding. Decisions go through `decideHitl`, the service `sase
 * agent hitl` and the gateway use, which also resumes a run whose runner
 * died.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import { SaseError } from "../../../../core/errors.ts";
import type { HitlDecision } from "../../../../core/workflow/engine.ts";
import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect, Size } from "../../../engine/geometry.ts";
import { type KeyEvent, keyId } from "../../../engine/keys.ts";
import { lineInput, lineInputKey } from "../../../widgets/line_input.ts";
import { fieldKey } from "../text_field.ts";
import { agentText } from "../../segments.ts";
import type { HitlState } from "./context.ts";
import { type AceModal, type ModalStep, type ModalTask, unchanged } from "../modal.ts";
import { drawHitl } from "./view.ts";

/** Write `decision` for `agent` through the HITL service. */
export function decideTask(agent: string, decision: HitlDecision): ModalTask {
  return {
    label: `${decision.action} checkpoint of ${agent}`,
    async run(app: AppContext) {
      const { decideHitl } = await import("../../../../core/workflow/hitl_service.ts");
      const result = await decideHitl(app, agent, decision);
      const resumed = result.resumed ? " (its runner was restarted)" : "";
      return {
        toast: {
          severity: "info",
          text: `${agent}: step '${result.request.step_name}' ${decision.action}ed${resumed}`,
        },
        refresh: ["agents", "notifications"],
      };
    },
  };
}

/** Edit the step's output as JSON in `$EDITOR`, then decide `edit` with it. */
export function editTask(agent: string, output: unknown): ModalTask {
  return {
    label: `edit checkpoint output of ${agent}`,
    interactive: true,
    async run(app: AppContext) {
      const { editText } = await import("../../../../core/editor.ts");
      const text = await editText(JSON.stringify(output ?? {}, null, 2), app.env);
      let edited: unknown;
      try {
        edited = JSON.parse(text);
      } catch (error) {
        throw new SaseError(
          "workflow.hitl_edit",
          `the edited output is not JSON: ${(error as Error).message}; no decision written`,
          { kind: "invalid-input" },
        );
      }
      return await decideTask(agent, { action: "edit", output: edited }).run(app);
    },
  };
}

/** The HITL modal. */
export class HitlModal implements AceModal {
  readonly kind = "hitl";
  readonly placement = "center" as const;
  readonly title: string;

  constructor(readonly state: HitlState) {
    const { workflow_name, step_name } = state.request;
    this.title = agentText(`Human checkpoint · ${workflow_name} · ${step_name}`);
  }

  size(screen: Size): Size {
    return { columns: Math.min(100, screen.columns - 4), rows: Math.min(30, screen.rows - 4) };
  }

  key(event: KeyEvent): ModalStep {
    const id = keyId(event);
    const { agent, request, feedback } = this.state;
    if (feedback) {
      const step = fieldKey(feedback, event);
      if (step.kind === "cancel") {
        return { modal: new HitlModal({ ...this.state, feedback: null }), tasks: [] };
      }
      if (step.kind === "submit") {
        return {
          modal: null,
          tasks: [decideTask(agent, { action: "reject", feedback: step.text })],
        };
      }
      return step.kind === "edit"
        ? { modal: new HitlModal({ ...this.state, feedback: step.field }), tasks: [] }
        : unchanged(this);
    }
    switch (id) {
      case "a":
        return { modal: null, tasks: [decideTask(agent, { action: "accept" })] };
      case "e":
        return { modal: null, tasks: [editTask(agent, request.output)] };
      case "r":
        return { modal: null, tasks: [decideTask(agent, { action: "reject" })] };
      case "f":
        return { modal: new HitlModal({ ...this.state, feedback: lineInput() }), tasks: [] };
      case "q":
      case "escape":
        return { modal: null, tasks: [] };
    }
    return unchanged(this);
  }

  paste(text: string): ModalStep {
    const { feedback } = this.state;
    if (!feedback) return unchanged(this);
    return {
      modal: new HitlModal({
        ...this.state,
        feedback: lineInputKey(feedback, { kind: "paste", text }),
      }),
      tasks: [],
    };
  }

  draw(buffer: CellBuffer, inner: Rect): void {
    drawHitl(buffer, inner, this.state);
  }
}
