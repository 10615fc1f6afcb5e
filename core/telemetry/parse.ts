/**
 * Reading the Prometheus text format (what the Push Gateway and the
 * exposition endpoint answer) into samples, for `sase telemetry snapshot`
 * and `health`. Comment lines are skipped; a line that is not a sample is
 * ignored rather than failing the whole snapshot.
 *
 * @module
 */

/** One sample: a series' name, labels and value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/y;

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => c === "n" ? "\n" : c);
}

/** The labels of `text` (the part between braces); `undefined` when malformed. */
function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const at = LABEL.lastIndex;
    const match = LABEL.exec(text);
    if (!match || LABEL.lastIndex === at) return undefined;
    labels[match[1]] = unescape(match[2]);
  }
  return labels;
}

function parseValue(text: string): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  return Number(text);
}

/** Every sample in `text`. */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels = match[2] === undefined ? {} : parseLabels(match[2]);
    const value = parseValue(match[3]);
    if (labels === undefined || Number.isNaN(value) && match[3] !== "NaN") continue;
    samples.push({ name: match[1], labels, value });
  }
  return samples;
}
