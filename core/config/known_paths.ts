/**
 * The inventory behind `sase path`: every well-known location, by name.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import {
  configDir,
  type Env,
  homeDir,
  processEnv,
  projectsDir,
  saseHome,
  userConfigPath,
} from "./paths.ts";

/** One named location. */
export interface KnownPath {
  name: string;
  path: string;
  description: string;
}

/** Every well-known path for `env`, in display order. */
export function knownPaths(env: Env = processEnv()): KnownPath[] {
  const home = homeDir(env);
  const state = saseHome(env);
  const config = configDir(env);
  return [
    { name: "state-root", path: state, description: "SASE_HOME, the state root" },
    { name: "config-dir", path: config, description: "user configuration directory" },
    { name: "config-file", path: userConfigPath(env), description: "base user config file" },
    {
      name: "projects-dir",
      path: projectsDir(env),
      description: "ProjectSpecs and per-project state",
    },
    {
      name: "notifications",
      path: join(state, "notifications", "notifications.jsonl"),
      description: "notification inbox",
    },
    {
      name: "xprompts-dir",
      path: join(config, "xprompts"),
      description: "per-project user xprompts (~/.config/sase/xprompts/<project>/)",
    },
    { name: "home-xprompts-dir", path: join(home, ".xprompts"), description: "user xprompts" },
  ];
}
