/**
 * Doctor checks for the state root (`SASE_HOME`) and the stores in it.
 *
 * @module
 */

import type { CheckSpec } from "../check.ts";
import { canWriteDir, exists } from "../../fs/access.ts";
import { readJsonl } from "../../fs/jsonl.ts";
import { notificationsPath } from "../../config/paths.ts";
import { plural } from "../../text/plural.ts";

const LOW_DISK_BYTES = 1024 ** 3;

/** State checks. */
export const stateChecks: CheckSpec[] = [
  {
    id: "state.root",
    group: "state",
    title: "State root is writable",
    async run(context) {
      const present = await exists(context.saseHome);
      const writable = await canWriteDir(context.saseHome);
      const data = { path: context.saseHome, exists: present, writable };
      if (!writable) {
        return {
          status: "ERROR",
          summary: `${context.saseHome} is not writable`,
          nextSteps: [
            `Fix the permissions of ${context.saseHome}, or point SASE_HOME at a writable directory.`,
          ],
          data,
        };
      }
      return {
        status: "OK",
        summary: present
          ? `${context.saseHome} is writable`
          : `${context.saseHome} will be created on first use`,
        data,
      };
    },
  },
  {
    id: "state.notifications",
    group: "state",
    title: "Notification store is readable",
    async run(context) {
      const path = notificationsPath(context.env);
      if (!(await exists(path))) {
        return { status: "OK", summary: "no notifications yet", data: { path } };
      }
      const { records, problems } = await readJsonl(path);
      const data = { path, records: records.length, bad_lines: problems.length };
      if (problems.length > 0) {
        return {
          status: "WARN",
          summary: `${plural(problems.length, "unreadable line")} in ${path}`,
          details: problems.slice(0, 5).map((problem) =>
            `${path}:${problem.line}: ${problem.torn ? "torn last line" : problem.reason}`
          ),
          nextSteps: ["The other records still load; remove the listed lines to silence this."],
          data,
        };
      }
      return { status: "OK", summary: `${plural(records.length, "notification")} readable`, data };
    },
  },
  {
    id: "state.disk",
    group: "state",
    title: "Free disk space under the state root",
    deep: true,
    async run(context) {
      let target = context.saseHome;
      while (!(await exists(target)) && target !== "/") {
        target = target.slice(0, target.lastIndexOf("/")) || "/";
      }
      const output = await new Deno.Command("df", {
        args: ["-Pk", target],
        stdout: "piped",
        stderr: "null",
      })
        .output()
        .catch(() => null);
      if (!output?.success) return { status: "SKIP", summary: "`df` is not available" };
      const fields =
        new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)?.split(/\s+/) ?? [];
      const freeBytes = Number(fields[3]) * 1024;
      if (!Number.isFinite(freeBytes)) {
        return { status: "SKIP", summary: "could not read `df` output" };
      }
      const freeGiB = (freeBytes / 1024 ** 3).toFixed(1);
      if (freeBytes < LOW_DISK_BYTES) {
        return {
          status: "WARN",
          summary: `only ${freeGiB} GiB free for ${target}`,
          nextSteps: ["Free disk space; agent transcripts and artifacts need room to be written."],
          data: { path: target, free_bytes: freeBytes },
        };
      }
      return {
        status: "OK",
        summary: `${freeGiB} GiB free`,
        data: { path: target, free_bytes: freeBytes },
      };
    },
  },
];
