/**
 * Output helpers shared by every command: JSON for `-j/--json`, aligned
 * tables for people, and colour that honours `NO_COLOR` and non-TTY output.
 *
 * @module
 */

/** Flags of the `-j/--json` option every listing command offers. */
export const JSON_FLAG = "-j, --json";

/** Help text of the `-j/--json` option. */
export const JSON_HELP = "print machine-readable JSON";

/** Print `value` as pretty JSON on stdout. */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

const NEWLINE = new TextEncoder().encode("\n");

/**
 * Print JSON made elsewhere as {@linkcode printJson} prints it: `bytes` are
 * the UTF-8 text of `JSON.stringify(value, null, 2)` (e.g. rows SQLite
 * printed), followed by a newline.
 */
export function printJsonBytes(bytes: Uint8Array): void {
  for (const chunk of [bytes, NEWLINE]) {
    for (let written = 0; written < chunk.length;) {
      written += Deno.stdout.writeSync(chunk.subarray(written));
    }
  }
}

/** Whether stdout should carry ANSI colour. */
export function useColor(): boolean {
  if (Deno.env.get("NO_COLOR") !== undefined) return false;
  return Deno.stdout.isTerminal();
}

const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

/** A named text style for {@linkcode style}. */
export type StyleName = keyof typeof STYLES;

/** Wrap `text` in an ANSI style when colour is enabled. */
export function style(name: StyleName, text: string, enabled = useColor()): string {
  if (!enabled) return text;
  const [open, close] = STYLES[name];
  return `\x1b[${open}m${text}\x1b[${close}m`;
}

/** Length of `text` as printed, ignoring ANSI escapes. */
export function visibleLength(text: string): number {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "").length;
}

/** Render rows as a left-aligned table with a header row. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(visibleLength(header), ...rows.map((row) => visibleLength(row[column] ?? "")))
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell + " ".repeat(widths[column] - visibleLength(cell))
      )
      .join("  ")
      .trimEnd();
  return [render(headers), ...rows.map(render)].join("\n");
}
