/**
 * Doctor checks for version control tools.
 *
 * @module
 */

import type { CheckSpec } from "../registry.ts";
import { which } from "../../fs/which.ts";

/** VCS checks. */
export const vcsChecks: CheckSpec[] = [
  {
    id: "vcs.git",
    group: "vcs",
    title: "git is installed",
    async run(context) {
      const path = await which("git", context.env);
      if (!path) {
        return {
          status: "ERROR",
          summary: "git was not found on PATH",
          nextSteps: ["Install git (e.g. `apt-get install git`), then rerun `sase doctor -C vcs`."],
        };
      }
      const output = await new Deno.Command(path, {
        args: ["--version"],
        env: { PATH: context.env.PATH ?? "" },
        stdout: "piped",
        stderr: "null",
      }).output();
      const version = new TextDecoder().decode(output.stdout).trim();
      return { status: "OK", summary: version || path, data: { path, version } };
    },
  },
];
