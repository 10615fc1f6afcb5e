/**
 * Split a configured command line into argv without a shell: words are
 * separated by whitespace; single quotes keep everything literally, double
 * quotes keep everything but `\"` and `\\`, a backslash outside quotes
 * escapes the next character. Nothing is expanded (no `$VAR`, globs,
 * `~`, pipes or redirections), so a configured command can never run more
 * than the one program it names.
 *
 * @module
 */

import { SaseError } from "../errors.ts";

/** The words of `text`; an unclosed quote is an error naming `source`. */
export function splitCommandLine(text: string, source: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === "\\" && (text[i + 1] === '"' || text[i + 1] === "\\")) word += text[++i];
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote !== null) {
    throw new SaseError("argv.unclosed_quote", `${source}: unclosed ${quote} quote in '${text}'`, {
      kind: "invalid-input",
    });
  }
  if (inWord) words.push(word);
  return words;
}
