/**
 * The YAML library (`npm:yaml`), the one way sase's code reaches it.
 *
 * The package ships the same code twice: a CommonJS build, which is what
 * its `exports` give a Node-like runtime, and an ES module build (for
 * browsers). Deno loads the CommonJS build through its Node module loader,
 * which costs about 35 ms of CPU for the package's 70 files; the ES module
 * build of the very same installed version costs about 10 ms. So this
 * module loads the ES build from the installed package, and falls back to
 * the package's own entry if that build cannot be found (a future layout,
 * an unusual install). The two builds differ only in where a warning goes
 * (`console.warn` rather than `process.emitWarning`) and in two debugging
 * variables of the parser.
 *
 * @module
 */

import type * as Yaml from "yaml";

/** The package's ES module build, beside its CommonJS entry. */
const ESM_BUILD = "../browser/index.js";

async function load(): Promise<typeof Yaml> {
  try {
    const esm = await import(new URL(ESM_BUILD, import.meta.resolve("yaml")).href);
    if (typeof esm.parseDocument === "function" && typeof esm.stringify === "function") return esm;
  } catch {
    // Not there, or not importable from this install: use the package's entry.
  }
  return await import("yaml");
}

const yaml = await load();

/** Whether the ES module build was found (otherwise the package's own entry is in use). */
export const YAML_ESM_BUILD: boolean = !("module.exports" in yaml);

/** `yaml`'s `isAlias`. */
export const isAlias: typeof Yaml.isAlias = yaml.isAlias;
/** `yaml`'s `isCollection`. */
export const isCollection: typeof Yaml.isCollection = yaml.isCollection;
/** `yaml`'s `isMap`. */
export const isMap: typeof Yaml.isMap = yaml.isMap;
/** `yaml`'s `isPair`. */
export const isPair: typeof Yaml.isPair = yaml.isPair;
/** `yaml`'s `isScalar`. */
export const isScalar: typeof Yaml.isScalar = yaml.isScalar;
/** `yaml`'s `isSeq`. */
export const isSeq: typeof Yaml.isSeq = yaml.isSeq;
/** `yaml`'s `parse`. */
export const parse: typeof Yaml.parse = yaml.parse;
/** `yaml`'s `parseDocument`. */
export const parseDocument: typeof Yaml.parseDocument = yaml.parseDocument;
/** `yaml`'s `stringify`. */
export const stringify: typeof Yaml.stringify = yaml.stringify;
/** `yaml`'s `LineCounter` (a class: a value and a type). */
export const LineCounter: typeof Yaml.LineCounter = yaml.LineCounter;
/** An instance of {@linkcode LineCounter}. */
export type LineCounter = Yaml.LineCounter;

export type { Document, Node, YAMLMap } from "yaml";
