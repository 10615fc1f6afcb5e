/**
 * Doctor checks for the projects under `SASE_HOME/projects`.
 *
 * @module
 */

import { join } from "node:path";
import type { CheckSpec } from "../registry.ts";
import { exists } from "../../fs/access.ts";

interface ProjectDirSummary {
  name: string;
  spec: boolean;
  legacy: boolean;
}

async function scanProjects(root: string): Promise<ProjectDirSummary[]> {
  const projects: ProjectDirSummary[] = [];
  for await (const entry of Deno.readDir(root)) {
    if (!entry.isDirectory || entry.name.startsWith(".")) continue;
    projects.push({
      name: entry.name,
      spec: await exists(join(root, entry.name, `${entry.name}.sase`)),
      legacy: await exists(join(root, entry.name, `${entry.name}.gp`)),
    });
  }
  return projects.sort((a, b) => a.name.localeCompare(b.name));
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
      const missing = projects.filter((project) => !project.legacy && !project.spec);
      const data = { path: root, projects: projects.map((project) => project.name) };
      if (legacy.length > 0) {
        return {
          status: "WARN",
          summary: `${legacy.length} project${
            legacy.length === 1 ? "" : "s"
          } still use the legacy .gp extension`,
          details: legacy.map((project) => join(root, project.name, `${project.name}.gp`)),
          nextSteps: ["Run `sase changespec migrate-extension` to rename them to .sase."],
          data,
        };
      }
      if (missing.length > 0) {
        return {
          status: "WARN",
          summary: `${missing.length} project director${
            missing.length === 1 ? "y has" : "ies have"
          } no ProjectSpec`,
          details: missing.map((project) => join(root, project.name, `${project.name}.sase`)),
          nextSteps: ["Create the ProjectSpec, or remove the directory if the project is gone."],
          data,
        };
      }
      return { status: "OK", summary: `${projects.length} projects`, data };
    },
  },
];
