/**
 * Reading a YAML config file while remembering where each key came from, so
 * errors can name the file, the line and the key path.
 *
 * @module
 */

import { isMap, isScalar, isSeq } from "../yaml/lib.ts";
import { SaseError } from "../errors.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { type ConfigObject, isConfigObject } from "./merge.ts";
import { parseYamlText } from "../yaml/untrusted.ts";

/** A parsed config file: its value and a way to locate key paths in it. */
export interface YamlConfigFile {
  path: string;
  value: ConfigObject | null;
  /** 1-based line of the node at `keyPath`, if the file has it. */
  lineOf(keyPath: readonly (string | number)[]): number | undefined;
}

/**
 * Parse YAML `text` that came from `path`; throws a `SaseError` naming file
 * and line (see `core/yaml/untrusted.ts` for what is refused besides bad syntax).
 */
export function parseYamlConfig(path: string, text: string): YamlConfigFile {
  const { doc, lineCounter, value: raw } = parseYamlText(text, path, { code: "config.parse" });
  if (raw !== null && !isConfigObject(raw)) {
    throw new SaseError(
      "config.parse",
      `${path}:1: the top level of a config file must be a mapping of keys, not ${
        Array.isArray(raw) ? "a list" : typeof raw
      }`,
      { hint: "write `key: value` lines at the top level", kind: "invalid-data" },
    );
  }
  return {
    path,
    value: raw as ConfigObject | null,
    lineOf(keyPath) {
      let node: unknown = doc.contents;
      let line: number | undefined = node && (node as { range?: number[] }).range
        ? lineCounter.linePos((node as { range: number[] }).range[0]).line
        : undefined;
      for (const key of keyPath) {
        if (isMap(node)) {
          const pair = node.items.find((item) =>
            isScalar(item.key) && String(item.key.value) === String(key)
          );
          if (!pair) return line;
          const keyNode = pair.key as { range?: number[] };
          if (keyNode.range) line = lineCounter.linePos(keyNode.range[0]).line;
          node = pair.value;
        } else if (isSeq(node) && typeof key === "number") {
          node = node.items[key];
          const range = (node as { range?: number[] } | undefined)?.range;
          if (range) line = lineCounter.linePos(range[0]).line;
        } else {
          return line;
        }
      }
      return line;
    },
  };
}

/** Read (at most {@linkcode READ_LIMITS.config} bytes) and parse a YAML config file; `null` when it does not exist. */
export async function readYamlConfig(path: string): Promise<YamlConfigFile | null> {
  let text: string;
  try {
    text = await readTextBounded(path, READ_LIMITS.config);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    if (error instanceof SaseError) throw error;
    throw new SaseError("config.read", `cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
      kind: "failed",
    });
  }
  return parseYamlConfig(path, text);
}
