/**
 * A throwaway home for a test: temp `HOME`, `SASE_HOME` and `XDG_*`
 * directories, so no test ever reads or writes the real home directory.
 *
 * @module
 */

import { join } from "node:path";

/** Paths and environment of a sandboxed home. */
export interface Sandbox extends AsyncDisposable {
  /** Root temp directory holding everything below. */
  root: string;
  /** The fake `HOME`. */
  home: string;
  /** The fake `SASE_HOME` (state root). */
  saseHome: string;
  /** `~/.config/sase` inside the fake home. */
  configDir: string;
  /** A scratch working directory for the command under test. */
  cwd: string;
  /** Environment variables pointing every location into the sandbox. */
  env: Record<string, string>;
  /** Write a file relative to `root` (parents created). */
  write(relative: string, text: string): Promise<string>;
}

/** Deno's cache directory for the real user running the tests. */
function realDenoDir(): string {
  const explicit = Deno.env.get("DENO_DIR");
  if (explicit) return explicit;
  const xdgCache = Deno.env.get("XDG_CACHE_HOME");
  if (xdgCache) return join(xdgCache, "deno");
  return join(Deno.env.get("HOME") ?? "/root", ".cache", "deno");
}

/** Create a sandbox; dispose it (`await using`) to delete it. */
export async function makeSandbox(): Promise<Sandbox> {
  const root = await Deno.makeTempDir({ prefix: "sase-test-" });
  const home = join(root, "home");
  const saseHome = join(home, ".sase");
  const configDir = join(home, ".config", "sase");
  const cwd = join(root, "work");
  for (const dir of [home, saseHome, configDir, cwd]) await Deno.mkdir(dir, { recursive: true });
  const env: Record<string, string> = {
    HOME: home,
    SASE_HOME: saseHome,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    XDG_DATA_HOME: join(home, ".local", "share"),
    XDG_CACHE_HOME: join(home, ".cache"),
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    // The fake HOME must not move Deno's module cache, or every child would
    // re-download its npm packages.
    DENO_DIR: realDenoDir(),
    NO_COLOR: "1",
    GIT_AUTHOR_NAME: "Sase Test",
    GIT_AUTHOR_EMAIL: "test@example.invalid",
    GIT_COMMITTER_NAME: "Sase Test",
    GIT_COMMITTER_EMAIL: "test@example.invalid",
    GIT_CONFIG_NOSYSTEM: "1",
  };
  return {
    root,
    home,
    saseHome,
    configDir,
    cwd,
    env,
    async write(relative: string, text: string) {
      const path = join(root, relative);
      await Deno.mkdir(join(path, ".."), { recursive: true });
      await Deno.writeTextFile(path, text);
      return path;
    },
    async [Symbol.asyncDispose]() {
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
  };
}
