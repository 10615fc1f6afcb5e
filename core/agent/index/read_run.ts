/**
 * Reading one run directory for the index: the stamps of the files that
 * decide its record (cheap, used to tell whether a row is stale) and, when it
 * is, the files themselves.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { READ_LIMITS, readTextEdgeSync, readTextOrNullSync } from "../../fs/bounded_read.ts";
import { ARTIFACT_FILES } from "../records/artifacts.ts";
import type { RunLocation } from "./layout.ts";
import { type FileStamp, type RunFiles, SIGNATURE_FILES } from "./record.ts";

const PROMPT_HEAD_BYTES = 1024;
const RECORD = READ_LIMITS.record;

function stampOf(path: string): FileStamp {
  try {
    const info = Deno.statSync(path);
    return { mtimeMs: info.mtime?.getTime() ?? 0, size: info.size };
  } catch {
    return null;
  }
}

/** Stamps of the signature files of `dir`. */
export function readStamps(dir: string): FileStamp[] {
  return SIGNATURE_FILES.map((file) => stampOf(join(dir, file)));
}

/** Everything the record of `location` is built from. */
export function readRunFiles(location: RunLocation): RunFiles {
  const stamps = readStamps(location.dir);
  return {
    stamps,
    meta: stamps[0] ? readTextOrNullSync(join(location.dir, ARTIFACT_FILES.meta), RECORD) : null,
    done: stamps[1] ? readTextOrNullSync(join(location.dir, ARTIFACT_FILES.done), RECORD) : null,
    promptHead: readTextEdgeSync(
      join(location.dir, ARTIFACT_FILES.rawPrompt),
      "head",
      PROMPT_HEAD_BYTES,
    ),
  };
}
