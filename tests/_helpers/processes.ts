/**
 * Finding the processes of an agent run from outside, whatever namespace
 * they run in: a jailed agent's pids are its own pid namespace's, so tests
 * find its processes by what `/proc` shows of them instead.
 *
 * @module
 */

/** Live (not zombie) pids whose `/proc/<pid>/<file>` contains `needle`, this process excluded. */
function scan(file: "environ" | "cmdline", needle: string): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === Deno.pid) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      if (stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z") continue;
      // Both files separate their entries with NULs; a command line reads as words.
      const text = Deno.readTextFileSync(`/proc/${pid}/${file}`);
      if ((file === "cmdline" ? text.replaceAll("\0", " ") : text).includes(needle)) {
        found.push(pid);
      }
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** The live processes of the run in `dir`: those whose environment names it as their run. */
export function runProcesses(dir: string): number[] {
  return scan("environ", `SASE_ARTIFACTS_DIR=${dir}\0`);
}

/** The live processes whose command line contains `marker`. */
export function processesWith(marker: string): number[] {
  return scan("cmdline", marker);
}

/**
 * The live processes whose command line contains `marker` and whose
 * environment has `SASE_HOME=<saseHome>`: one test's processes, not those of
 * tests running beside it.
 */
export function processesOfHome(marker: string, saseHome: string): number[] {
  const mine = new Set(scan("environ", `SASE_HOME=${saseHome}\0`));
  return processesWith(marker).filter((pid) => mine.has(pid));
}
