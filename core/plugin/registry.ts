/**
 * The plugin registry: entries of the six groups, each loaded on first use,
 * and the two ways of calling them (handbook 20.5): `firstResult` asks the
 * entries in registration order and stops at the first that answers (how a
 * provider is picked for a name), `collectAll` gathers every entry's answer
 * (how listings and resource directories are built).
 *
 * Built-ins register first, then each configured plugin in configuration
 * order, so a built-in answers a `firstResult` before a plugin of the same
 * name could. An entry that fails to load is recorded in `failures` and
 * skipped: a broken plugin never stops sase.
 *
 * @module
 */

import type { PluginGroup, PluginGroupValues } from "./groups.ts";

/** The plugin name of sase's own entries. */
export const BUILTIN_PLUGIN = "sase";

/** One registered entry of `group`, loaded on first use. */
export interface PluginEntry<G extends PluginGroup = PluginGroup> {
  group: G;
  /** The entry's name within its group (a provider name, a plugin name). */
  name: string;
  /** The plugin that registered it ({@linkcode BUILTIN_PLUGIN} for sase's own). */
  plugin: string;
  /** Where the plugin came from: `builtin` or its module specifier. */
  source: string;
  load(): Promise<PluginGroupValues[G]>;
}

/** A plugin, or one of its entries, that could not be loaded. */
export interface PluginFailure {
  /** The plugin's name when known, otherwise its specifier. */
  plugin: string;
  source: string;
  /** The group whose entry failed; absent when the module itself failed. */
  group?: PluginGroup;
  message: string;
}

/** The registry of one process. */
export class PluginRegistry {
  readonly #entries: PluginEntry[] = [];
  readonly #loaded = new Map<PluginEntry, Promise<unknown>>();
  readonly #failures: PluginFailure[] = [];

  /** Add an entry (after every entry registered before it). */
  register<G extends PluginGroup>(entry: PluginEntry<G>): void {
    this.#entries.push(entry as unknown as PluginEntry);
  }

  /** Record a plugin that could not be loaded at all. */
  fail(failure: PluginFailure): void {
    this.#failures.push(failure);
  }

  /** The entries of `group`, in registration order. */
  entries<G extends PluginGroup>(group: G): PluginEntry<G>[] {
    return this.#entries.filter((entry) => entry.group === group) as unknown as PluginEntry<G>[];
  }

  /** Every failure so far (modules that failed to import, entries that failed to load). */
  failures(): readonly PluginFailure[] {
    return this.#failures;
  }

  /** `entry`'s value, loaded once; `undefined` (and a recorded failure) when loading throws. */
  async #value<G extends PluginGroup>(
    entry: PluginEntry<G>,
  ): Promise<PluginGroupValues[G] | undefined> {
    let loading = this.#loaded.get(entry as unknown as PluginEntry);
    if (!loading) {
      loading = entry.load().catch((error) => {
        this.#failures.push({
          plugin: entry.plugin,
          source: entry.source,
          group: entry.group,
          message: error instanceof Error ? error.message : String(error),
        });
        return undefined;
      });
      this.#loaded.set(entry as unknown as PluginEntry, loading);
    }
    return await loading as PluginGroupValues[G] | undefined;
  }

  /**
   * Ask `group`'s entries in order; the first answer that is not `undefined`
   * wins and later entries are not loaded.
   */
  async firstResult<G extends PluginGroup, R>(
    group: G,
    call: (value: PluginGroupValues[G], entry: PluginEntry<G>) => R | undefined,
  ): Promise<R | undefined> {
    for (const entry of this.entries(group)) {
      const value = await this.#value(entry);
      if (value === undefined) continue;
      const answer = call(value, entry);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }

  /** Every answer of `group`'s entries that is not `undefined`, in order (all are loaded, together). */
  async collectAll<G extends PluginGroup, R>(
    group: G,
    call: (value: PluginGroupValues[G], entry: PluginEntry<G>) => R | undefined,
  ): Promise<R[]> {
    const entries = this.entries(group);
    const values = await Promise.all(entries.map((entry) => this.#value(entry)));
    const answers: R[] = [];
    values.forEach((value, index) => {
      if (value === undefined) return;
      const answer = call(value, entries[index]);
      if (answer !== undefined) answers.push(answer);
    });
    return answers;
  }
}
