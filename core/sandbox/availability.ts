/**
 * Whether the OS-level jail works on this machine: the platform is one the
 * jail supports, the programs it runs exist, and (on Linux) bubblewrap can
 * really create the namespaces it needs, which some containers and kernels
 * forbid. The namespace probe spawns bubblewrap once; its answer is kept in
 * `SASE_HOME/cache/jail.json` until bubblewrap, the kernel or the user
 * changes, so a launch pays for a small file read (and a few `stat`s, made
 * without yielding to the module loading a launch does meanwhile).
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { Env } from "../env.ts";
import { saseHome } from "../config/paths.ts";
import { whichSync } from "../fs/which.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonObjectSync } from "../fs/json_object.ts";

/** What the jail needs that this machine lacks, in words a user can act on. */
export interface JailAvailability {
  available: boolean;
  /** `linux`, `darwin`, ... */
  platform: string;
  /** Each missing piece with how to get it (empty when available). */
  missing: string[];
}

/** The programs the jail runs on Linux, and the Debian package holding each. */
const LINUX_PROGRAMS: readonly { command: string; apt: string }[] = [
  { command: "bwrap", apt: "bubblewrap" },
  { command: "socat", apt: "socat" },
  { command: "rg", apt: "ripgrep" },
];

/** The namespaces the jail creates, tried once with bubblewrap itself. */
const PROBE_ARGS = [
  "--unshare-user",
  "--unshare-pid",
  "--unshare-net",
  "--die-with-parent",
  "--ro-bind",
  "/",
  "/",
  "--dev",
  "/dev",
  "--proc",
  "/proc",
  "--",
  "/bin/true",
];

const CACHE_VERSION = 1;

/**
 * Looked up without yielding: a launch checks this while it loads its
 * modules, and every await would wait behind that.
 */
function missingPrograms(
  env: Env,
  programs: readonly { command: string; apt: string }[],
): { found: Map<string, string>; missing: string[] } {
  const found = new Map<string, string>();
  const missing: string[] = [];
  for (const program of programs) {
    const path = whichSync(program.command, env.PATH);
    if (path) found.set(program.command, path);
    else missing.push(`${program.command} not found on PATH (apt-get install ${program.apt})`);
  }
  return { found, missing };
}

/** Why bubblewrap cannot build the jail here, or undefined when it can. */
async function probeNamespaces(bwrap: string): Promise<string | undefined> {
  try {
    const result = await new Deno.Command(bwrap, {
      args: PROBE_ARGS,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    if (result.success) return undefined;
    const said = new TextDecoder().decode(result.stderr).trim().split("\n")[0] ?? "";
    return `bubblewrap cannot create user, pid and network namespaces here` +
      (said ? ` (${said})` : "") +
      "; allow unprivileged user namespaces (kernel.unprivileged_userns_clone=1, " +
      "or kernel.apparmor_restrict_unprivileged_userns=0 on Ubuntu 24.04+)";
  } catch (error) {
    return `cannot run ${bwrap}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The probe's answer for this bubblewrap, kernel and user, cached on disk. */
async function cachedProbe(env: Env, bwrap: string): Promise<string | undefined> {
  let stat: Deno.FileInfo | undefined;
  try {
    stat = Deno.statSync(bwrap);
  } catch {
    // Gone: the key changes, and the probe says why bubblewrap cannot run.
  }
  const key = [bwrap, stat?.mtime?.getTime() ?? 0, stat?.size ?? 0, Deno.osRelease(), Deno.uid()]
    .join("|");
  const path = join(saseHome(env), "cache", "jail.json");
  const cached = readJsonObjectSync(path);
  if (cached?.version === CACHE_VERSION && cached.key === key) {
    return typeof cached.problem === "string" ? cached.problem : undefined;
  }
  const problem = await probeNamespaces(bwrap);
  // Best effort: an unwritable SASE_HOME only means probing again next time.
  await atomicWriteJson(path, { version: CACHE_VERSION, key, problem: problem ?? null })
    .catch(() => {});
  return problem;
}

/**
 * Whether the jail works here. `fresh` probes again instead of trusting
 * the cached answer (`sase doctor` does).
 */
export async function jailAvailability(
  env: Env,
  options: { fresh?: boolean } = {},
): Promise<JailAvailability> {
  const platform = Deno.build.os;
  if (platform === "linux") {
    const { found, missing } = missingPrograms(env, LINUX_PROGRAMS);
    const bwrap = found.get("bwrap");
    if (bwrap) {
      const problem = options.fresh ? await probeNamespaces(bwrap) : await cachedProbe(env, bwrap);
      if (problem) missing.push(problem);
    }
    return { available: missing.length === 0, platform, missing };
  }
  if (platform === "darwin") {
    const { missing } = missingPrograms(env, [{ command: "rg", apt: "ripgrep" }]);
    if (!whichSync("/usr/bin/sandbox-exec", undefined)) {
      missing.push("/usr/bin/sandbox-exec not found (it ships with macOS)");
    }
    return {
      available: missing.length === 0,
      platform,
      missing: missing.map((text) => text.replace("apt-get install", "brew install")),
    };
  }
  return {
    available: false,
    platform,
    missing: [`the jail supports Linux and macOS, not ${platform}`],
  };
}
