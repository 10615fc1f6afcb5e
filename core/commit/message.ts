/**
 * The commit message stages of chapter 13, each a pure text transform:
 * the bead id in the first line, the `PLAN=` line, PR tags (parent < config
 * < `BUG`), the runtime `AGENT=`/`MACHINE=` trailers, the PR title with its
 * optional `[<project>]` prefix, and the PR body with its agent footer.
 *
 * @module
 */

/** A trailing `KEY=VALUE` tag line (the same shape DESCRIPTION stripping uses). */
const TAG_LINE = /^([A-Z][A-Z0-9_]*)=(.*)$/;

/** Tag keys the workflow owns; inherited or configured values for them are ignored. */
export const RUNTIME_TAG_KEYS: ReadonlySet<string> = new Set(["AGENT", "MACHINE"]);

/** An ordered list of tags (`KEY=VALUE` lines). */
export type CommitTags = ReadonlyArray<readonly [key: string, value: string]>;

function firstLineOf(message: string): string {
  return message.split("\n")[0];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Put `beadId` in the message's first line (` (<id>)` appended) unless the
 * line already names it as a whole id (`b-1` is not in `b-10`).
 */
export function withBeadInFirstLine(message: string, beadId: string): string {
  const first = firstLineOf(message);
  const whole = new RegExp(`(^|[^\\w.-])${escapeRegExp(beadId)}(?![\\w-]|\\.\\w)`);
  if (whole.test(first)) return message;
  return `${first} (${beadId})${message.slice(first.length)}`;
}

/** Append the plan's repository-relative path as a `PLAN=<path>` line. */
export function withPlanLine(message: string, planPath: string): string {
  return `${message.trimEnd()}\n\nPLAN=${planPath}`;
}

/** One line; a tag value with a line break would split the block. */
function tagValue(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

/**
 * The PR tags in the order they are written: `BUG` first (from a bug id
 * other than empty or `0`), then the parent PR's tags overridden by the
 * configured `pr_tags`; runtime-owned keys from either are dropped.
 */
export function mergePrTags(
  inherited: CommitTags,
  configured: CommitTags,
  bugId: string | null,
): [string, string][] {
  const merged = new Map<string, string>();
  for (const [key, value] of [...inherited, ...configured]) {
    if (!RUNTIME_TAG_KEYS.has(key)) merged.set(key, tagValue(value));
  }
  const bug = bugId?.trim() ?? "";
  const hasBug = bug !== "" && bug !== "0";
  const out: [string, string][] = hasBug ? [["BUG", bug]] : [];
  for (const [key, value] of merged) if (!(hasBug && key === "BUG")) out.push([key, value]);
  return out;
}

/** The message's trailing tag block, split off its head (the subject line never counts). */
export function splitTrailingTags(message: string): { head: string; tags: [string, string][] } {
  const lines = message.replace(/\s+$/, "").split("\n");
  let start = lines.length;
  while (start > 1 && TAG_LINE.test(lines[start - 1])) start--;
  const tags = lines.slice(start).map((line) => {
    const match = TAG_LINE.exec(line)!;
    return [match[1], match[2]] as [string, string];
  });
  return { head: lines.slice(0, start).join("\n").trimEnd(), tags };
}

function joinTags(head: string, tags: CommitTags): string {
  if (tags.length === 0) return head;
  return `${head}\n\n${tags.map(([key, value]) => `${key}=${value}`).join("\n")}`;
}

/** Append PR tags as a block of `KEY=VALUE` lines after a blank line. */
export function withPrTags(message: string, tags: CommitTags): string {
  return tags.length === 0 ? message : joinTags(message.trimEnd(), tags);
}

/** Who made a commit: the agent's name (none for a manual commit) and the host. */
export interface RuntimeProvenance {
  agent: string | null;
  machine: string;
}

/**
 * Append or update the trailing `AGENT=`/`MACHINE=` tags: stale runtime
 * tags leave the trailing block, other tags keep their order, the new ones
 * go last. No agent name means no `AGENT=` line.
 */
export function withRuntimeTags(message: string, provenance: RuntimeProvenance): string {
  const { head, tags } = splitTrailingTags(message);
  const kept = tags.filter(([key]) => !RUNTIME_TAG_KEYS.has(key));
  const agent = provenance.agent === null ? "" : tagValue(provenance.agent);
  if (agent !== "") kept.push(["AGENT", agent]);
  const machine = tagValue(provenance.machine);
  if (machine !== "") kept.push(["MACHINE", machine]);
  return joinTags(head, kept);
}

/** The PR title: the message's first line, after `[<project>] ` when the prefix is on. */
export function prTitle(message: string, projectPrefix: string | null): string {
  const first = firstLineOf(message).trim();
  return projectPrefix ? `[${projectPrefix}] ${first}` : first;
}

/** What `agent_meta.json` says about the agent, for the PR footer. */
export interface AgentFooterInfo {
  llmProvider: string | null;
  model: string | null;
  name: string | null;
}

/**
 * The PR body: the final message, then `---` and the agent footer
 * (`**Model:** \`provider/model\``, `**Agent:** \`name\``) when known.
 */
export function prBody(message: string, agent: AgentFooterInfo | null): string {
  const footer: string[] = [];
  if (agent?.llmProvider && agent.model) {
    footer.push(`**Model:** \`${agent.llmProvider}/${agent.model}\``);
  }
  if (agent?.name) footer.push(`**Agent:** \`${agent.name}\``);
  return footer.length === 0 ? message : `${message}\n\n---\n${footer.join("\n")}`;
}
