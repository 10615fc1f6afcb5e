/**
 * Finding terminal control characters in output meant for people: text
 * others wrote must reach the terminal with every control sequence made
 * visible (see `core/text/control_chars.ts`).
 *
 * @module
 */

/**
 * The first character of `text` a terminal would act on: a C0 control other
 * than line feed and tab, DEL, a C1 control, or a bidirectional override or
 * isolate; undefined when there is none.
 */
export function controlCharacter(text: string): string | undefined {
  return [...text].find((char) => {
    const code = char.charCodeAt(0);
    return (code < 0x20 && char !== "\n" && char !== "\t") || (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
  });
}
