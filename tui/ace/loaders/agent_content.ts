/**
 * The text the agent query's bare words and `text:` search beyond the
 * metadata: an agent's prompt (`raw_xprompt.md`) and reply
 * (`live_reply.md`), each read only while a query is active, at most 512
 * KiB of each, and cached by (path, mtime) so a refresh of unchanged runs
 * reads nothing. Missing or unreadable files count as empty.
 *
 * @module
 */

import { join } from "../../../core/fs/path.ts";
import { readTextEdgeSync } from "../../../core/fs/bounded_read.ts";
import { ARTIFACT_FILES } from "../../../core/agent/records/artifacts.ts";
import type { AgentItem } from "../agents/item.ts";

/** How much of each file the search reads. */
export const CONTENT_CAP_BYTES = 512 * 1024;

/** A per-session cache of searchable agent text. */
export class AgentContentCache {
  readonly #entries = new Map<string, { mtime: number; text: string }>();

  #read(path: string): string {
    let mtime: number;
    try {
      mtime = Deno.statSync(path).mtime?.getTime() ?? 0;
    } catch {
      this.#entries.delete(path);
      return "";
    }
    const cached = this.#entries.get(path);
    if (cached && cached.mtime === mtime) return cached.text;
    const text = (readTextEdgeSync(path, "head", CONTENT_CAP_BYTES) ?? "").toLowerCase();
    this.#entries.set(path, { mtime, text });
    return text;
  }

  /** The lower-cased prompt and reply of `item`. */
  textOf(item: AgentItem): string {
    return [ARTIFACT_FILES.rawPrompt, ARTIFACT_FILES.liveReply]
      .map((name) => this.#read(join(item.id, name)))
      .join("\n");
  }

  /** How many files are cached. */
  get size(): number {
    return this.#entries.size;
  }
}
