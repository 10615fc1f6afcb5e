/**
 * Rewording a ChangeSpec (ACE `w`, handbook 22.3.2 "Reword"): the commit
 * description on its branch is replaced (git: `git commit --amend -m`), the
 * spec's DESCRIPTION follows (without trailing `KEY=VALUE` tag lines or a
 * `[<project>] ` title prefix), and a TIMESTAMPS `REWORD description` event
 * records it. Adding a tag (`KEY=VALUE` appended to the description) records
 * `REWORD tag "KEY"`; a `BUG` tag also sets the BUG field.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { saseTimestamp } from "../../time.ts";
import { bugFieldValue, descriptionFieldLines, stripTrailingTags } from "../create.ts";
import { editorHolding } from "../store.ts";
import { timestampEventText } from "../timestamp_event.ts";
import {
  checkoutIfNeeded,
  type OpTarget,
  type PreparedOp,
  prepareOp,
  refuseStatuses,
  requireCleanTree,
  revisionOf,
} from "./prepare.ts";
import { SETTLED_STATUSES } from "./sync.ts";

/** What a reword did. */
export interface RewordResult {
  name: string;
  project: string;
  revision: string;
  /** The DESCRIPTION the spec now has. */
  description: string | null;
  /** The tag added (`KEY=VALUE`), for a tag reword. */
  tag: string | null;
}

/** The description as the spec keeps it: no trailing tags, no `[<project>] ` title prefix. */
export function specDescription(description: string, project: string): string {
  const text = stripTrailingTags(description).replace(/^\n+/, "");
  const prefix = `[${project}] `;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/** Check out the spec's branch (on a clean tree) for a reword. */
async function onBranch(
  app: AppContext,
  target: OpTarget,
): Promise<PreparedOp & { revision: string }> {
  const op = await prepareOp(app, target);
  refuseStatuses(op.spec, SETTLED_STATUSES, "reword");
  await requireCleanTree(op, "reword");
  const revision = await revisionOf(op, op.spec.name);
  await checkoutIfNeeded(op, revision);
  return { ...op, revision };
}

/** Replace the description of ChangeSpec `target.name`'s commit with `description`. */
export async function rewordChangeSpec(
  app: AppContext,
  target: OpTarget,
  description: string,
): Promise<RewordResult> {
  if (description.trim() === "") {
    throw new SaseError("changespec.empty_description", "the new description is empty", {
      kind: "invalid-input",
    });
  }
  const op = await onBranch(app, target);
  const { spec, provider, cwd } = op;
  const text = description.replace(/\r\n/g, "\n").replace(/\n+$/, "");
  const prepared = provider.supports("prepareDescriptionForReword")
    ? provider.prepareDescriptionForReword(text)
    : text;
  await provider.reword(cwd, prepared);
  const kept = specDescription(text, op.ref.name);
  const stamp = saseTimestamp(app.now());
  const { eventType, detail } = timestampEventText({ type: "REWORD", detail: "description" });
  await op.store.mutate(op.ref, (editors) => {
    const file = editorHolding(editors, spec.name);
    file.replaceBlock(spec.name, "DESCRIPTION", descriptionFieldLines(kept));
    file.appendTimestamp(spec.name, { timestamp: stamp, eventType, detail });
  });
  return {
    name: spec.name,
    project: op.ref.name,
    revision: op.revision,
    description: kept,
    tag: null,
  };
}

const TAG_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Append `tag=value` to ChangeSpec `target.name`'s commit description. */
export async function addTagToChangeSpec(
  app: AppContext,
  target: OpTarget,
  tag: string,
  value: string,
): Promise<RewordResult> {
  if (!TAG_NAME.test(tag)) {
    throw new SaseError("changespec.bad_tag", `tag name '${tag}' is not KEY form (A-Z, 0-9, _)`, {
      kind: "invalid-input",
    });
  }
  if (value.trim() === "" || /[\r\n]/.test(value)) {
    throw new SaseError(
      "changespec.bad_tag",
      `the value of tag ${tag} must be one non-empty line`,
      {
        kind: "invalid-input",
      },
    );
  }
  const op = await onBranch(app, target);
  const { spec, provider, cwd } = op;
  await provider.rewordAddTag(cwd, tag, value.trim());
  const stamp = saseTimestamp(app.now());
  const { eventType, detail } = timestampEventText({ type: "REWORD", detail: `tag "${tag}"` });
  // A BUG tag is the bug the spec belongs to: its BUG field says the same.
  const bug = tag === "BUG"
    ? bugFieldValue(value.trim().replace(/^(?:https?:\/\/)?b\//, ""))
    : null;
  await op.store.mutate(op.ref, (editors) => {
    const file = editorHolding(editors, spec.name);
    if (bug !== null) file.setField(spec.name, "BUG", bug);
    file.appendTimestamp(spec.name, { timestamp: stamp, eventType, detail });
  });
  return {
    name: spec.name,
    project: op.ref.name,
    revision: op.revision,
    description: null,
    tag: `${tag}=${value.trim()}`,
  };
}
