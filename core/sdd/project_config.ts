/**
 * Opting a project into version-controlled SDD: setting
 * `sdd.version_controlled: true` in the project-local `sase.yml` through the
 * YAML document model, so the user's comments and layout survive.
 *
 * @module
 */

import type { Document } from "../yaml/lib.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { importOnDemand } from "../on_demand.ts";

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readTextBounded(path, READ_LIMITS.config);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/**
 * The block `enableVersionControlled` writes (`sdd:` then an indented
 * `version_controlled: true`), recognised without loading the YAML parser:
 * every claim of a bare-git workspace asks, and the answer is almost always
 * this. Anything else is parsed properly.
 */
const WRITTEN_BY_SASE = /^sdd:[ \t]*\r?\n[ \t]+version_controlled:[ \t]*true[ \t]*\r?$/m;

async function parse(path: string, text: string): Promise<Document> {
  const { isMap, parseDocument } = await importOnDemand<typeof import("../yaml/lib.ts")>(
    "../yaml/lib.ts",
    import.meta.url,
  );
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new SaseError(
      "sdd.config",
      `${path}: invalid YAML: ${doc.errors[0].message.split("\n")[0]}`,
      {
        hint: `fix ${path} and rerun \`sase sdd init\``,
        kind: "invalid-data",
      },
    );
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new SaseError("sdd.config", `${path}: the top level must be a mapping`, {
      hint: "write `key: value` lines at the top level",
      kind: "invalid-data",
    });
  }
  return doc;
}

/** Whether `sase.yml` at `path` already sets `sdd.version_controlled: true`. */
export async function versionControlledEnabled(path: string): Promise<boolean> {
  const text = await readIfExists(path);
  if (text === null) return false;
  if (WRITTEN_BY_SASE.test(text)) return true;
  return (await parse(path, text)).getIn(["sdd", "version_controlled"]) === true;
}

/** Set `sdd.version_controlled: true` in `path` (created if missing); true when it changed. */
export async function enableVersionControlled(path: string): Promise<boolean> {
  const text = await readIfExists(path);
  const doc = await parse(path, text ?? "");
  if (doc.getIn(["sdd", "version_controlled"]) === true) return false;
  const sdd = doc.get("sdd");
  const { isMap } = await importOnDemand<typeof import("../yaml/lib.ts")>(
    "../yaml/lib.ts",
    import.meta.url,
  );
  if (sdd !== undefined && sdd !== null && !isMap(sdd)) {
    throw new SaseError("sdd.config", `${path}: \`sdd\` must be a mapping`, {
      hint: "replace it with `sdd:\\n  version_controlled: true`",
      kind: "invalid-data",
    });
  }
  if (sdd === null) doc.delete("sdd");
  doc.setIn(["sdd", "version_controlled"], true);
  await atomicWriteTextFile(path, doc.toString());
  return true;
}
