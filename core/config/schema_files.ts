/**
 * JSON Schema files for editors and linters (`sase path config-schema`).
 *
 * The schemas are generated from the zod schemas, so they can never drift
 * from what sase validates. They are written under the state root on demand
 * because a compiled binary has no real file an editor could point at.
 *
 * @module
 */

import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { join } from "../fs/path.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { importOnDemand } from "../on_demand.ts";

/** A schema `sase path` can materialize. */
export interface SchemaSource {
  /** The `sase path` name. */
  name: string;
  /** File name under `<SASE_HOME>/schemas/`. */
  file: string;
  /** Builds the JSON Schema document. */
  build(): Promise<Record<string, unknown>>;
}

/** Every schema sase publishes. */
export const SCHEMA_SOURCES: readonly SchemaSource[] = [
  {
    name: "config-schema",
    file: "sase.schema.json",
    async build() {
      const { z } = await import("zod");
      const { ConfigSchema } = await importOnDemand<typeof import("./schema.ts")>(
        "./schema.ts",
        import.meta.url,
      );
      return {
        ...z.toJSONSchema(ConfigSchema, { unrepresentable: "any", io: "input" }),
        title: "sase configuration (sase.yml)",
      };
    },
  },
];

/** Write the schema file if missing or stale; returns its path. */
export async function materializeSchema(source: SchemaSource, saseHome: string): Promise<string> {
  const path = join(saseHome, "schemas", source.file);
  const text = JSON.stringify(await source.build(), null, 2) + "\n";
  const current = await readTextBounded(path, READ_LIMITS.record).catch(() => null);
  if (current !== text) await atomicWriteTextFile(path, text);
  return path;
}
