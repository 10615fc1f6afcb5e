/**
 * Rendering a skill source into one provider's `SKILL.md`: the body and
 * description go through Jinja with the provider's context (`provider`,
 * `provider_tool`), then a frontmatter block of `name` and `description`,
 * then — unless the source sets `log_skill_use: false` — the first-step
 * `sase skill use <name> --reason ...` directive, then the body.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { renderJinja } from "../xprompt/jinja/render.ts";

/** What a skill is rendered from. */
export interface SkillSourceText {
  name: string;
  description: string;
  body: string;
  logSkillUse: boolean;
  /** The source file, for errors. */
  path: string;
}

/** The directive generated skills begin with, so their use is audited. */
export function skillUseDirective(name: string): string {
  return "Before doing anything else, run this command to record that you are using this skill:\n\n" +
    "```bash\n" +
    `sase skill use ${name} --reason "<one-line reason for using this skill>"\n` +
    "```\n\n";
}

function frontmatter(name: string, description: string): string {
  if (description.includes("\n")) {
    const lines = description.split("\n").map((line) => `  ${line}`.trimEnd());
    return `---\nname: ${name}\ndescription: |\n${lines.join("\n")}\n---`;
  }
  const safe = description === "" || /^[\s'"&*!|>%@`#{[\]-]|: | #/.test(description)
    ? JSON.stringify(description)
    : description;
  return `---\nname: ${name}\ndescription: ${safe}\n---`;
}

/** The `SKILL.md` text of `source` for `provider` (whose tool is `tool`). */
export async function renderSkill(
  source: SkillSourceText,
  provider: string,
  tool: string,
): Promise<string> {
  const context = { provider, provider_tool: tool, skill_name: source.name };
  let body: string;
  let description: string;
  try {
    body = await renderJinja(source.body, context);
    description = await renderJinja(source.description, context);
  } catch (error) {
    throw new SaseError(
      "skill.render",
      `${source.path}: skill ${source.name} does not render for ${provider}: ${
        (error as Error).message
      }`,
      {
        hint: "skill bodies may use {{ provider }}, {{ provider_tool }} and {{ skill_name }}",
        kind: "invalid-data",
      },
    );
  }
  body = body.replace(/\n{3,}/g, "\n\n").replace(/^\n+/, "");
  const directive = source.logSkillUse ? skillUseDirective(source.name) : "";
  const text = `${frontmatter(source.name, description.trim())}\n\n${directive}${body}`;
  return text.endsWith("\n") ? text : `${text}\n`;
}
