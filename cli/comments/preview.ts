/**
 * `sase comments FILE`.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { previewComments } from "../../core/axe/mentors/preview.ts";
import { commentPreviewWire } from "../../core/axe/wire.ts";
import { resolve } from "../../core/fs/path.ts";
import { printJson, style } from "../shared/output.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

const SEVERITY_STYLE = { error: "red", warning: "yellow", suggestion: "cyan" } as const;

/** Run `sase comments`. */
export async function runComments(
  app: AppContext,
  file: string,
  options: { context: number; json?: boolean },
): Promise<void> {
  const previews = await previewComments(resolve(app.cwd, file), {
    cwd: app.cwd,
    context: options.context,
  });
  if (options.json) return printJson(previews.map(commentPreviewWire));
  if (previews.length === 0) {
    console.log("no comments");
    return;
  }
  const text = neutralizeControls;
  for (const [index, { comment, snippet, source }] of previews.entries()) {
    if (index > 0) console.log("");
    console.log(
      `${style(SEVERITY_STYLE[comment.severity], `[${comment.severity}]`)} ${
        text(comment.focus_name)
      }  ${text(comment.file_path)}:${comment.line_number}`,
    );
    console.log(`  ${text(comment.description)}`);
    if (!snippet) {
      console.log(style("dim", "  (code not available: no snapshot and no such file)"));
      continue;
    }
    const width = String(snippet.start + snippet.lines.length - 1).length;
    for (const [offset, line] of snippet.lines.entries()) {
      const number = snippet.start + offset;
      const mark = number === comment.line_number ? ">" : " ";
      const row = `${mark} ${String(number).padStart(width)} | ${text(line)}`;
      console.log(number === comment.line_number ? style("bold", row) : row);
    }
    if (source === "file") console.log(style("dim", "  (from the file on disk; no snapshot)"));
  }
}
