/**
 * A real checkout for the ChangeSpec VCS operation tests: a temp home, a
 * bare `origin` with a clone, a ProjectSpec `proj` in `SASE_HOME`, and an
 * application context whose clock is pinned (TIMESTAMPS lines are exact).
 *
 * @module
 */

import { join } from "node:path";
import { createAppContext } from "../../../../core/context.ts";
import type { AppContext } from "../../../../core/context.ts";
import { BUILTIN_PROVIDER_SET } from "../../../../entries/context.ts";
import { git, makeRepoWithOrigin } from "../../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../../_helpers/sandbox.ts";

/** 2026-01-02 03:04:05 local time, written `260102_030405`. */
export const NOW = new Date(2026, 0, 2, 3, 4, 5);
/** {@linkcode NOW} as TIMESTAMPS write it. */
export const STAMP = "260102_030405";

/** The checkout, its origin and the project files. */
export interface OpsRepo extends AsyncDisposable {
  sb: Sandbox;
  work: string;
  origin: string;
  /** `SASE_HOME/projects/proj/proj.sase`. */
  active: string;
  /** `SASE_HOME/projects/proj/proj-archive.sase`. */
  archive: string;
  /** A context working in the checkout, clock at {@linkcode NOW}; warnings collected. */
  app: AppContext;
  warnings: string[];
  /** Run git in the checkout. */
  git(...args: string[]): Promise<string>;
  /** Commit `files` on the current branch with `message`. */
  commit(message: string, files: Record<string, string>): Promise<string>;
  /** Write the active ProjectSpec. */
  writeSpecs(text: string): Promise<void>;
  /** The active ProjectSpec's text. */
  activeText(): Promise<string>;
  /** The archive ProjectSpec's text ("" when missing). */
  archiveText(): Promise<string>;
}

/**
 * A sandbox, a checkout of a bare origin holding `files` on main, and
 * project `proj`; `env` adds variables (e.g. `SASE_VCS_PROVIDER`).
 */
export async function opsRepo(
  files: Record<string, string> = { "README.md": "# test\n" },
  env: Record<string, string> = {},
): Promise<OpsRepo> {
  const sb = await makeSandbox();
  Object.assign(sb.env, env);
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env, files);
  const dir = join(sb.saseHome, "projects", "proj");
  await Deno.mkdir(dir, { recursive: true });
  const active = join(dir, "proj.sase");
  const archive = join(dir, "proj-archive.sase");
  const warnings: string[] = [];
  const app = createAppContext({
    env: sb.env,
    cwd: work,
    providers: BUILTIN_PROVIDER_SET,
    warn: (message) => warnings.push(message),
    now: () => NOW,
  });
  const run = (...args: string[]) => git(work, sb.env, ...args);
  return {
    sb,
    work,
    origin,
    active,
    archive,
    app,
    warnings,
    git: run,
    async commit(message, contents) {
      for (const [name, text] of Object.entries(contents)) {
        await Deno.mkdir(join(work, name, ".."), { recursive: true });
        await Deno.writeTextFile(join(work, name), text);
      }
      await run("add", "-A");
      await run("commit", "-q", "-m", message);
      return (await run("rev-parse", "HEAD")).trim();
    },
    writeSpecs: (text) => Deno.writeTextFile(active, text),
    activeText: () => Deno.readTextFile(active),
    archiveText: () => Deno.readTextFile(archive).catch(() => ""),
    [Symbol.asyncDispose]: () => sb[Symbol.asyncDispose](),
  };
}

/** Whether `ref` names a branch (or tag) in `dir`. */
export async function refExists(repo: OpsRepo, dir: string, ref: string): Promise<boolean> {
  try {
    await git(dir, repo.sb.env, "rev-parse", "--verify", "--quiet", ref);
    return true;
  } catch {
    return false;
  }
}

/**
 * A `gh` stand-in on the sandbox's PATH: appends its argv (one JSON array a
 * line) to `gh.log`; `pr create` prints a PR URL and remembers it, so later
 * `pr view --json url|number` answer with it (before: "no pull requests").
 * Returns a reader of the logged calls.
 */
export async function fakeGh(sb: Sandbox): Promise<() => Promise<string[][]>> {
  const bin = join(sb.root, "bin");
  const log = join(sb.root, "gh.log");
  const state = join(sb.root, "gh_pr");
  await Deno.mkdir(bin, { recursive: true });
  await Deno.writeTextFile(
    join(bin, "gh"),
    `#!/bin/sh
python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@" >> "${log}"
if [ "$1 $2" = "pr create" ]; then echo 7 > "${state}"; echo "https://github.com/o/r/pull/7"; exit 0; fi
if [ "$1 $2" = "pr view" ]; then
  if [ ! -f "${state}" ]; then echo 'no pull requests found for branch' >&2; exit 1; fi
  case "$*" in
    *number*) echo 7 ;;
    *) echo "https://github.com/o/r/pull/7" ;;
  esac
  exit 0
fi
exit 0
`,
  );
  await Deno.chmod(join(bin, "gh"), 0o755);
  sb.env.PATH = `${bin}:${sb.env.PATH}`;
  return async () =>
    (await Deno.readTextFile(log).catch(() => "")).split("\n").filter(Boolean).map((line) =>
      JSON.parse(line) as string[]
    );
}
