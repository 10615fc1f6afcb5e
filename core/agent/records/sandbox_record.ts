/**
 * The sandbox a run had, kept in its artifact directory as `sandbox.json`
 * (`sase agent show` prints it): the mode and why, what the agent could
 * write, read, reach and see, and what the jail denied it. `null` means
 * "not restricted" in that mode. The runner rewrites the file after every
 * attempt, so what an agent might write there itself does not last.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { SandboxMode } from "../../config/types.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { readJsonObjectSync } from "../../fs/json_object.ts";
import type { JailPolicy } from "../../sandbox/policy.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "./artifacts.ts";

/** The sandbox of one run. */
export interface RunSandbox {
  mode: SandboxMode;
  reason: string;
  provider: string;
  /** Writable paths; null: anywhere the user can write. */
  write: string[] | null;
  /** Unreadable paths; null: nothing is hidden. */
  denyRead: string[] | null;
  /** Paths readable again inside denied ones. */
  allowRead: string[] | null;
  /** Paths unwritable inside writable ones. */
  denyWrite: string[] | null;
  /** Reachable hosts; null: any host. */
  hosts: string[] | null;
  /** Environment variables passed by name (plus `LC_*`, `SASE_*`); null: the whole environment. */
  env: string[] | null;
  /** What the jail denied, one line each. */
  violations: string[];
}

/** `sandbox.json` as written (snake_case, like every run record). */
export interface SandboxRecordFile {
  schema_version: 1;
  mode: SandboxMode;
  reason: string;
  provider: string;
  write: string[] | null;
  deny_read: string[] | null;
  allow_read: string[] | null;
  deny_write: string[] | null;
  hosts: string[] | null;
  env: string[] | null;
  violations: string[];
}

/** The sandbox of a run under `policy` (or of an unconfined one, in `off` mode). */
export function runSandbox(
  policy: JailPolicy | { mode: "off"; reason: string; provider: string },
  violations: readonly string[] = [],
): RunSandbox {
  const jailed = policy.mode === "jail";
  return {
    mode: policy.mode,
    reason: policy.reason,
    provider: policy.provider,
    write: jailed ? policy.write : null,
    denyRead: jailed ? policy.denyRead : null,
    allowRead: jailed ? policy.allowRead : null,
    denyWrite: jailed ? policy.denyWrite : null,
    hosts: jailed ? policy.hosts : null,
    env: "env" in policy ? policy.env : null,
    violations: [...violations],
  };
}

/** The file form of `sandbox`. */
export function sandboxRecordFile(sandbox: RunSandbox): SandboxRecordFile {
  return {
    schema_version: 1,
    mode: sandbox.mode,
    reason: sandbox.reason,
    provider: sandbox.provider,
    write: sandbox.write,
    deny_read: sandbox.denyRead,
    allow_read: sandbox.allowRead,
    deny_write: sandbox.denyWrite,
    hosts: sandbox.hosts,
    env: sandbox.env,
    violations: sandbox.violations,
  };
}

/** Record `sandbox` for the run in `dir`, keeping the violations earlier attempts recorded. */
export async function writeRunSandbox(dir: string, sandbox: RunSandbox): Promise<void> {
  const earlier = readRunSandbox(dir)?.violations ?? [];
  const violations = [...new Set([...earlier, ...sandbox.violations])];
  await atomicWriteJson(
    join(dir, ARTIFACT_FILES.sandbox),
    sandboxRecordFile({ ...sandbox, violations }),
    { mode: PRIVATE_FILE_MODE },
  );
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : null;
}

/** The sandbox of the run in `dir`, or null when it recorded none (or an unreadable one). */
export function readRunSandbox(dir: string): RunSandbox | null {
  const raw = readJsonObjectSync(join(dir, ARTIFACT_FILES.sandbox));
  const mode = raw?.mode;
  if (!raw || (mode !== "jail" && mode !== "permissions" && mode !== "off")) return null;
  return {
    mode,
    reason: typeof raw.reason === "string" ? raw.reason : "",
    provider: typeof raw.provider === "string" ? raw.provider : "",
    write: strings(raw.write),
    denyRead: strings(raw.deny_read),
    allowRead: strings(raw.allow_read),
    denyWrite: strings(raw.deny_write),
    hosts: strings(raw.hosts),
    env: strings(raw.env),
    violations: strings(raw.violations) ?? [],
  };
}
