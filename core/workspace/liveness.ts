/**
 * Whether the process holding a claim still runs. A claim is released only
 * when its process is provably gone, so every "cannot tell" answer is
 * "alive".
 *
 * @module
 */

/** True unless process `pid` provably no longer runs (exited, or a zombie). */
export async function isPidAlive(pid: number): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (Deno.build.os === "linux") {
    let stat: string;
    try {
      stat = await Deno.readTextFile(`/proc/${pid}/stat`);
    } catch {
      return false;
    }
    // `pid (comm) S ...`: comm may hold spaces and parentheses, the state follows the last ')'.
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  }
  try {
    const out = await new Deno.Command("ps", {
      args: ["-o", "stat=", "-p", String(pid)],
      stdout: "piped",
      stderr: "null",
    }).output();
    const state = new TextDecoder().decode(out.stdout).trim();
    return out.success && state !== "" && !state.startsWith("Z");
  } catch {
    return true;
  }
}
