/**
 * `cl_submitted_checks` (handbook 5.4.3): asks the project's VCS provider
 * for the review state of each Mailed ChangeSpec's change (for GitHub,
 * `gh pr view <PR> --json state`) and moves a merged one to Submitted
 * through the ChangeSpec status service. Providers without change states
 * (bare git) are skipped, and a provider that cannot answer (gh missing or
 * signed out) leaves the spec as it is and fails the run with its reason.
 *
 * @module
 */

import { baseStatus } from "../../changespec/status.ts";
import { changeStatus } from "../../changespec/transition.ts";
import type { ChangeSpec } from "../../changespec/types.ts";
import { projectVcsProviders } from "./project_workspaces.ts";
import type { BuiltinChop } from "./registry.ts";

const clSubmittedChecks: BuiltinChop = async (context) => {
  const { app } = context;
  const { filtered } = await context.changeSpecs();
  const mailed = filtered.filter((spec) => baseStatus(spec.status) === "Mailed" && spec.pr);
  const submitted: string[] = [];
  const errors: string[] = [];
  let unsupported = 0;
  let open = 0;
  const providerOf = projectVcsProviders(app);
  for (const spec of mailed as (ChangeSpec & { pr: string })[]) {
    try {
      const { workspace, provider } = await providerOf(spec);
      if (!provider.supports("changeState")) {
        unsupported++;
        continue;
      }
      const state = await provider.changeState(workspace, spec.pr);
      if (state !== "merged") {
        open++;
        continue;
      }
      await changeStatus(context.store, {
        name: spec.name,
        status: "Submitted",
        project: spec.projectBasename,
        now: app.now(),
      });
      submitted.push(spec.name);
    } catch (error) {
      errors.push(`${spec.name}: ${error instanceof Error ? error.message : error}`);
    }
  }
  await context.log(
    `cl_submitted_checks: mailed=${mailed.length} submitted=${submitted.length} ` +
      `still_open=${open} unsupported_provider=${unsupported} errors=${errors.length}`,
  );
  if (mailed.length === 0) await context.log("no-op: no Mailed ChangeSpec with a PR");
  for (const name of submitted.slice(0, 10)) await context.log(`submitted ${name}`);
  for (const line of errors.slice(0, 10)) await context.log(`error: ${line}`);
  if (errors.length > 0) throw new Error(`${errors.length} ChangeSpec(s) could not be checked`);
};

/** The chops of this module. */
export const chops: Record<string, BuiltinChop> = { cl_submitted_checks: clSubmittedChecks };
