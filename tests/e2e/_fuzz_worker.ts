/**
 * The fuzz test's worker: it receives `{ area, seed }`, generates that input,
 * feeds it to the area's public parsers and loaders, and answers whether the
 * outcome was allowed: a result, or a `SaseError` (the documented failure).
 * Anything else thrown is an internal error and is answered with its name
 * and message. Running in a worker lets the test stop a case that hangs.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { SaseError } from "../../core/errors.ts";
import { prng } from "../_helpers/prng.ts";
import { type Area, generate } from "./_fuzz_inputs.ts";
import { loadFromSources } from "../../core/config/load_uncached.ts";
import { DEFAULT_CONFIG_NAME, DEFAULT_CONFIG_YAML } from "../../core/config/defaults.ts";
import { parseProjectSpec } from "../../core/changespec/parser.ts";
import { ProjectSpecEditor } from "../../core/changespec/edit.ts";
import { parseNotificationJson } from "../../core/notify/create.ts";
import { parseStoreText } from "../../core/notify/store.ts";
import { notificationWire } from "../../core/notify/wire.ts";
import { notificationMarkdown } from "../../core/notify/markdown.ts";
import { markdownXPrompt } from "../../core/xprompt/file_loader.ts";
import { expandXPrompts } from "../../core/xprompt/expand.ts";
import type { XPrompt } from "../../core/xprompt/model.ts";
import { parseStreamText } from "../../core/bead/streams.ts";
import { replay } from "../../core/bead/reduce.ts";
import { exportProjection, parseProjection } from "../../core/bead/projection.ts";
import { parseFrontmatter } from "../../core/sdd/frontmatter.ts";
import { validatePlan } from "../../core/sdd/plan_validate.ts";
import { SDD_TIERS } from "../../core/sdd/layout.ts";
import { controlCharacter } from "../_helpers/controls.ts";

/** A request: which input to generate and check. */
export interface FuzzRequest {
  area: Area;
  seed: number;
}

/** The answer: `problem` is set when the outcome was not allowed. */
export interface FuzzAnswer {
  seed: number;
  problem?: string;
  /** The start of the input, for the failure report. */
  input: string;
}

/** Messages of internal failures that must never reach a user, even inside a `SaseError`. */
const INTERNAL_MESSAGES = ["Maximum call stack", "Excessive alias count", "is not a function"];

/**
 * Run `fn`; a `SaseError` is an allowed outcome unless it merely wraps an
 * internal failure, anything else is returned as the problem.
 */
async function allowed(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (!(error instanceof SaseError)) return message;
    return INTERNAL_MESSAGES.some((text) => message.includes(text)) ? message : undefined;
  }
}

function checkConfig(input: string): void {
  const loaded = loadFromSources({
    sources: [
      {
        name: "default",
        kind: "builtin",
        path: DEFAULT_CONFIG_NAME,
        strategy: "concatenate",
        text: DEFAULT_CONFIG_YAML,
      },
      { name: "user", kind: "user", path: "/fuzz/sase.yml", strategy: "replace", text: input },
    ],
  });
  // A loaded configuration is plain data: it serializes (no cycles, no overflow).
  JSON.stringify(loaded.raw);
}

function checkProjectSpec(input: string): void {
  const path = "/fuzz/p/p.sase";
  const file = parseProjectSpec(input, path);
  const editor = new ProjectSpecEditor(input, path);
  if (editor.text !== input) throw new Error("an editor without edits changed the text");
  for (const spec of file.specs.slice(0, 3)) {
    try {
      editor.setField(spec.name, "STATUS", "Ready");
      editor.appendTimestamp(spec.name, {
        timestamp: "260430_120000",
        eventType: "X",
        detail: "y",
      });
    } catch (error) {
      if (!(error instanceof SaseError)) throw error;
    }
  }
  parseProjectSpec(editor.text, path);
}

function checkRowText(record: Parameters<typeof notificationWire>[0]): void {
  const row = notificationWire(record);
  JSON.stringify(row);
  const control = controlCharacter(notificationMarkdown(row));
  if (control !== undefined) {
    throw new Error(`markdown shows control character U+${control.charCodeAt(0).toString(16)}`);
  }
}

async function checkNotification(input: string): Promise<string | undefined> {
  const problem = await allowed(() =>
    checkRowText(parseNotificationJson(input, { source: "stdin" }))
  );
  if (problem) return problem;
  // The same text as a store (two copies): readers never throw, and every row prints safely.
  const snapshot = parseStoreText(`${input}\n${input}`);
  for (const record of snapshot.records) checkRowText(record);
  return undefined;
}

async function checkXPrompt(input: string): Promise<string | undefined> {
  const [file, prompt] = input.split("\n\x00\n");
  const byName = new Map<string, XPrompt>();
  const problem = await allowed(() => {
    const xprompt = markdownXPrompt(file, "fz", {
      priority: 1,
      label: "fuzz",
      path: "/fuzz/fz.md",
    });
    byName.set(xprompt.name, xprompt);
  });
  if (problem) return problem;
  const catalog = { byName, all: [...byName.values()], problems: [] };
  // `$(...)` must never reach a shell from the fuzz test.
  const runCommand = () => Promise.resolve("");
  return await allowed(() => expandXPrompts(prompt, { catalog, runCommand }));
}

function checkBead(input: string): void {
  const { stream } = parseStreamText(input, "/fuzz/streams/s.jsonl", "s");
  const { issues } = replay([stream]);
  // The projection of what replayed reads back; the damaged text read as a projection never throws.
  parseProjection(exportProjection(issues));
  parseProjection(input);
}

function checkSdd(input: string): void {
  // Both report problems as results; those must not be internal failures either.
  const reports = [JSON.stringify(parseFrontmatter(input))];
  for (const tier of SDD_TIERS) reports.push(JSON.stringify(validatePlan(input, tier)));
  const internal = INTERNAL_MESSAGES.find((text) =>
    reports.some((report) => report.includes(text))
  );
  if (internal) throw new Error(`reported as a result: '${internal} ...'`);
}

async function check(area: Area, input: string): Promise<string | undefined> {
  switch (area) {
    case "config":
      return await allowed(() => checkConfig(input));
    case "projectspec":
      return await allowed(() => checkProjectSpec(input));
    case "notification":
      return await checkNotification(input);
    case "xprompt":
      return await checkXPrompt(input);
    case "bead":
      return await allowed(() => checkBead(input));
    case "sdd":
      return await allowed(() => checkSdd(input));
  }
}

self.onmessage = async (event: MessageEvent<FuzzRequest>) => {
  const { area, seed } = event.data;
  const input = generate(area, prng(seed));
  let problem: string | undefined;
  try {
    problem = await check(area, input);
  } catch (error) {
    problem = `checker failed: ${
      error instanceof Error ? `${error.name}: ${error.message}` : error
    }`;
  }
  const answer: FuzzAnswer = { seed, problem, input: input.slice(0, 300) };
  self.postMessage(answer);
};
