/**
 * Whether the process holding a claim still runs. A claim is released only
 * when its process is provably gone.
 *
 * @module
 */

import { isProcessAlive } from "../process_liveness.ts";

/** True unless process `pid` provably no longer runs (exited, or a zombie). */
export function isPidAlive(pid: number): Promise<boolean> {
  return Promise.resolve(isProcessAlive(pid));
}
