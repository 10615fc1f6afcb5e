/**
 * The concrete policy one confined process runs under: which paths it may
 * write, which it may not read, which hosts it may reach and which
 * environment variables it gets. Built from the provider's own needs (the
 * provider catalog), the run's places (workspace, artifacts, a private temp
 * directory) and the `sandbox:` settings.
 *
 * What is withheld by default (README "Sandbox"): writes anywhere else;
 * reads of the usual credential stores, of `SASE_HOME` (other runs'
 * artifacts, the notification inbox, every store) except the run's own
 * directory and the `sase` shim, and of every other provider's state
 * (their login tokens); every host but the provider's API hosts; every
 * environment variable but the base set, the provider's own and sase's.
 *
 * @module
 */

import { listDirSync } from "../fs/list_dir.ts";
import { isAbsolute, join, resolve } from "../fs/path.ts";
import type { SandboxMode } from "../config/types.ts";
import { homeDir, saseHome } from "../config/paths.ts";
import type { Env } from "../env.ts";
import type { LlmProviderInfo } from "../provider.ts";
import type { ModeDecision } from "./mode.ts";
import type { SandboxRules, SandboxSettings } from "./settings.ts";

/** Credential stores no agent may read (under `HOME`). */
export const SECRET_PATHS: readonly string[] = [
  "~/.ssh",
  "~/.gnupg",
  "~/.aws",
  "~/.azure",
  "~/.config/gcloud",
  "~/.config/gh",
  "~/.kube",
  "~/.docker",
  "~/.netrc",
  "~/.git-credentials",
  "~/.npmrc",
  "~/.pypirc",
];

/**
 * Variables every confined process gets when they are set: where and who it
 * is, its locale and terminal, Deno's module cache and update-check switch
 * (sase itself and fakey run on Deno), and the git identity its commits carry.
 */
export const BASE_ENV: readonly string[] = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TERM",
  "COLORTERM",
  "TZ",
  "NO_COLOR",
  "DENO_DIR",
  "DENO_NO_UPDATE_CHECK",
  "XDG_CONFIG_HOME",
  "XDG_DATA_HOME",
  "XDG_STATE_HOME",
  "XDG_CACHE_HOME",
  "GIT_AUTHOR_NAME",
  "GIT_AUTHOR_EMAIL",
  "GIT_COMMITTER_NAME",
  "GIT_COMMITTER_EMAIL",
  "GIT_CONFIG_NOSYSTEM",
];

/** `LC_*` locale variables and sase's own `SASE_*` ones pass by prefix. */
const PASSING_PREFIXES = /^(LC_[A-Z]+|SASE_\w+)$/;

/** A `SASE_*` name that looks like a credential still does not pass by prefix. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|CREDENTIAL)/;

/** The policy of one confined process. */
export interface JailPolicy {
  mode: SandboxMode;
  /** Why this mode (see `ModeDecision.reason`). */
  reason: string;
  /** The provider whose CLI runs. */
  provider: string;
  /** Paths it may write. */
  write: string[];
  /** Paths it may not read (nor write). */
  denyRead: string[];
  /** Paths readable again inside denied areas. */
  allowRead: string[];
  /** Paths it may not write even inside writable areas. */
  denyWrite: string[];
  /** Hosts it may reach (jail mode; other modes do not restrict the network). */
  hosts: string[];
  /** Environment variables it gets, by name (besides `LC_*` and `SASE_*`). */
  env: string[];
  /** Its private temporary directory (`TMPDIR`). */
  tempDir: string;
  /** Its own state directories, created before it starts (the jail binds only what exists). */
  stateDirs: string[];
}

/** What a policy needs to know of the confined process's owner. */
export type SandboxScope = Pick<LlmProviderInfo, "name" | "sandbox">;

/** What {@linkcode jailPolicy} needs. */
export interface PolicyInput {
  settings: SandboxSettings;
  decision: ModeDecision;
  /**
   * Whose process it is: a provider's CLI, or a scope of sase's own
   * commands (`workflow` for workflow steps) that has no state or hosts of
   * its own. Its name keys `sandbox.providers.<name>`.
   */
  provider: SandboxScope;
  /** Every provider sase knows: their state is denied to the others. */
  providers: readonly SandboxScope[];
  /** The environment the process starts from (paths and `$NAME` state dirs resolve in it). */
  env: Env;
  /** The workspace (the process's working directory). */
  workspace: string;
  /** The run's artifact directory. */
  runDir: string;
  /** The private temporary directory. */
  tempDir: string;
  /** More directories it works in (linked workspaces it opened). */
  linked?: readonly string[];
  /**
   * The git metadata of the checkouts it writes (`<checkout>/.git`, a
   * directory or a worktree's pointer file; see {@linkcode gitMetadata}).
   */
  git?: readonly GitMetadata[];
}

/** A checkout's `.git`: a directory, or the pointer file of a worktree or submodule. */
export interface GitMetadata {
  path: string;
  directory: boolean;
  /**
   * The git directories of its submodules (`.git/modules/<name>`, nested
   * ones included): their hooks and config run code too, whenever git
   * recurses into a submodule (`git status` does).
   */
  modules?: string[];
}

/** How many directories deep under `.git/modules` submodules are looked for, and how many at most. */
const MODULE_DEPTH = 8;
const MAX_MODULES = 200;

/**
 * The submodule git directories under `dir` (a `modules` directory),
 * nested ones included. A directory holding `HEAD` is a git directory;
 * any other groups submodules named with slashes. Bounded in depth and
 * count: a checkout cannot make this walk long.
 */
function submoduleGitDirs(dir: string, depth = 1, found: string[] = []): string[] {
  if (depth > MODULE_DEPTH) return found;
  for (const entry of listDirSync(dir)) {
    if (!entry.isDirectory || found.length >= MAX_MODULES) continue;
    const child = join(dir, entry.name);
    let isGitDir = false;
    try {
      isGitDir = Deno.statSync(join(child, "HEAD")).isFile;
    } catch {
      // Not a git directory: a group of submodules, or nothing.
    }
    if (isGitDir) found.push(child);
    submoduleGitDirs(isGitDir ? join(child, "modules") : child, depth + 1, found);
  }
  return found;
}

/**
 * The `.git` of each of `dirs` that has one (with its submodules' git directories). sase runs git in the workspace
 * after the agent: a hook or a `core.fsmonitor` the agent planted there
 * would run outside the jail, so these stay read-only inside it.
 */
export async function gitMetadata(dirs: readonly string[]): Promise<GitMetadata[]> {
  const found = await Promise.all(dirs.map(async (dir) => {
    const path = join(dir, ".git");
    const info = await Deno.lstat(path).catch(() => undefined);
    if (!info || !(info.isDirectory || info.isFile)) return [];
    if (!info.isDirectory) return { path, directory: false };
    const modules = submoduleGitDirs(join(path, "modules")).sort();
    return modules.length ? { path, directory: true, modules } : { path, directory: true };
  }));
  return found.flat();
}

/** The paths of `git` kept read-only: a repository's (and its submodules') hooks and config, a worktree's pointer. */
function protectedGitPaths(git: readonly GitMetadata[]): string[] {
  return git.flatMap((meta) =>
    meta.directory
      ? [meta.path, ...meta.modules ?? []].flatMap((
        dir,
      ) => [join(dir, "hooks"), join(dir, "config")])
      : [meta.path]
  );
}

/**
 * A configured or catalogued path made absolute: `~/` under `HOME`, `$NAME/`
 * under that variable's directory (undefined when it is unset), anything
 * relative under the workspace.
 */
export function expandPath(path: string, env: Env, workspace: string): string | undefined {
  const trimmed = path.replace(/\/+$/, "") || "/";
  if (trimmed === "~" || trimmed.startsWith("~/")) return join(homeDir(env), trimmed.slice(1));
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)(\/.*)?$/.exec(trimmed);
  if (variable) {
    const base = env[variable[1]]?.trim();
    return base ? join(base, variable[2] ?? "") : undefined;
  }
  return isAbsolute(trimmed) ? trimmed : resolve(workspace, trimmed);
}

function expandAll(paths: readonly string[], env: Env, workspace: string): string[] {
  return paths.map((path) => expandPath(path, env, workspace))
    .filter((path): path is string => path !== undefined);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function combined(settings: SandboxSettings, provider: string): SandboxRules {
  const own = settings.providers[provider]?.rules;
  const pick = (key: keyof SandboxRules) => [...settings.rules[key], ...own?.[key] ?? []];
  return {
    read: pick("read"),
    write: pick("write"),
    deny: pick("deny"),
    hosts: pick("hosts"),
    env: pick("env"),
  };
}

/** The state paths of `provider` (its `sandbox.state`), expanded. */
export function statePaths(provider: SandboxScope, env: Env, workspace: string): string[] {
  return expandAll(provider.sandbox?.state ?? [], env, workspace);
}

/** Build the policy of one confined process. */
export function jailPolicy(input: PolicyInput): JailPolicy {
  const { env, workspace, provider } = input;
  const rules = combined(input.settings, provider.name);
  const own = statePaths(provider, env, workspace);
  const others = input.providers.filter((info) => info.name !== provider.name)
    .flatMap((info) => statePaths(info, env, workspace))
    .filter((path) => !own.includes(path));
  const write = unique([
    workspace,
    input.runDir,
    input.tempDir,
    ...own,
    ...input.linked ?? [],
    ...expandAll(rules.write, env, workspace),
  ]);
  const deny = expandAll(rules.deny, env, workspace);
  const state = saseHome(env);
  return {
    mode: input.decision.mode,
    reason: input.decision.reason,
    provider: provider.name,
    write,
    denyRead: unique([
      ...expandAll(SECRET_PATHS, env, workspace),
      state,
      ...others,
      ...deny,
    ]),
    // Whatever it may write it may read, even inside a denied area (the run
    // directory lives in SASE_HOME); the shim directory holds `sase` itself.
    allowRead: unique([
      ...write,
      join(state, "bin"),
      ...expandAll(rules.read, env, workspace),
    ]),
    denyWrite: unique([...deny, ...protectedGitPaths(input.git ?? [])]),
    hosts: unique([...provider.sandbox?.hosts ?? [], ...rules.hosts]),
    env: unique([...BASE_ENV, ...provider.sandbox?.env ?? [], ...rules.env]),
    tempDir: input.tempDir,
    stateDirs: expandAll(
      (provider.sandbox?.state ?? []).filter((entry) => entry.endsWith("/")),
      env,
      workspace,
    ),
  };
}

/**
 * The environment a confined process gets: the policy's names, `LC_*` and
 * `SASE_*` (but no credential-looking `SASE_*`), and the variables sase set
 * for this run (`runEnv`, by name). Never the whole parent environment.
 */
export function confinedEnv(
  env: Readonly<Record<string, string>>,
  policy: Pick<JailPolicy, "env" | "tempDir">,
  runEnv: readonly string[] = [],
): Record<string, string> {
  const names = new Set([...policy.env, ...runEnv]);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const byPrefix = PASSING_PREFIXES.test(name) && !SECRET_NAME.test(name);
    if (names.has(name) || byPrefix) result[name] = value;
  }
  result.TMPDIR = policy.tempDir;
  return result;
}
