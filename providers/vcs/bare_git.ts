/**
 * The `bare_git` VCS provider (handbook 22.4): plain git, for any checkout
 * whose `origin` no hosting provider claims. It pushes branches but opens no
 * pull requests.
 *
 * @module
 */

import type { Env } from "../../core/env.ts";
import type { VcsProvider, VcsProviderInfo } from "../../core/vcs/provider.ts";
import { gitInstallHint, gitOperations } from "./git_ops.ts";

/** Facts about `bare_git`. */
export const BARE_GIT_INFO: VcsProviderInfo = {
  name: "bare_git",
  family: "git",
  requires: "git",
};

/** The `bare_git` provider running git with `env`. */
export function createBareGitProvider(env: Env): VcsProvider {
  return {
    info: BARE_GIT_INFO,
    ...gitOperations({ provider: BARE_GIT_INFO.name, install: gitInstallHint }, env),
  };
}
