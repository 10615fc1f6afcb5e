/**
 * `sase comments FILE`: a mentor output's comments with the code they
 * point at — taken from the output's file snapshot (`...-files.json`)
 * when there is one, else from the file on disk (relative paths against
 * the given directory).
 *
 * @module
 */

import { SaseError } from "../../errors.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";
import { readJsonObject } from "../../fs/json_object.ts";
import { isAbsolute, join } from "../../fs/path.ts";
import { type MentorComment, parseMentorAnswer } from "../chops/mentor_checks.ts";

/** One comment with its code context. */
export interface CommentPreview {
  comment: MentorComment;
  /** Where the code came from, or null when neither a snapshot nor the file has it. */
  source: "snapshot" | "file" | null;
  /** The first shown line's number and the lines. */
  snippet: { start: number; lines: string[] } | null;
}

/** The preview of the mentor output in `path`. */
export async function previewComments(
  path: string,
  options: { cwd: string; context: number },
): Promise<CommentPreview[]> {
  const text = await readTextBounded(path, READ_LIMITS.document).catch((error) => {
    if (error instanceof Deno.errors.NotFound) {
      throw new SaseError("comments.not_found", `no such file: ${path}`, { kind: "not-found" });
    }
    throw error;
  });
  const comments = parseMentorAnswer(text);
  if (!Array.isArray(comments)) {
    throw new SaseError("comments.invalid", `${path}: ${comments.error}`, {
      hint: "pass a mentor output file from ~/.sase/mentors/ (a JSON object with a comments list)",
      kind: "invalid-input",
    });
  }
  const snapshots = (await readJsonObject(path.replace(/\.json$/, "-files.json"))) ?? {};
  const previews: CommentPreview[] = [];
  for (const comment of comments) {
    const snap = snapshots[comment.file_path];
    let source: CommentPreview["source"] = null;
    let content: string | null = null;
    if (typeof snap === "string") {
      source = "snapshot";
      content = snap;
    } else {
      const full = isAbsolute(comment.file_path)
        ? comment.file_path
        : join(options.cwd, comment.file_path);
      content = await readTextBounded(full, READ_LIMITS.document).catch(() => null);
      if (content !== null) source = "file";
    }
    let snippet: CommentPreview["snippet"] = null;
    if (content !== null) {
      const lines = content.split("\n");
      if (lines.at(-1) === "") lines.pop();
      const start = Math.max(1, comment.line_number - options.context);
      const end = Math.min(lines.length, comment.line_number + options.context);
      if (start <= end) snippet = { start, lines: lines.slice(start - 1, end) };
    }
    previews.push({ comment, source, snippet });
  }
  return previews;
}
