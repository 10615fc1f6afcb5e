/**
 * The sandbox a run had, kept in its artifact directory as `sandbox.json`
 * (`sase agent show` prints it): the mode and why, what the agent could
 * write, read, reach and see, and what the jail denied it. `null` means
 * "not restricted" in that mode. The runner rewrites the file after every
 * attempt, so what an agent might write there itself does not last.
 *
 * @module
 */

import { join } from "node:path";
import type { SandboxMode } from "../../config/types.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { readJsonObjectSync } from "../../fs/json_object.ts";
import type { JailPolicy } from "../../sandbox/policy.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "./artifacts.ts";

/** `sandbox.json` (snake_case: it is a file other tools read, and the `-j` wire form). */
export interface SandboxRecord {
  schema_version: 1;
  mode: SandboxMode;
  reason: string;
  provider: string;
  /** Writable paths; null: anywhere the user can write. */
  write: string[] | null;
  /** Unreadable paths; null: nothing is hidden. */
  deny_read: string[] | null;
  /** Paths readable again inside denied ones. */
  allow_read: string[] | null;
  /** Paths unwritable inside writable ones. */
  deny_write: string[] | null;
  /** Reachable hosts; null: any host. */
  hosts: string[] | null;
  /** Environment variables passed by name (plus `LC_*`, `SASE_*`); null: the whole environment. */
  env: string[] | null;
  /** What the jail denied, one line each. */
  violations: string[];
}

/** The record of a run under `policy` (or of an unconfined one, in `off` mode). */
export function sandboxRecord(
  policy: JailPolicy | { mode: "off"; reason: string; provider: string },
  violations: readonly string[] = [],
): SandboxRecord {
  const jailed = policy.mode === "jail";
  const filtered = "env" in policy ? policy.env : null;
  return {
    schema_version: 1,
    mode: policy.mode,
    reason: policy.reason,
    provider: policy.provider,
    write: jailed ? policy.write : null,
    deny_read: jailed ? policy.denyRead : null,
    allow_read: jailed ? policy.allowRead : null,
    deny_write: jailed ? policy.denyWrite : null,
    hosts: jailed ? policy.hosts : null,
    env: filtered,
    violations: [...violations],
  };
}

/** Write `record` into the run directory `dir`, keeping violations earlier attempts recorded. */
export async function writeSandboxRecord(dir: string, record: SandboxRecord): Promise<void> {
  const earlier = readSandboxRecord(dir)?.violations ?? [];
  await atomicWriteJson(
    join(dir, ARTIFACT_FILES.sandbox),
    { ...record, violations: [...new Set([...earlier, ...record.violations])] },
    { mode: PRIVATE_FILE_MODE },
  );
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : null;
}

/** The record of the run in `dir`, or null when it has none (or an unreadable one). */
export function readSandboxRecord(dir: string): SandboxRecord | null {
  const raw = readJsonObjectSync(join(dir, ARTIFACT_FILES.sandbox));
  const mode = raw?.mode;
  if (!raw || (mode !== "jail" && mode !== "permissions" && mode !== "off")) return null;
  return {
    schema_version: 1,
    mode,
    reason: typeof raw.reason === "string" ? raw.reason : "",
    provider: typeof raw.provider === "string" ? raw.provider : "",
    write: strings(raw.write),
    deny_read: strings(raw.deny_read),
    allow_read: strings(raw.allow_read),
    deny_write: strings(raw.deny_write),
    hosts: strings(raw.hosts),
    env: strings(raw.env),
    violations: strings(raw.violations) ?? [],
  };
}
