/**
 * `sase config mentor-match NAME`: trace each mentor profile's criteria
 * against a ChangeSpec.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { traceMentorMatch } from "../../core/axe/mentors/trace.ts";
import { mentorMatchWire } from "../../core/axe/wire.ts";
import { printJson } from "../shared/output.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

/** Run `sase config mentor-match`. */
export async function runMentorMatch(
  app: AppContext,
  name: string,
  options: { project?: string; json?: boolean },
): Promise<void> {
  const wire = mentorMatchWire(await traceMentorMatch(app, name, options.project));
  if (options.json) return printJson(wire);
  const text = neutralizeControls;
  console.log(`${text(wire.changespec)} (${text(wire.project)}, ${text(wire.status)})`);
  console.log(
    `entries under review: ${
      wire.entries.length
        ? wire.entries.map((e) => `(${e})`).join(" ")
        : "none (every regular entry has a MENTORS entry)"
    }`,
  );
  console.log(`changed paths: ${wire.paths.length ? text(wire.paths.join(", ")) : "none"}`);
  if (wire.profiles.length === 0) console.log("no mentor_profiles configured");
  for (const profile of wire.profiles) {
    console.log(`${profile.matched ? "MATCH" : "no match"}  ${text(profile.profile_name)}`);
    for (const c of profile.criteria) {
      console.log(`  ${c.matched ? "+" : "-"} ${c.criterion}: ${text(c.detail)}`);
    }
  }
}
