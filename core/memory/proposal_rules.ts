/**
 * The rules a memory proposal must satisfy before it is recorded: a title,
 * exactly one of a slug or a one-level `<slug>.md` target, at least one
 * evidence item that is not a `note:`, and a non-empty UTF-8 body of at most
 * 256 KiB. Bodies over 16 KiB (unless `--allow-large`) and text that looks
 * like a prompt injection become warnings for the reviewer.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { isAbsolute, join, normalize } from "../fs/path.ts";
import { homeDir } from "../config/paths.ts";
import type { Env } from "../env.ts";

/** Largest accepted proposal body. */
export const PROPOSAL_BODY_MAX_BYTES = 256 * 1024;
/** Bodies above this size warn unless `--allow-large`. */
export const PROPOSAL_BODY_WARN_BYTES = 16 * 1024;
/** What a slug (and a target's stem) must match. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_]*$/;

/** One evidence item, as the ledger stores it. */
export interface EvidenceRecord {
  kind: "path" | "chat" | "url" | "note";
  raw: string;
  path: string | null;
  resolved_path: string | null;
  exists: boolean | null;
  byte_count: number | null;
  sha256: string | null;
  chat_id: string | null;
  url: string | null;
  note: string | null;
}

/** A non-blocking finding recorded with the proposal. */
export interface ProposalWarning {
  code: string;
  message: string;
  match: string | null;
}

function invalid(code: string, message: string, hint?: string): SaseError {
  return new SaseError(`memory.proposal.${code}`, message, { hint, kind: "invalid-input" });
}

/** The proposal's title, trimmed; an empty one is refused. */
export function proposalTitle(title: string | undefined): string {
  const value = title?.trim();
  if (!value) throw invalid("title", "memory proposal needs a non-empty --title");
  return value;
}

/**
 * The one-level target (`<slug>.md`) from exactly one of `--slug` or
 * `--target`; traversal, nesting, other suffixes and bad slugs are refused.
 */
export function proposalTarget(options: { slug?: string; target?: string }): string {
  const { slug, target } = options;
  if (slug !== undefined && target !== undefined) {
    throw invalid("target", "pass exactly one of --slug or --target, not both");
  }
  if (slug === undefined && target === undefined) {
    throw invalid(
      "target",
      "memory proposal needs exactly one of --slug <slug> or --target <slug>.md",
    );
  }
  if (slug !== undefined) {
    const value = slug.trim();
    if (!SLUG_PATTERN.test(value)) {
      throw invalid("slug", `memory proposal slug '${value}' must match [a-z0-9][a-z0-9_]*`);
    }
    return `${value}.md`;
  }
  const value = target!.trim().replace(/^memory\//, "");
  if (!value) throw invalid("target", "memory proposal target must not be empty");
  if (value.startsWith("/")) throw invalid("target", "memory proposal target must be relative");
  const parts = value.split("/");
  if (parts.some((p) => p === "" || p === "." || p === "..")) {
    throw invalid("target", `memory proposal target '${value}' must not contain traversal`);
  }
  if (parts.length !== 1) {
    throw invalid("target", `memory proposal target '${value}' must be a one-level <slug>.md path`);
  }
  if (!value.endsWith(".md")) {
    throw invalid("target", `memory proposal target '${value}' must end with .md`);
  }
  const stem = value.slice(0, -3);
  if (!SLUG_PATTERN.test(stem)) {
    throw invalid("target", `memory proposal target slug '${stem}' must match [a-z0-9][a-z0-9_]*`);
  }
  return value;
}

/** Keywords trimmed, blanks dropped, first occurrence kept. */
export function proposalKeywords(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

function blank(kind: EvidenceRecord["kind"], raw: string): EvidenceRecord {
  return {
    kind,
    raw,
    path: null,
    resolved_path: null,
    exists: null,
    byte_count: null,
    sha256: null,
    chat_id: null,
    url: null,
    note: null,
  };
}

function urlEvidence(url: string, raw: string): EvidenceRecord {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || !["http:", "https:"].includes(parsed.protocol) || !parsed.host) {
    throw invalid("evidence", `url evidence '${raw}' must be an http(s) URL`);
  }
  return { ...blank("url", raw), url };
}

async function sha256Bytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function pathEvidence(raw: string, cwd: string, env: Env): Promise<EvidenceRecord> {
  const expanded = raw.startsWith("~/") ? join(homeDir(env), raw.slice(2)) : raw;
  const path = isAbsolute(expanded) ? normalize(expanded) : join(cwd, expanded);
  let resolved = path;
  let exists = false;
  let byteCount: number | null = null;
  let digest: string | null = null;
  try {
    resolved = await Deno.realPath(path);
    exists = true;
    const info = await Deno.stat(resolved);
    if (info.isFile && info.size <= PROPOSAL_BODY_MAX_BYTES * 64) {
      const bytes = await Deno.readFile(resolved);
      byteCount = bytes.length;
      digest = await sha256Bytes(bytes);
    }
  } catch {
    // A path that does not exist is still evidence; the reviewer sees `exists: false`.
  }
  return {
    ...blank("path", raw),
    path,
    resolved_path: resolved,
    exists,
    byte_count: byteCount,
    sha256: digest,
  };
}

/** Parse one evidence value (`chat:<id>`, `note:<text>`, `url:<url>`, an http(s) URL, or a path). */
export async function parseEvidence(value: string, cwd: string, env: Env): Promise<EvidenceRecord> {
  const raw = value.trim();
  if (!raw) throw invalid("evidence", "memory proposal evidence must not be blank");
  if (raw.startsWith("chat:")) {
    const id = raw.slice(5).trim();
    if (!id) throw invalid("evidence", "chat evidence id must not be empty");
    return { ...blank("chat", raw), chat_id: id };
  }
  if (raw.startsWith("note:")) {
    const note = raw.slice(5).trim();
    if (!note) throw invalid("evidence", "note evidence must not be empty");
    return { ...blank("note", raw), note };
  }
  if (raw.startsWith("url:")) return urlEvidence(raw.slice(4).trim(), raw);
  if (raw.startsWith("http://") || raw.startsWith("https://")) return urlEvidence(raw, raw);
  return await pathEvidence(raw, cwd, env);
}

/**
 * All evidence items (`--evidence` values, then each `--from-chat` id as
 * `chat:<id>`); at least one must be something other than a note.
 */
export async function proposalEvidence(
  values: readonly string[],
  fromChat: readonly string[],
  cwd: string,
  env: Env,
): Promise<EvidenceRecord[]> {
  const raws = [...values, ...fromChat.map((id) => `chat:${id.trim()}`)];
  const records: EvidenceRecord[] = [];
  for (const raw of raws) records.push(await parseEvidence(raw, cwd, env));
  if (records.length === 0) {
    throw invalid(
      "evidence",
      "memory proposals require evidence: pass --evidence (a path, chat:<id>, url:<url>) or --from-chat",
    );
  }
  if (records.every((r) => r.kind === "note")) {
    throw invalid(
      "evidence",
      "memory proposals require at least one non-note evidence item; note:<text> is supplemental only",
      "add a path, chat:<id>, --from-chat <id> or an http(s) URL",
    );
  }
  return records;
}

/** The body's UTF-8 size, refusing an empty body or one over 256 KiB. */
export function checkProposalBody(body: string): number {
  if (!body.trim()) throw invalid("body", "memory proposal body must not be empty");
  const size = new TextEncoder().encode(body).length;
  if (size > PROPOSAL_BODY_MAX_BYTES) {
    throw invalid(
      "body",
      `memory proposal body is ${size} bytes; the limit is 256 KiB (${PROPOSAL_BODY_MAX_BYTES} bytes)`,
      "split the memory into smaller notes",
    );
  }
  return size;
}

const INJECTION_PATTERNS: readonly [string, RegExp][] = [
  ["ignore_previous_instructions", /\bignore (?:all )?(?:previous|prior) instructions\b/gi],
  ["disregard_instructions", /\bdisregard (?:all )?(?:previous |prior )?instructions\b/gi],
  ["system_prompt", /\bsystem prompt\b/gi],
  ["developer_message", /\bdeveloper message\b/gi],
  ["prompt_injection", /\bprompt injection\b/gi],
];

/** Warnings for the reviewer: a large body (unless allowed) and each injection-like phrase. */
export function proposalWarnings(
  body: string,
  size: number,
  allowLarge: boolean,
): ProposalWarning[] {
  const warnings: ProposalWarning[] = [];
  if (size > PROPOSAL_BODY_WARN_BYTES && !allowLarge) {
    warnings.push({
      code: "large_body",
      message:
        `proposal body is larger than 16 KiB (${size} bytes); pass --allow-large if intended`,
      match: null,
    });
  }
  for (const [code, pattern] of INJECTION_PATTERNS) {
    for (const match of body.matchAll(pattern)) {
      warnings.push({
        code: `prompt_injection.${code}`,
        message: "proposal body contains prompt-injection-like text",
        match: match[0],
      });
    }
  }
  return warnings;
}

/** A fresh proposal id, `mem-YYYYMMDD-HHMMSS-<8 hex>` in UTC. */
export function newProposalId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `mem-${stamp}-${crypto.randomUUID().replaceAll("-", "").slice(0, 8)}`;
}
