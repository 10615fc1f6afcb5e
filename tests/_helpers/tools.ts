/**
 * Whether an external tool a test drives (a shell, tmux) is installed, so a
 * test that needs it can be skipped visibly (`ignore`, with the reason in its
 * name) instead of passing without checking anything.
 *
 * @module
 */

/** True when `binary` runs and succeeds with `versionArgs` (tmux spells it `-V`). */
export async function haveTool(binary: string, versionArgs = ["--version"]): Promise<boolean> {
  try {
    const output = await new Deno.Command(binary, {
      args: versionArgs,
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).output();
    return output.success;
  } catch {
    return false;
  }
}

/** `name`, marked with why the test is skipped when `binary` is missing. */
export function needing(name: string, binary: string, installed: boolean): string {
  return installed ? name : `${name} [skipped: ${binary} is not installed]`;
}
