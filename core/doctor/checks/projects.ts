/**
 * Doctor checks for the projects under `SASE_HOME/projects`. A project
 * directory is a registered project (a ProjectSpec, or a legacy `.gp`
 * one), a directory project (`#cd:` runs keep their records there without
 * a ProjectSpec: `sase agent list` shows them, so they are fine), or, with
 * neither, unexplained. Nothing here ever suggests deleting a directory:
 * it may hold agent records, beads or SDD state the doctor does not read.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { CheckSpec } from "../check.ts";
import { exists } from "../../fs/access.ts";
import { compareCaseInsensitive } from "../../text/compare.ts";

interface ProjectDirSummary {
  name: string;
  spec: boolean;
  legacy: boolean;
  /** It holds agent run records (a `#cd` directory project, or runs of a registered one). */
  runs: boolean;
}

async function scanProjects(root: string): Promise<ProjectDirSummary[]> {
  const projects: ProjectDirSummary[] = [];
  for await (const entry of Deno.readDir(root)) {
    if (!entry.isDirectory || entry.name.startsWith(".")) continue;
    projects.push({
      name: entry.name,
      spec: await exists(join(root, entry.name, `${entry.name}.sase`)),
      legacy: await exists(join(root, entry.name, `${entry.name}.gp`)),
      runs: await exists(join(root, entry.name, "artifacts")),
    });
  }
  return projects.sort((a, b) => compareCaseInsensitive(a.name, b.name));
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Project checks. */
export const projectChecks: CheckSpec[] = [
  {
    id: "projects.files",
    group: "projects",
    title: "ProjectSpec files",
    async run(context) {
      const root = join(context.saseHome, "projects");
      if (!(await exists(root))) {
        return { status: "SKIP", summary: "no projects yet", data: { path: root } };
      }
      const projects = await scanProjects(root);
      const legacy = projects.filter((project) => project.legacy && !project.spec);
      const registered = projects.filter((project) => project.spec || project.legacy);
      const directory = projects.filter((project) =>
        !project.spec && !project.legacy && project.runs
      );
      const unexplained = projects.filter((project) =>
        !project.spec && !project.legacy && !project.runs
      );
      const data = {
        path: root,
        projects: projects.map((project) => project.name),
        directory_projects: directory.map((project) => project.name),
        unexplained: unexplained.map((project) => project.name),
      };
      if (legacy.length > 0) {
        return {
          status: "WARN",
          summary: `${
            count(legacy.length, "project", "projects")
          } still use the legacy .gp extension`,
          details: legacy.map((project) => join(root, project.name, `${project.name}.gp`)),
          nextSteps: ["Run `sase changespec migrate-extension` to rename them to .sase."],
          data,
        };
      }
      if (unexplained.length > 0) {
        return {
          status: "WARN",
          summary: `${
            count(unexplained.length, "project directory has", "project directories have")
          } no ProjectSpec and no agent runs`,
          details: unexplained.map((project) => join(root, project.name)),
          nextSteps: [
            "Register the project (a `#git:<bare-repo-path>` launch writes its ProjectSpec); " +
            "the directory is left as it is, since it may hold other sase records.",
          ],
          data,
        };
      }
      const parts = [count(registered.length, "registered project", "registered projects")];
      if (directory.length > 0) {
        parts.push(
          `${count(directory.length, "directory project", "directory projects")} (#cd runs: ` +
            `${directory.map((project) => project.name).join(", ")})`,
        );
      }
      return { status: "OK", summary: parts.join(", "), data };
    },
  },
];
