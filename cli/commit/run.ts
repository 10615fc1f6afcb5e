/**
 * `sase commit [...]` and `sase commit --resume`: run the CommitWorkflow
 * and report what it did; the exit code is the run's (0 OK, 1 FAILED,
 * 2 CONFLICT).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { COMMIT_EXIT_CODES, type CommitRun } from "../../core/commit/outcome.ts";
import { resumeCommit, runCommit } from "../../core/commit/workflow.ts";
import { commitRunWire } from "../../core/commit/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { printJson, style } from "../shared/output.ts";

/** The options commander hands the action. */
export interface CommitCommandOptions {
  message?: string;
  messageFile?: string;
  file?: string[];
  name?: string;
  bugId?: string;
  checkoutTarget?: string;
  parent?: string;
  resume?: boolean;
  status?: string;
  type?: string;
  vcsProvider?: string;
  json?: boolean;
}

const inert = (text: string) => neutralizeControls(text);

function firstLine(message: string): string {
  return message.split("\n")[0];
}

/** What the run did, for a person. */
function report(run: CommitRun): void {
  if (run.status !== "ok") {
    console.error(style("red", `error: ${run.error ?? "the commit did not finish"}`));
    if (run.hint) console.error(`hint: ${inert(run.hint)}`);
    if (run.checkpointPath) console.error(`checkpoint kept: ${inert(run.checkpointPath)}`);
    return;
  }
  const verb = run.resumed ? "Finished" : "Done";
  switch (run.method) {
    case "create_commit":
      console.log(
        `${verb}: committed ${run.result ?? "(no hash)"}: ${inert(firstLine(run.message))}`,
      );
      break;
    case "create_proposal":
      console.log(
        `${verb}: proposal saved to ${inert(run.result ?? "")}; the changes left the tree`,
      );
      break;
    case "create_pull_request":
      console.log(
        `${verb}: branch ${inert(run.name ?? "")} pushed` +
          (run.result ? `; pull request ${inert(run.result)}` : ""),
      );
      break;
  }
  if (run.changespecName) console.log(`ChangeSpec created: ${inert(run.changespecName)}`);
  if (run.entryId) console.log(`COMMITS entry: (${run.entryId})`);
  if (run.diffPath && run.method !== "create_proposal") {
    console.log(`diff saved: ${inert(run.diffPath)}`);
  }
}

/** Run `sase commit`. */
export async function runCommitCommand(
  app: AppContext,
  options: CommitCommandOptions,
): Promise<void> {
  const run = options.resume
    ? await resumeCommit(app, { vcsProvider: options.vcsProvider })
    : await runCommit(app, {
      flags: {
        message: options.message,
        messageFile: options.messageFile,
        files: options.file,
        name: options.name,
        bugId: options.bugId,
        checkoutTarget: options.checkoutTarget,
        parent: options.parent,
        status: options.status,
        type: options.type,
      },
      vcsProvider: options.vcsProvider,
    });
  if (options.json) printJson(commitRunWire(run));
  else {
    for (const warning of run.warnings) app.warn(warning);
    report(run);
  }
  Deno.exitCode = COMMIT_EXIT_CODES[run.status];
}
