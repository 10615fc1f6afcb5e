/**
 * `sase memory write`: record a long-term memory proposal for review.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { SaseError, usageError } from "../../core/errors.ts";
import { READ_LIMITS, readStdinBounded, readTextBounded } from "../../core/fs/bounded_read.ts";
import { resolve } from "../../core/fs/path.ts";
import { proposeMemory } from "../../core/memory/propose.ts";
import { proposeWire } from "../../core/memory/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { printJson, style } from "../shared/output.ts";

/** The options of `sase memory write`. */
export interface WriteOptions {
  title?: string;
  slug?: string;
  target?: string;
  evidence: string[];
  fromChat: string[];
  keyword: string[];
  body?: string;
  file?: string;
  allowLarge?: boolean;
  manualAuthor?: string;
  notify?: boolean;
  json?: boolean;
}

async function readBody(app: AppContext, options: WriteOptions): Promise<string> {
  if (options.body !== undefined && options.file !== undefined) {
    throw usageError("pass either --body or --file, not both");
  }
  if (options.body !== undefined) return options.body;
  if (options.file !== undefined && options.file !== "-") {
    const path = resolve(app.cwd, options.file);
    try {
      return await readTextBounded(path, READ_LIMITS.input);
    } catch (error) {
      if (error instanceof SaseError) throw error;
      throw new SaseError(
        "memory.proposal.file",
        `cannot read ${path}: ${(error as Error).message}`,
        {
          kind: error instanceof Deno.errors.NotFound ? "not-found" : "unavailable",
        },
      );
    }
  }
  if (options.file === undefined && Deno.stdin.isTerminal()) {
    throw usageError(
      "no proposal body given",
      "pass --body TEXT, --file PATH, or pipe the body on stdin",
    );
  }
  return await readStdinBounded(READ_LIMITS.input);
}

/** Run `sase memory write`. */
export async function runWrite(app: AppContext, options: WriteOptions): Promise<void> {
  const body = await readBody(app, options);
  const result = await proposeMemory(app, {
    title: options.title,
    slug: options.slug,
    target: options.target,
    evidence: options.evidence,
    fromChat: options.fromChat,
    keywords: options.keyword,
    body,
    allowLarge: options.allowLarge ?? false,
    manualAuthor: options.manualAuthor,
    notify: options.notify ?? false,
  });
  if (options.json) return printJson(proposeWire(result));
  const inert = (text: string) => neutralizeControls(text, { keepLayout: false });
  const event = result.event;
  console.log(`proposed ${event.proposal_id}: memory/${event.target_path} (${inert(event.title)})`);
  for (const warning of event.warnings) {
    console.log(
      `${style("yellow", "warning")} ${warning.code}: ${inert(warning.message)}${
        warning.match ? ` ('${inert(warning.match)}')` : ""
      }`,
    );
  }
  if (options.notify) {
    console.log(
      result.notificationId
        ? `notification ${result.notificationId} (memory.proposed)`
        : `notification not delivered: ${inert(result.notificationError ?? "unknown error")}`,
    );
  }
  console.log(`review with: sase memory review ${event.proposal_id} --show`);
}
