/**
 * `sase commit`'s inputs, checked and resolved once at the edge: the flags
 * of chapter 13 plus the environment that fills what they leave out
 * (`SASE_COMMIT_METHOD`, `SASE_PR_NAME`, `SASE_PR_STATUS`, `SASE_BUG_ID`,
 * `SASE_BEAD_ID`). Pure: reading `-M`'s file is the caller's job.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { ChangeSpecStatus } from "../changespec/types.ts";
import { type CommitMethod, resolveCommitMethod } from "./method.ts";

/** The flags as the command line gave them. */
export interface CommitFlags {
  /** `-m/--message`. */
  message?: string;
  /** `-M/--message-file` (the path). */
  messageFile?: string;
  /** `-f/--file`, repeatable; empty means stage everything. */
  files?: readonly string[];
  /** `-n/--name`. */
  name?: string;
  /** `-B/--bug-id`. */
  bugId?: string;
  /** `-c/--checkout-target`. */
  checkoutTarget?: string;
  /** `-p/--parent` (a ChangeSpec name). */
  parent?: string;
  /** `-s/--status`. */
  status?: string;
  /** `-t/--type`. */
  type?: string;
}

/** A fully resolved commit request. */
export interface CommitRequest {
  method: CommitMethod;
  /** The message (empty only for a PR whose body comes from elsewhere). */
  message: string;
  files: string[];
  /** The PR name (`-n` or `SASE_PR_NAME`), before any `_<N>` suffix. */
  name: string | null;
  /** `-B` or `SASE_BUG_ID`; `0` and empty mean none. */
  bugId: string | null;
  /** Branch point of a PR. */
  checkoutTarget: string;
  parent: string | null;
  /** STATUS of a PR's new ChangeSpec. */
  prStatus: ChangeSpecStatus;
  /** `SASE_BEAD_ID`: the bead the first line must name. */
  beadId: string | null;
}

/** The PR status words `-s` and `SASE_PR_STATUS` accept. */
export const PR_STATUSES: Readonly<Record<string, ChangeSpecStatus>> = {
  wip: "WIP",
  draft: "Draft",
  ready: "Ready",
};

/** The default branch point of a PR. */
export const DEFAULT_CHECKOUT_TARGET = "HEAD~1";

/** Which of `-m`/`-M` supplies the message; both at once is a usage error. */
export function messageSource(
  flags: Pick<CommitFlags, "message" | "messageFile">,
): "inline" | "file" | "none" {
  if (flags.message !== undefined && flags.messageFile !== undefined) {
    throw new SaseError(
      "commit.message_conflict",
      "-m/--message and -M/--message-file are mutually exclusive",
      { hint: "pass the message inline with -m or in a file with -M, not both", kind: "usage" },
    );
  }
  if (flags.message !== undefined) return "inline";
  return flags.messageFile !== undefined ? "file" : "none";
}

function nonEmpty(value: string | undefined): string | null {
  const text = value?.trim() ?? "";
  return text === "" ? null : text;
}

/** Parse `-s`/`SASE_PR_STATUS` (`wip`, `draft`, `ready`, any case). */
export function parsePrStatus(text: string, source: string): ChangeSpecStatus {
  const status = PR_STATUSES[text.trim().toLowerCase()];
  if (!status) {
    throw new SaseError("commit.bad_status", `${source}: unknown PR status '${text}'`, {
      hint: "use wip, draft or ready",
      kind: "usage",
    });
  }
  return status;
}

/**
 * Resolve the request: the method (flag/env agreement), the message
 * (`fileText` is `-M`'s content, already read), and each value's flag or
 * environment fallback. A commit or proposal needs a message; a PR needs a
 * name.
 */
export function resolveCommitRequest(
  flags: CommitFlags,
  fileText: string | null,
  env: Readonly<Record<string, string | undefined>>,
): CommitRequest {
  const source = messageSource(flags);
  const method = resolveCommitMethod(flags.type, env);
  const message = source === "inline"
    ? flags.message!
    : source === "file"
    ? (fileText ?? "").trimEnd()
    : "";
  if (method !== "create_pull_request" && message.trim() === "") {
    throw new SaseError("commit.no_message", `${method} needs a commit message`, {
      hint: "pass -m <message> or -M <file>",
      kind: "usage",
    });
  }
  const name = nonEmpty(flags.name) ?? nonEmpty(env.SASE_PR_NAME);
  if (method === "create_pull_request" && name === null) {
    throw new SaseError("commit.no_name", "create_pull_request needs a PR name", {
      hint: "pass -n <name> (or set SASE_PR_NAME)",
      kind: "usage",
    });
  }
  const statusText = nonEmpty(flags.status);
  const envStatus = nonEmpty(env.SASE_PR_STATUS);
  const prStatus = statusText !== null
    ? parsePrStatus(statusText, "-s/--status")
    : envStatus !== null
    ? parsePrStatus(envStatus, "SASE_PR_STATUS")
    : "Draft";
  return {
    method,
    message,
    files: [...(flags.files ?? [])],
    name,
    bugId: nonEmpty(flags.bugId) ?? nonEmpty(env.SASE_BUG_ID),
    checkoutTarget: nonEmpty(flags.checkoutTarget) ?? DEFAULT_CHECKOUT_TARGET,
    parent: nonEmpty(flags.parent),
    prStatus,
    beadId: nonEmpty(env.SASE_BEAD_ID),
  };
}
