/**
 * The doctor's registered checks, selection by id or group, and running them
 * into a report. Checks are read-only: they never write state, launch agents
 * or call provider APIs.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import {
  aggregateStatus,
  type CheckOutcome,
  type CheckResult,
  countStatuses,
  type DoctorReport,
  redact,
} from "./model.ts";
import type { CheckSpec, DoctorContext } from "./check.ts";
import { configChecks } from "./checks/config.ts";
import { llmChecks } from "./checks/llm.ts";
import { projectChecks } from "./checks/projects.ts";
import { runtimeChecks } from "./checks/runtime.ts";
import { sandboxChecks } from "./checks/sandbox.ts";
import { stateChecks } from "./checks/state.ts";
import { vcsChecks } from "./checks/vcs.ts";
import { loadConfig } from "../config/load.ts";
import { which } from "../fs/which.ts";
import type { LoadedConfig } from "../config/loaded.ts";

/** Every check in report order. */
export function allChecks(): CheckSpec[] {
  return [
    ...runtimeChecks,
    ...configChecks,
    ...stateChecks,
    ...vcsChecks,
    ...llmChecks,
    ...sandboxChecks,
    ...projectChecks,
  ];
}

/**
 * Build a context whose config is loaded lazily and at most once, programs
 * looked up once; `detailed` (default true) says whether OK checks' summaries
 * and data are shown.
 */
export function makeDoctorContext(
  options: {
    env: Env;
    cwd: string;
    saseHome: string;
    project?: string | null;
    detailed?: boolean;
  },
): DoctorContext {
  let loaded: Promise<LoadedConfig> | undefined;
  const found = new Map<string, Promise<string | null>>();
  return {
    env: options.env,
    cwd: options.cwd,
    saseHome: options.saseHome,
    project: options.project ?? null,
    detailed: options.detailed ?? true,
    config: () => (loaded ??= loadConfig({ env: options.env, cwd: options.cwd })),
    which(command) {
      let path = found.get(command);
      if (!path) found.set(command, path = which(command, options.env.PATH));
      return path;
    },
  };
}

/** The checks a run executes for the given selections (`-C`) and deep flag. */
export function selectChecks(
  specs: readonly CheckSpec[],
  selections: readonly string[],
  deep: boolean,
): CheckSpec[] {
  if (selections.length === 0) return specs.filter((spec) => deep || !spec.deep);
  const unknown = selections.filter((selection) =>
    !specs.some((spec) => spec.id === selection || spec.group === selection)
  );
  if (unknown.length > 0) {
    const groups = [...new Set(specs.map((spec) => spec.group))];
    throw new SaseError("doctor.unknown_check", `unknown check or group: ${unknown.join(", ")}`, {
      hint: `groups: ${groups.join(", ")}; run \`sase doctor -L\` for every check id`,
      kind: "invalid-input",
    });
  }
  return specs.filter((spec) =>
    selections.includes(spec.id) || (selections.includes(spec.group) && (deep || !spec.deep))
  );
}

async function runOne(spec: CheckSpec, context: DoctorContext): Promise<CheckResult> {
  const started = performance.now();
  let outcome: CheckOutcome;
  try {
    outcome = await spec.run(context);
  } catch (error) {
    outcome = {
      status: "ERROR",
      summary: `check failed: ${error instanceof Error ? error.message : String(error)}`,
      nextSteps: [`Rerun \`SASE_DEBUG=1 sase doctor -C ${spec.id} -v\` and report the output.`],
    };
  }
  return {
    id: spec.id,
    group: spec.group,
    status: outcome.status,
    title: spec.title,
    summary: redact(outcome.summary) as string,
    details: redact(outcome.details ?? []) as string[],
    nextSteps: redact(outcome.nextSteps ?? []) as string[],
    data: redact(outcome.data ?? {}) as Record<string, unknown>,
    durationMs: Math.max(0, Math.round(performance.now() - started)),
  };
}

/** Run the selected checks (concurrently; they are independent) into a report. */
export async function runDoctor(
  context: DoctorContext,
  options: { selections?: readonly string[]; deep?: boolean; strict?: boolean } = {},
): Promise<DoctorReport> {
  const selections = options.selections ?? [];
  const deep = options.deep ?? false;
  const specs = selectChecks(allChecks(), selections, deep);
  const checks = await Promise.all(specs.map((spec) => runOne(spec, context)));
  return {
    status: aggregateStatus(checks),
    generatedAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    cwd: context.cwd,
    project: context.project,
    saseHome: context.saseHome,
    deep,
    strict: options.strict ?? false,
    selectedChecks: [...selections],
    counts: countStatuses(checks),
    checks,
  };
}
