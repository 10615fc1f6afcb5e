/**
 * Whether a recorded process still runs: run records and workspace claims
 * carry pids, and readers must tell a live holder from a dead one. A zombie
 * counts as gone; on systems without `/proc`, `kill -0` decides.
 *
 * @module
 */

/** Whether process `pid` exists (a zombie counts as gone). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (Deno.build.os !== "linux") {
    return new Deno.Command("kill", { args: ["-0", String(pid)], stderr: "null" }).outputSync()
      .success;
  }
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // `pid (comm) S ...`: comm may hold spaces and parentheses; the state follows the last ')'.
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}
