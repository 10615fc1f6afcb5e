/**
 * The axe orchestrator process (`sase __axe-orchestrator <overrides>`),
 * started detached by `sase axe start`: it runs each lumberjack in a
 * Worker made from `lumberjack_worker.ts` until SIGTERM.
 *
 * @module
 */

import { saseContext } from "./context.ts";
import { runOrchestrator } from "../core/axe/orchestrator.ts";
import type { AxeOverrides } from "../core/axe/settings.ts";

/** Run the orchestrator; resolves to its exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const overrides = JSON.parse(args[0] ?? "{}") as AxeOverrides;
  return await runOrchestrator({
    app: saseContext({ warn: () => {} }),
    overrides,
    workerUrl: new URL("./lumberjack_worker.ts", import.meta.url),
  });
}
