/**
 * The `?` help modal's content: the keys of the current tab, the global
 * keys, and the query syntax of the tab's language (the PRs ChangeSpec
 * query, or the Agent Query Syntax section). Only keys the models handle
 * are listed, so the help never promises what ACE does not do.
 *
 * @module
 */

import type { AceTab } from "./tabs.ts";

/** One help section: a title and key / description rows. */
export interface HelpSection {
  readonly title: string;
  readonly rows: ReadonlyArray<readonly [string, string]>;
}

const GLOBAL: HelpSection = {
  title: "Global",
  rows: [
    ["Tab / Shift+Tab", "Switch between PRs, Agents and AXE"],
    [".", "Show / hide hidden items"],
    ["y", "Refresh the current tab"],
    ["I", "Pin idle (stays until I again)"],
    [",I", "Mark yourself idle until the next key"],
    ["Ctrl+L", "Dismiss visible toasts"],
    ["@ / ,h", "Prompt bar (custom agent / home)"],
    ["Space / ,<space>", "Prompt bar for the focused PR"],
    ["i", "Notifications inbox"],
    [",n", "Newest plan or question waiting"],
    ["!x", "Start / stop axe"],
    ["?", "This help"],
    ["q", "Quit (asks while background tasks run)"],
    ["Q", "Stop axe and quit"],
  ],
};

const PRS: HelpSection = {
  title: "PRs",
  rows: [
    ["j / k", "Next / previous row (banners included)"],
    ["l / h", "Expand / collapse the focused banner one level"],
    ["L / H", "Expand / collapse everything"],
    ["o / O", "Grouping: by project → by date → by status"],
    ["z c / z h / z m / z t", "Cycle COMMITS / HOOKS / MENTORS / TIMESTAMPS folds"],
    ["z C / z H / z M / z T", "Toggle collapsed ↔ fully expanded"],
    ["z d / z D", "Fold / unfold DELTAS"],
    ["z z / z Z", "Cycle / toggle all sections"],
    ["/", "Edit the query (#3 <query> saves slot 3, #3 deletes it)"],
    ["1-9, 0", "Load a saved query"],
    ["^ / _", "Previous / next query in the history"],
    ["< / > / ~", "Parent / first child / next sibling PR"],
    ["Ctrl+R / Ctrl+K", "Back / forward in the PR jump history"],
    ["m / u", "Mark the PR (and move down) / clear all marks"],
    ["s / S", "Change status / status of the marked PRs"],
    ["d", "Diff in $PAGER"],
    ["Y", "Sync with the remote"],
    ["b", "Rebase onto a new parent"],
    ["n / w / W", "Rename / reword in $EDITOR / add TAG=value"],
    ["M", "Mail (push for review; asks first)"],
    ["R", "Rewind to an earlier COMMITS entry"],
    ["C", "Check out the PR's branch (primary checkout)"],
    ["e", "Edit the ProjectSpec in $EDITOR at the PR"],
  ],
};

const PRS_QUERY: HelpSection = {
  title: "Query Syntax",
  rows: [
    ['word, "two words", c"Case"', "Substring of name, description, status, project, ..."],
    ["status:, project:, name:, ancestor:, sibling:", "Property filters"],
    ["+proj ^anc ~sib &name", "Project / ancestor / sibling / name shorthands"],
    ["%d %m %r %s %w %y", "Draft / Mailed / Reverted / Submitted / WIP / Ready"],
    [
      "!!! (!), !!, @@@ (@), !@, $$$ ($), !$, *",
      "Errors, no errors, running agents, processes, any",
    ],
    ["AND (implicit), OR, NOT / !, ( )", "Precedence NOT > AND > OR"],
  ],
};

const AGENTS: HelpSection = {
  title: "Agents",
  rows: [
    ["j / k", "Next / previous row (banners included)"],
    ["J / K", "Next / previous tag panel"],
    ["l / h", "Fold level up / down (at L3: the focused workflow)"],
    ["L / H", "Everything expanded / collapsed"],
    ["o / O", "Grouping: by project → by date → by status"],
    ["] / [", "Detail panel: file → tools → metadata"],
    ["p", "File / prompt layout"],
    ["U", "Toggle the unread marker"],
    ["x", "Kill / dismiss the agent or the focused group (asks once)"],
    ["/", "Agent query"],
  ],
};

const AGENT_QUERY: HelpSection = {
  title: "Agent Query Syntax",
  rows: [
    ['word, "two words", c"Case"', "Name, ChangeSpec, status, prompt and reply text"],
    ["status: cl: project: name: model: provider: tag: text:", "Substring (tag: exact)"],
    ["type:workflow|run, source:axe|manual, needs:input", "Kinds of agents"],
    ["pinned: hidden: attention: true|false", "Boolean keys"],
    ["age<5m, age>=2h, age:1d", "Time since start (: means >=; s m h d)"],
    ["AND (implicit), OR, NOT / !, ( )", "Precedence NOT > AND > OR"],
  ],
};

/** The help sections shown on `tab`. */
export function helpSections(tab: AceTab): HelpSection[] {
  if (tab === "changespecs") return [PRS, PRS_QUERY, GLOBAL];
  if (tab === "agents") return [AGENTS, AGENT_QUERY, GLOBAL];
  return [GLOBAL];
}
