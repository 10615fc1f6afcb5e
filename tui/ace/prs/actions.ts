/**
 * The PR actions of the PRs tab that open a modal or run a task, each
 * through the core ChangeSpec services (never a shell command of the view):
 *
 * - `s` status modal of the focused PR, `S` the same for the marked PRs;
 * - `d` the PR's diff in `$PAGER` (`less -R`), the terminal lent to it;
 * - `Y` sync (fetch and rebase onto the remote default branch), in the
 *   background;
 * - `b` rebase: choose the new parent (a live PR of the project, or none),
 *   then rebase in the background;
 * - `n` rename: type the new name, then rename in the background;
 * - `w` reword: the description in `$EDITOR`, then the commit's message
 *   and DESCRIPTION are rewritten (an empty save cancels);
 * - `W` tag: type `TAG=value`, appended to the commit's description;
 * - `M` mail: confirm, then push the branch for review (a Ready PR becomes
 *   Mailed) in the background;
 * - `R` rewind: choose the COMMITS entry to go back to (each choice says
 *   how many later entries it undoes); their saved diffs are reverted in a
 *   new commit in the background;
 * - `C` checkout: the PR's branch in the project's primary checkout (on a
 *   clean tree), in the background;
 * - `e` edit spec: `$EDITOR` on the ProjectSpec at the PR's `NAME:` line,
 *   holding the ProjectSpec lock (no other writer meanwhile); the saved
 *   file is parsed again and its problems reported with file and line.
 *
 * The VCS work runs in the project's `WORKSPACE_DIR` (ACE's directory when
 * the project names none).
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import type { ChangeSpec } from "../../../core/changespec/types.ts";
import { baseStatus } from "../../../core/changespec/status.ts";
import type { OpTarget } from "../../../core/changespec/ops/prepare.ts";
import { ChoiceModal } from "../modals/choice/controller.ts";
import { InputModal } from "../modals/input/controller.ts";
import type { AceModal, ModalOutcome, ModalTask } from "../modals/modal.ts";
import { statusModal } from "../modals/status/controller.ts";
import type { StatusTarget } from "../modals/status/tasks.ts";
import { agentText } from "../segments.ts";

/** A PR action key's name. */
export type PrActionKind =
  | "status"
  | "bulk_status"
  | "diff"
  | "sync"
  | "rebase"
  | "rename"
  | "reword"
  | "tag"
  | "mail"
  | "edit"
  | "rewind"
  | "checkout";

/** The PR action of each key on the PRs tab. */
export const PR_ACTION_KEYS: Readonly<Record<string, PrActionKind>> = {
  s: "status",
  S: "bulk_status",
  d: "diff",
  Y: "sync",
  b: "rebase",
  n: "rename",
  w: "reword",
  W: "tag",
  M: "mail",
  e: "edit",
  R: "rewind",
  C: "checkout",
};

/** Statuses whose branches are final: no sync, rebase or rename (the core refuses them too). */
const SETTLED = new Set(["Submitted", "Reverted", "Archived"]);

/**
 * `run` with the warnings core services give (`app.warn`, which would
 * print over ACE's screen) added to its toast, which becomes a warning.
 */
export function warned(
  run: (app: AppContext) => Promise<ModalOutcome>,
): (app: AppContext) => Promise<ModalOutcome> {
  return async (app) => {
    const warnings: string[] = [];
    const outcome = await run({ ...app, warn: (message) => void warnings.push(message) });
    if (warnings.length === 0) return outcome;
    const text = [outcome.toast?.text, ...warnings].filter(Boolean).join("; ");
    return { ...outcome, toast: { severity: "warning", text } };
  };
}

/** A task that only tells the user something. */
function notice(severity: "info" | "warning", text: string): ModalTask {
  return {
    label: "notice",
    run: () => Promise.resolve({ toast: { severity, text } }),
  };
}

function statusTarget(spec: ChangeSpec): StatusTarget {
  return { name: spec.name, project: spec.projectBasename, status: spec.status };
}

/** Where the core operation acts: the spec's ProjectSpec file and its project's checkout. */
export async function opTarget(app: AppContext, spec: ChangeSpec): Promise<OpTarget> {
  const { findProject } = await import("../../../core/workspace/projects.ts");
  const project = await findProject(spec.projectBasename, app.env);
  return {
    name: spec.name,
    projectFile: spec.filePath,
    workspaceDir: project?.workspaceDir ?? undefined,
  };
}

/** `d`: page the PR's diff (an interactive task: the pager takes the terminal). */
export function diffTask(spec: ChangeSpec): ModalTask {
  return {
    label: `diff ${spec.name}`,
    interactive: true,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { changeSpecDiff } = await import("../../../core/changespec/ops/diff.ts");
      const { pageText } = await import("../../../core/pager.ts");
      const diff = await changeSpecDiff(app, await opTarget(app, spec));
      if (diff.text === "") {
        return { toast: { severity: "info", text: `${spec.name} has no changes` } };
      }
      await pageText(diff.text, `${spec.name}.diff`, app.env);
      return {};
    }),
  };
}

/** `Y`: sync the PR with its remote in the background. */
export function syncTask(spec: ChangeSpec): ModalTask {
  return {
    label: `sync ${spec.name}`,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { syncChangeSpec } = await import("../../../core/changespec/ops/sync.ts");
      const result = await syncChangeSpec(app, await opTarget(app, spec));
      return {
        toast: { severity: "info", text: `Synced ${result.name} (${result.revision})` },
        refresh: ["changespecs"],
      };
    }),
  };
}

/** Rebase `spec` onto `parent` (null: the default branch) in the background. */
export function rebaseTask(spec: ChangeSpec, parent: string | null): ModalTask {
  const onto = parent ?? "the default branch";
  return {
    label: `rebase ${spec.name} onto ${onto}`,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { rebaseChangeSpec } = await import("../../../core/changespec/ops/rebase.ts");
      const result = await rebaseChangeSpec(app, await opTarget(app, spec), parent);
      return {
        toast: { severity: "info", text: `Rebased ${result.name} onto ${result.onto}` },
        refresh: ["changespecs"],
      };
    }),
  };
}

/** Rename `spec` to `newName` in the background. */
export function renameTask(spec: ChangeSpec, newName: string): ModalTask {
  return {
    label: `rename ${spec.name}`,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { renameChangeSpec } = await import("../../../core/changespec/ops/rename.ts");
      const result = await renameChangeSpec(app, await opTarget(app, spec), newName);
      return {
        toast: { severity: "info", text: `Renamed ${result.oldName} to ${result.newName}` },
        refresh: ["changespecs"],
      };
    }),
  };
}

/** `w`: edit the description in `$EDITOR` (the terminal lent to it), then reword. */
export function rewordTask(spec: ChangeSpec): ModalTask {
  return {
    label: `reword ${spec.name}`,
    interactive: true,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { editText } = await import("../../../core/editor.ts");
      const { rewordChangeSpec } = await import("../../../core/changespec/ops/reword.ts");
      const text = await editText(spec.description, app.env, {
        empty: "empty description; nothing reworded",
      });
      if (text.trim() === spec.description.trim()) {
        return { toast: { severity: "info", text: `${spec.name}: description unchanged` } };
      }
      const result = await rewordChangeSpec(app, await opTarget(app, spec), text);
      return {
        toast: { severity: "info", text: `Reworded ${result.name}` },
        refresh: ["changespecs"],
      };
    }),
  };
}

/** Push `spec` for review in the background (the user confirmed in the modal). */
export function mailTask(spec: ChangeSpec): ModalTask {
  return {
    label: `mail ${spec.name}`,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { mailChangeSpec } = await import("../../../core/changespec/ops/mail.ts");
      const result = await mailChangeSpec(app, await opTarget(app, spec));
      const status = result.status ? `; now ${result.status.newStatus}` : "";
      const pr = result.prUrl ? ` (${result.prUrl})` : "";
      return {
        toast: { severity: "info", text: `Mailed ${result.name}${pr}${status}` },
        refresh: ["changespecs"],
      };
    }),
  };
}

/** `M`: the confirmation before mailing. */
export function mailModal(spec: ChangeSpec): AceModal {
  const ready = baseStatus(spec.status) === "Ready";
  return new ChoiceModal({
    kind: "mail",
    title: `Mail ${agentText(spec.name)}?`,
    note: `Push its branch for review${ready ? "; it becomes Mailed" : ""}`,
    choices: [{ label: `Mail ${agentText(spec.name)}`, task: mailTask(spec) }],
  });
}

/** `C`: check out the PR's branch in the background. */
export function checkoutTask(spec: ChangeSpec): ModalTask {
  return {
    label: `check out ${spec.name}`,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { checkoutChangeSpec } = await import("../../../core/changespec/ops/checkout.ts");
      const result = await checkoutChangeSpec(app, await opTarget(app, spec));
      const text = result.switched
        ? `Checked out ${result.revision} in ${result.cwd}`
        : `${result.cwd} is already on ${result.revision}`;
      return { toast: { severity: "info", text } };
    }),
  };
}

/** Rewind `spec` to COMMITS entry `entry` in the background. */
export function rewindTask(spec: ChangeSpec, entry: number): ModalTask {
  return {
    label: `rewind ${spec.name} to (${entry})`,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { rewindChangeSpec } = await import("../../../core/changespec/ops/rewind.ts");
      const result = await rewindChangeSpec(app, await opTarget(app, spec), entry);
      const count = result.undone.length;
      return {
        toast: {
          severity: "info",
          text: `Rewound ${result.name} to (${entry}): ${count} entr${
            count === 1 ? "y" : "ies"
          } undone`,
        },
        refresh: ["changespecs"],
      };
    }),
  };
}

/**
 * `R`: the entries `spec` may rewind to — every landed COMMITS entry but
 * the newest, newest first — or a notice when it has fewer than two.
 */
export function rewindModal(spec: ChangeSpec): AceModal | ModalTask {
  const landed = [
    ...new Set(spec.commits.filter((c) => c.proposalLetter === null).map((c) => c.number)),
  ]
    .sort((a, b) => a - b);
  if (landed.length < 2) {
    return notice("info", `${spec.name} has no earlier COMMITS entry to rewind to`);
  }
  const noteOf = (n: number) =>
    spec.commits.find((c) => c.number === n && c.proposalLetter === null)!.note;
  const choices = landed.slice(0, -1).reverse().map((entry) => {
    const later = landed.filter((n) => n > entry).length;
    return {
      label: `(${entry}) ${agentText(noteOf(entry))}  — undo ${later} later entr${
        later === 1 ? "y" : "ies"
      }`,
      task: rewindTask(spec, entry),
    };
  });
  return new ChoiceModal({
    kind: "rewind",
    title: `Rewind ${agentText(spec.name)}`,
    note: "The later entries' saved diffs are reverted in a new commit",
    choices,
  });
}

/** How many parse problems the `e` toast names (the rest are counted). */
export const NAMED_PROBLEMS = 2;

/** `e`: `$EDITOR` on the PR's ProjectSpec at its NAME line, then the file checked again. */
export function editSpecTask(spec: ChangeSpec): ModalTask {
  return {
    label: `edit the ProjectSpec of ${spec.name}`,
    interactive: true,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { editFile } = await import("../../../core/editor.ts");
      const { withFileLock } = await import("../../../core/fs/lock.ts");
      const { parseProjectSpec } = await import("../../../core/changespec/parser.ts");
      const { READ_LIMITS, readTextBounded } = await import("../../../core/fs/bounded_read.ts");
      const path = spec.filePath;
      const text = await withFileLock(path, async () => {
        await editFile(path, app.env, { line: spec.span.startLine });
        return await readTextBounded(path, READ_LIMITS.document);
      });
      const problems = parseProjectSpec(text, path).warnings;
      if (problems.length === 0) {
        return { toast: { severity: "info", text: `Saved ${path}` }, refresh: ["changespecs"] };
      }
      const named = problems.slice(0, NAMED_PROBLEMS).map((p) =>
        `${p.file}:${p.line}${p.field ? ` ${p.field}` : ""}: ${p.message}`
      ).join("; ");
      const more = problems.length > NAMED_PROBLEMS
        ? ` (+${problems.length - NAMED_PROBLEMS} more)`
        : "";
      return {
        toast: { severity: "warning", text: `${named}${more}` },
        refresh: ["changespecs"],
      };
    }),
  };
}

/** `TAG=value` as typed in the `W` input, or null when it has no `=`. */
export function parseTagInput(text: string): { tag: string; value: string } | null {
  const at = text.indexOf("=");
  if (at <= 0) return null;
  return { tag: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

/** Append the tag typed as `TAG=value` to `spec`'s commit description, in the background. */
export function tagTask(spec: ChangeSpec, text: string): ModalTask {
  return {
    label: `tag ${spec.name}`,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const parsed = parseTagInput(text);
      if (!parsed) {
        return { toast: { severity: "error", text: `Expected TAG=value, got '${text}'` } };
      }
      const { addTagToChangeSpec } = await import("../../../core/changespec/ops/reword.ts");
      const result = await addTagToChangeSpec(
        app,
        await opTarget(app, spec),
        parsed.tag,
        parsed.value,
      );
      return {
        toast: { severity: "info", text: `Tagged ${result.name}: ${parsed.tag}=${parsed.value}` },
        refresh: ["changespecs"],
      };
    }),
  };
}

/** `W`: the tag input. */
export function tagModal(spec: ChangeSpec): AceModal {
  return InputModal.of({
    kind: "tag",
    title: `Tag ${agentText(spec.name)}`,
    note: "Appended to the commit's description (e.g. BUG=12345)",
    label: "TAG=value: ",
    submit: (text) => tagTask(spec, text),
  }, "");
}

/**
 * The parents `spec` may move onto, from the specs of its project: live
 * (not Submitted/Reverted/Archived), not itself, not its current parent,
 * not one of its descendants (that would make a cycle).
 */
export function parentCandidates(
  spec: ChangeSpec,
  projectSpecs: readonly ChangeSpec[],
): ChangeSpec[] {
  const descendants = new Set<string>([spec.name]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const other of projectSpecs) {
      if (other.parent !== null && descendants.has(other.parent) && !descendants.has(other.name)) {
        descendants.add(other.name);
        grew = true;
      }
    }
  }
  return projectSpecs.filter((other) =>
    !descendants.has(other.name) && other.name !== spec.parent &&
    !SETTLED.has(baseStatus(other.status))
  );
}

/** The "no parent" choice's label. */
export const NO_PARENT = "(no parent: the default branch)";

/** `b`: read the project's specs, then open the new-parent chooser. */
export function rebaseChooserTask(spec: ChangeSpec): ModalTask {
  return {
    label: `choose the new parent of ${spec.name}`,
    run: warned(async (app: AppContext): Promise<ModalOutcome> => {
      const { projectStore } = await import("../../../core/changespec/read.ts");
      const store = projectStore(app.env);
      const ref = await store.locate(spec.name, spec.projectBasename);
      const snapshot = await store.snapshot(ref, false);
      const candidates = parentCandidates(spec, snapshot.active?.specs ?? []);
      const choices = candidates.map((other) => ({
        label: `${agentText(other.name)}  ${agentText(other.status)}`,
        task: rebaseTask(spec, other.name),
      }));
      if (spec.parent !== null) choices.unshift({ label: NO_PARENT, task: rebaseTask(spec, null) });
      if (choices.length === 0) {
        return { toast: { severity: "info", text: `No other parent for ${spec.name}` } };
      }
      const modal = new ChoiceModal({
        kind: "rebase",
        title: `Rebase ${agentText(spec.name)}`,
        note: `Current parent: ${agentText(spec.parent ?? "none (the default branch)")}`,
        choices,
      });
      return { open: modal };
    }),
  };
}

/** `n`: the rename input, pre-filled with the current name. */
export function renameModal(spec: ChangeSpec): AceModal {
  return InputModal.of({
    kind: "rename",
    title: `Rename ${agentText(spec.name)}`,
    note: "The branch is renamed with it",
    label: "New name: ",
    submit: (text) => renameTask(spec, text),
  }, spec.name);
}

/**
 * The modal or task of PR action `kind` on the focused `spec` (none on a
 * banner) with `marked` specs: refusals come back as a notice.
 */
export function prAction(
  kind: PrActionKind,
  spec: ChangeSpec | undefined,
  marked: readonly ChangeSpec[],
): AceModal | ModalTask {
  if (kind === "bulk_status") {
    if (marked.length === 0) return notice("info", "No marked PRs (mark with m)");
    return statusModal(marked.map(statusTarget)) ??
      notice("warning", "None of the marked PRs can change status");
  }
  if (!spec) return notice("info", "No PR selected");
  const status = baseStatus(spec.status);
  if (kind === "status") {
    return statusModal([statusTarget(spec)]) ??
      notice("info", `${spec.name} is ${status}: no status change is allowed from it`);
  }
  if (kind === "diff") return diffTask(spec);
  if (kind === "edit") return editSpecTask(spec);
  if (kind === "checkout") return checkoutTask(spec);
  if (SETTLED.has(status)) {
    return notice("warning", `${spec.name} is ${status}: cannot ${kind} it`);
  }
  switch (kind) {
    case "sync":
      return syncTask(spec);
    case "rebase":
      return rebaseChooserTask(spec);
    case "rename":
      return renameModal(spec);
    case "reword":
      return rewordTask(spec);
    case "tag":
      return tagModal(spec);
    case "mail":
      return mailModal(spec);
    case "rewind":
      return rewindModal(spec);
  }
}
