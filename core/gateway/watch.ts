/**
 * Changes made outside the gateway (the CLI, ACE, agents, axe) reach the
 * phone too: the notification store and the agent index are watched, and a
 * change publishes `notifications_changed` / `agents_changed` with reason
 * `external_change`. Bursts are coalesced ({@linkcode DEBOUNCE_MS}), and a
 * change the gateway itself just made (it acknowledges the file's version
 * after writing) is not announced twice.
 *
 * @module
 */

import { basename, dirname } from "../fs/path.ts";

/** Quiet time before a burst of file events is announced. */
export const DEBOUNCE_MS = 75;

/** A file whose changes are announced. */
export interface WatchedFile {
  path: string;
  /** Also matches companion files (`<name>-wal`, `<name>-journal`). */
  companions?: boolean;
  onChange: () => void;
}

function stampOf(path: string): string {
  try {
    const info = Deno.statSync(path);
    return `${info.ino}:${info.size}:${info.mtime?.getTime()}`;
  } catch {
    return "missing";
  }
}

/** Watches the directories of some files and calls back when one changes. */
export class FileChangeWatcher {
  #watchers: Deno.FsWatcher[] = [];
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #known = new Map<string, string>();
  #files: WatchedFile[];

  constructor(files: WatchedFile[]) {
    this.#files = files;
  }

  /** Start watching (each file's directory is created when missing). */
  start(): void {
    const dirs = new Set(this.#files.map((file) => dirname(file.path)));
    for (const file of this.#files) this.#known.set(file.path, this.#stampFor(file));
    for (const dir of dirs) {
      Deno.mkdirSync(dir, { recursive: true });
      const watcher = Deno.watchFs(dir, { recursive: false });
      this.#watchers.push(watcher);
      this.#pump(watcher);
    }
  }

  async #pump(watcher: Deno.FsWatcher): Promise<void> {
    try {
      for await (const event of watcher) {
        for (const file of this.#files) {
          if (event.paths.some((path) => this.#matches(file, path))) this.#schedule(file);
        }
      }
    } catch {
      // Closed.
    }
  }

  #matches(file: WatchedFile, path: string): boolean {
    if (dirname(path) !== dirname(file.path)) return false;
    const name = basename(path);
    const target = basename(file.path);
    return name === target || (file.companions === true && name.startsWith(`${target}-`));
  }

  #stampFor(file: WatchedFile): string {
    const stamps = [stampOf(file.path)];
    if (file.companions) stamps.push(stampOf(`${file.path}-wal`));
    return stamps.join("|");
  }

  #schedule(file: WatchedFile): void {
    clearTimeout(this.#timers.get(file.path));
    this.#timers.set(
      file.path,
      setTimeout(() => {
        this.#timers.delete(file.path);
        const stamp = this.#stampFor(file);
        if (stamp === this.#known.get(file.path)) return;
        this.#known.set(file.path, stamp);
        file.onChange();
      }, DEBOUNCE_MS),
    );
  }

  /** The gateway changed `path` itself and announced it: its current version is known. */
  acknowledge(path: string): void {
    const file = this.#files.find((item) => item.path === path);
    if (file) this.#known.set(path, this.#stampFor(file));
  }

  /** Stop watching. */
  close(): void {
    for (const watcher of this.#watchers) {
      try {
        watcher.close();
      } catch {
        // Already closed.
      }
    }
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
