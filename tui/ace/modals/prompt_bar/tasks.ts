/**
 * The prompt bar's work: launching through `launchPrompt`, the launch
 * service `sase run` uses (detached, so ACE never waits for an agent; the
 * prompt lands in the prompt history `sase prompt` reads), recording a
 * cancelled prompt in that history, and composing in `$EDITOR`.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import { SaseError } from "../../../../core/errors.ts";
import type { AceModal, ModalOutcome, ModalTask } from "../modal.ts";

/** Launch `text` as `sase run -d` would; the toast names the agents started. */
export function launchTask(text: string): ModalTask {
  return {
    label: "launch prompt",
    async run(app: AppContext): Promise<ModalOutcome> {
      const { launchPrompt } = await import("../../../../core/agent/run/launch_prompt.ts");
      const outcome = await launchPrompt(app, { text, daemon: true });
      const names = outcome.launched.map((agent) => agent.name);
      return {
        toast: {
          severity: "info",
          text: names.length === 1
            ? `Launched agent ${names[0]}`
            : `Launched ${names.length} agents: ${names.join(", ")}`,
        },
        refresh: ["agents"],
      };
    },
  };
}

/** Record `text` as a cancelled prompt (shown with an `x` by `,>`). */
export function cancelTask(text: string): ModalTask {
  return {
    label: "record cancelled prompt",
    async run(app: AppContext): Promise<ModalOutcome> {
      const { promptHistoryPath, recordPrompt } = await import(
        "../../../../core/xprompt/history/store.ts"
      );
      await recordPrompt(promptHistoryPath(app.env), text, { cancelled: true, workspace: app.cwd });
      return {};
    },
  };
}

/**
 * Edit `text` in `$EDITOR` (the shell suspends its screen), then launch the
 * result — or, when it carries `%edit`, hand it back to a prompt bar made by
 * `reopen` for review. An empty save launches nothing.
 */
export function editorTask(text: string, reopen: (text: string) => AceModal): ModalTask {
  return {
    label: "compose prompt in $EDITOR",
    interactive: true,
    async run(app: AppContext): Promise<ModalOutcome> {
      const { editText } = await import("../../../../core/editor.ts");
      const { takeEditDirective } = await import("../../../../core/xprompt/edit_directive.ts");
      let edited: string;
      try {
        edited = await editText(text, app.env);
      } catch (error) {
        if (error instanceof SaseError && error.code === "prompt.empty") {
          return { toast: { severity: "info", text: "empty prompt; nothing launched" } };
        }
        throw error;
      }
      const taken = takeEditDirective(edited);
      if (taken.edit) return { open: reopen(taken.text) };
      return await launchTask(edited).run(app);
    },
  };
}
