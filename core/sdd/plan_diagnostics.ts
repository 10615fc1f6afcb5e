/**
 * Diagnostics of the strict plan validator: the finding record, a sink that
 * locates each finding on its file line (by the lines the frontmatter reader
 * recorded), and the field readers shared by the top-level and phase checks.
 *
 * @module
 */

/** One validation finding. */
export interface PlanDiagnostic {
  severity: "error" | "warning";
  code: string;
  /** `tier`, `phases[0].description`, or `` for the whole document. */
  fieldPath: string;
  message: string;
  line: number | null;
}

/** Records diagnostics and maps field paths to file lines. */
export class DiagnosticSink {
  readonly diagnostics: PlanDiagnostic[] = [];
  readonly #lines: ReadonlyMap<string, number>;

  /** A sink locating fields by `lines` (field path to file line; none before a block is read). */
  constructor(lines: ReadonlyMap<string, number> = new Map()) {
    this.#lines = lines;
  }

  /** The line of a field path, falling back to its nearest ancestor, then line 1. */
  lineFor(path: string): number {
    let candidate = path;
    while (candidate) {
      const line = this.#lines.get(candidate);
      if (line !== undefined) return line;
      const cut = Math.max(candidate.lastIndexOf("."), candidate.lastIndexOf("["));
      candidate = cut > 0 ? candidate.slice(0, cut) : "";
    }
    return 1;
  }

  /** Add a finding located by its field path. */
  push(severity: PlanDiagnostic["severity"], code: string, path: string, message: string): void {
    this.diagnostics.push({ severity, code, fieldPath: path, message, line: this.lineFor(path) });
  }

  /** Add a finding with an explicit line. */
  pushAt(
    severity: PlanDiagnostic["severity"],
    code: string,
    message: string,
    line: number | null,
  ): void {
    this.diagnostics.push({ severity, code, fieldPath: "", message, line });
  }

  /** Whether any error was recorded. */
  hasErrors(): boolean {
    return this.diagnostics.some((diagnostic) => diagnostic.severity === "error");
  }
}

/** The YAML type name of `value`, for messages. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value === "object" ? "mapping" : typeof value;
}

/**
 * Read a string field: trimmed, non-empty; records the problem otherwise.
 * An empty YAML value (`key:`) reads as null and counts as absent.
 */
export function stringAt(
  sink: DiagnosticSink,
  data: Record<string, unknown>,
  key: string,
  path: string,
  required: boolean,
): string | null {
  const value = data[key];
  if (value === undefined || value === null) {
    if (required) {
      sink.push("error", "required-missing", path, `required field \`${key}\` is missing`);
    }
    return null;
  }
  if (typeof value !== "string") {
    sink.push(
      "error",
      "type-mismatch",
      path,
      `field \`${key}\` must be a string, found ${typeName(value)}`,
    );
    return null;
  }
  if (value.trim() === "") {
    sink.push("error", "value-empty", path, `field \`${key}\` must not be empty`);
    return null;
  }
  return value.trim();
}

/** Read an optional model field: a non-empty string without whitespace. */
export function modelAt(
  sink: DiagnosticSink,
  data: Record<string, unknown>,
  path: string,
): string | null {
  const model = stringAt(sink, data, "model", path, false);
  if (model !== null && /\s/.test(model)) {
    sink.push("error", "model-invalid", path, `model \`${model}\` must not contain whitespace`);
    return null;
  }
  return model;
}
