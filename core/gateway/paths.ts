/**
 * Where the mobile gateway keeps its state: `<sase_home>/mobile_gateway/`
 * (handbook 15.11). `-H DIR` / `mobile_gateway.state_dir` replace the SASE
 * home root, so the files then live in `DIR/mobile_gateway/`.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { type Env, saseHome } from "../config/paths.ts";

/** The gateway's state directory below the SASE home root `root` (default: `SASE_HOME`). */
export function gatewayStateDir(env: Env, root?: string): string {
  return join(root && root.trim() ? root : saseHome(env), "mobile_gateway");
}

/** The files of the state directory. */
export const GATEWAY_FILES = {
  devices: "devices.json",
  audit: "audit.jsonl",
  pushSubscriptions: "push_subscriptions.json",
  launchContexts: "agent_launch_contexts.jsonl",
  killContexts: "agent_kill_contexts",
  projectContexts: "device_project_contexts",
  uploads: "uploads",
  cspReports: "csp_reports.jsonl",
} as const;
