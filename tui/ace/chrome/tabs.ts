/**
 * The three tabs and the tab bar: plain labels `PRs`, `Agents`, `AXE`
 * (counts live in the tabs' bodies, handbook 4.18), cycled by `Tab` and
 * `Shift+Tab`; `-t/--tab` names them `changespecs`, `agents`, `axe`.
 *
 * @module
 */

import { type Line, seg } from "../segments.ts";

/** The tabs in bar order, by their `-t` names. */
export const TABS = ["changespecs", "agents", "axe"] as const;

/** One tab. */
export type AceTab = typeof TABS[number];

/** The label of each tab. */
export const TAB_LABELS: Readonly<Record<AceTab, string>> = {
  changespecs: "PRs",
  agents: "Agents",
  axe: "AXE",
};

/** The tab `step` places from `tab` (wrapping). */
export function cycleTab(tab: AceTab, step: 1 | -1): AceTab {
  return TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length];
}

/** Whether `name` is a tab's `-t` name. */
export function isTab(name: string): name is AceTab {
  return (TABS as readonly string[]).includes(name);
}

/** The tab bar with `active` highlighted. */
export function tabBar(active: AceTab): Line {
  return TABS.flatMap((tab, index) => [
    ...(index > 0 ? [seg("  ")] : []),
    seg(` ${TAB_LABELS[tab]} `, tab === active ? "tab.active" : "tab.inactive"),
  ]);
}
