/**
 * Which VCS provider a directory uses (handbook 22.2). The first tier that
 * names a concrete provider wins:
 *
 * 1. an explicit `-v/--vcs-provider` value a command was given (the original
 *    sets `SASE_VCS_PROVIDER` from it, so it stands in front of the variable);
 * 2. `SASE_VCS_PROVIDER`;
 * 3. `vcs_provider.provider` in the configuration, consulted only when the
 *    tiers above are unset: an `auto` there skips the configuration too;
 * 4. auto-detection: the nearest `.hg`/`.git` walking up from `cwd` (so a git
 *    repository nested in an hg workspace is git), a git checkout then
 *    classified by its `origin` remote: a provider that claims the URL (the
 *    GitHub provider claims `github.com`) wins, any other readable URL is
 *    `bare_git`, and no readable `origin` is "No VCS provider found".
 *
 * `git` forces the git family: the checkout's remote still picks between
 * `github` and `bare_git` (`bare_git` when there is no checkout or remote).
 * `hg`, `auto`, and any registered provider's own name are the other values.
 *
 * @module
 */

import type { Env } from "../env.ts";
import { SaseError } from "../errors.ts";
import { nearestVcs, originUrl } from "./detect.ts";
import type { VcsFamily, VcsProviderInfo } from "./provider.ts";

/** The tier a selection came from. */
export type VcsSelectionTier = "flag" | "env" | "config" | "detect";

/** A resolved provider choice. */
export interface VcsSelection {
  /** The provider's name (`github`, `bare_git`, `hg`, ...). */
  name: string;
  family: VcsFamily;
  tier: VcsSelectionTier;
  /** The `origin` URL the choice was classified by, when one was read (else undefined). */
  originUrl?: string;
}

/** What {@linkcode selectVcsProvider} decides from. */
export interface VcsSelectionInput {
  /** The directory the command is about. */
  cwd: string;
  env: Env;
  /** A `-v/--vcs-provider` value given to the command, if any. */
  explicit?: string;
  /** `vcs_provider.provider` from the merged configuration, if set. */
  configured?: string;
  /** The registered providers, in classification order. */
  providers: readonly VcsProviderInfo[];
}

/** The fallback provider for an unclaimed git checkout. */
export const BARE_GIT = "bare_git";

/** The "No VCS provider found" error (handbook 22.9.1), with the reason when one is known. */
export function noVcsProviderFound(directory: string, reason?: string): SaseError {
  return new SaseError(
    "vcs.not_found",
    `No VCS provider found for directory: ${directory}${reason ? ` (${reason})` : ""}`,
    {
      hint: "run sase inside a git or hg checkout, or set the provider explicitly " +
        "(SASE_VCS_PROVIDER=git, or vcs_provider.provider in sase.yml)",
      kind: "not-found",
    },
  );
}

function familyOf(name: string, providers: readonly VcsProviderInfo[]): VcsFamily {
  return providers.find((p) => p.name === name)?.family ?? "git";
}

/** The provider claiming `url`, else `bare_git`. */
function classifyRemote(url: string, providers: readonly VcsProviderInfo[]): string {
  return providers.find((p) => p.claimsRemote?.(url))?.name ?? BARE_GIT;
}

/** A provider name, with the `origin` URL that picked it when one was read. */
interface Choice {
  name: string;
  originUrl?: string;
}

/** The provider a value names, `null` for `auto`; an unknown value is refused naming its source. */
async function fromValue(
  raw: string,
  source: string,
  input: VcsSelectionInput,
): Promise<Choice | null> {
  const value = raw.trim().toLowerCase();
  if (value === "auto") return null;
  if (value === "git") {
    // The git family: the remote still picks github vs bare_git.
    const marker = await nearestVcs(input.cwd);
    const url = marker?.kind === "git" ? await originUrl(marker.root, input.env) : null;
    return url
      ? { name: classifyRemote(url, input.providers), originUrl: url }
      : { name: BARE_GIT };
  }
  if (value === "hg" || input.providers.some((p) => p.name === value)) return { name: value };
  const known = ["git", "hg", "auto", ...input.providers.map((p) => p.name)];
  throw new SaseError(
    "vcs.unknown_provider",
    `${source}: unknown VCS provider '${raw}'`,
    { hint: `valid values: ${[...new Set(known)].join(", ")}`, kind: "invalid-input" },
  );
}

/** Auto-detection from `cwd` (tier 4). */
async function detect(input: VcsSelectionInput): Promise<Choice> {
  const marker = await nearestVcs(input.cwd);
  if (!marker) throw noVcsProviderFound(input.cwd);
  if (marker.kind === "hg") return { name: "hg" };
  const url = await originUrl(marker.root, input.env);
  if (url === null) {
    throw noVcsProviderFound(
      input.cwd,
      `the git checkout at ${marker.root} has no readable 'origin' remote to classify it by`,
    );
  }
  return { name: classifyRemote(url, input.providers), originUrl: url };
}

/** Choose the VCS provider for `input.cwd`; throws "No VCS provider found" when nothing decides. */
export async function selectVcsProvider(input: VcsSelectionInput): Promise<VcsSelection> {
  const pick = ({ name, originUrl }: Choice, tier: VcsSelectionTier): VcsSelection => ({
    name,
    family: familyOf(name, input.providers),
    tier,
    ...(originUrl === undefined ? {} : { originUrl }),
  });
  const explicit = input.explicit?.trim();
  const env = input.env.SASE_VCS_PROVIDER?.trim();
  if (explicit) {
    const name = await fromValue(explicit, "--vcs-provider", input);
    if (name) return pick(name, "flag");
  } else if (env) {
    const name = await fromValue(env, "SASE_VCS_PROVIDER", input);
    if (name) return pick(name, "env");
  } else if (input.configured?.trim()) {
    const name = await fromValue(
      input.configured,
      "vcs_provider.provider in the configuration",
      input,
    );
    if (name) return pick(name, "config");
  }
  return pick(await detect(input), "detect");
}
