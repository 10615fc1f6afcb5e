/**
 * A submitted prompt's own YAML front matter: local `xprompts:` helpers and
 * `input:` declarations bound to the caller's values. Loaded only for
 * prompts that start with `---`, so plain prompts launch without a YAML
 * parser.
 *
 * @module
 */

import { bindArgs } from "./bind_args.ts";
import { splitFrontMatter } from "./frontmatter.ts";
import { parseInputs } from "./inputs.ts";
import { parseHelpers } from "./loader.ts";
import type { XPrompt } from "./model.ts";
import { splitSegments } from "./segments.ts";

/** What a prompt's front matter contributes to its launch plan. */
export interface PromptParts {
  /** The body's `---`-separated segments. */
  segments: string[];
  /** Helpers visible to the expansion (the caller's plus the front matter's). */
  localXPrompts: Record<string, XPrompt>;
  /** Declared inputs bound to the caller's values. */
  bound: Record<string, unknown>;
}

/** Split `text` into front matter and segments and bind its inputs. */
export function readPromptFrontMatter(
  text: string,
  options: { localXPrompts?: Record<string, XPrompt>; inputs?: Record<string, string> },
): PromptParts {
  const doc = splitFrontMatter(text, "prompt front matter");
  const source = { priority: 0, label: "prompt front matter", path: "prompt" };
  const localXPrompts = {
    ...options.localXPrompts,
    ...parseHelpers(doc.data?.xprompts, source, "prompt front matter"),
  };
  const inputs = parseInputs(doc.data?.input, "prompt front matter");
  const bound = inputs.length ? bindArgs(inputs, [], options.inputs ?? {}, "prompt").values : {};
  return { segments: splitSegments(doc.data ? doc.body : text), localXPrompts, bound };
}
