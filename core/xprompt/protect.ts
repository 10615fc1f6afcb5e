/**
 * Regions expansion must not touch: fenced code blocks and
 * `%xprompts_enabled:false … %xprompts_enabled:true` regions.
 *
 * Protected text is swapped for placeholders that no reference pattern can
 * match, and swapped back at the end. Disabled-region markers are removed;
 * an inline closing marker also takes the whitespace before it.
 *
 * @module
 */

/** Text with protected regions replaced, plus what to put back. */
export interface Protected {
  text: string;
  saved: string[];
}

// NUL delimiters cannot appear in prompt text, so placeholders never collide.
// deno-lint-ignore no-control-regex
const PLACEHOLDER = /\u0000P(\d+)\u0000/g;

function save(saved: string[], value: string): string {
  saved.push(value);
  return `\u0000P${saved.length - 1}\u0000`;
}

/** Replace fenced blocks (``` … ```) with placeholders. */
export function protectFences(text: string, saved: string[]): string {
  return text.replace(
    /^([ \t]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]*\2[ \t]*$|(?![\s\S]))/gm,
    (block) => save(saved, block),
  );
}

const OFF = /^[ \t]*%xprompts_enabled:false[ \t]*(?:\n|$)/m;
const ON =
  /(?:^[ \t]*%xprompts_enabled:true[ \t]*(?:\n|$))|(?:[ \t]*%xprompts_enabled:true[ \t]*$)/m;

/** Replace disabled regions with placeholders and drop their markers. */
export function protectDisabledRegions(text: string, saved: string[]): string {
  let out = "";
  let rest = text;
  for (let off = OFF.exec(rest); off; off = OFF.exec(rest)) {
    out += rest.slice(0, off.index);
    const after = rest.slice(off.index + off[0].length);
    const on = ON.exec(after);
    const body = on ? after.slice(0, on.index) : after;
    const newline = body.endsWith("\n") ? "\n" : "";
    out += save(saved, body.slice(0, body.length - newline.length)) + newline;
    rest = on ? after.slice(on.index + on[0].length) : "";
  }
  return (out + rest).replace(/^[ \t]*%xprompts_enabled:true[ \t]*\n?/gm, "");
}

/** Protect fences, then disabled regions. */
export function protect(text: string): Protected {
  const saved: string[] = [];
  const fenced = protectFences(text, saved);
  return { text: protectDisabledRegions(fenced, saved), saved };
}

/** Put protected regions back (nested placeholders included). */
export function restore(text: string, saved: readonly string[]): string {
  let result = text;
  for (let round = 0; round < 3 && PLACEHOLDER.test(result); round++) {
    PLACEHOLDER.lastIndex = 0;
    result = result.replace(PLACEHOLDER, (_m, index) => saved[Number(index)]);
  }
  return result;
}
