/**
 * The jail's observations, made into what a person needs to see. The
 * runtime reports every write attempt outside the paths its session was
 * started with and every connection its proxy refused; a session serves
 * many commands, each with its own writable paths, so what a command was
 * allowed to write is filtered out here.
 *
 * The lines come from the confined process (its paths, its host names), so
 * they are bounded here and must be printed with control characters
 * neutralised.
 *
 * @module
 */

import type { JailPolicy } from "./policy.ts";

/** Lines kept per command: a runaway loop must not fill the run's records. */
export const MAX_VIOLATIONS = 50;

const FILE_LINE = /^deny (\S+) (\/.*)$/;

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith("/") ? root : `${root}/`);
}

/**
 * The lines of `lines` that are real denials under `policy`, deduplicated
 * and at most {@linkcode MAX_VIOLATIONS}.
 */
export function relevantViolations(
  lines: readonly string[],
  policy: Pick<JailPolicy, "write" | "denyWrite">,
): string[] {
  const kept = new Set<string>();
  for (const line of lines) {
    const file = FILE_LINE.exec(line);
    if (file) {
      const path = file[2];
      const allowed = policy.write.some((root) => within(path, root)) &&
        !policy.denyWrite.some((root) => within(path, root));
      if (allowed) continue;
    }
    kept.add(line.slice(0, 500));
    if (kept.size >= MAX_VIOLATIONS) break;
  }
  return [...kept];
}

/** The denials as one sentence for a run's error report. */
export function describeViolations(lines: readonly string[]): string {
  return `the jail denied: ${lines.join("; ")}`;
}
