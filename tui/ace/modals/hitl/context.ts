/**
 * The HITL modal's state: which agent waits, its pending request, and the
 * rejection feedback being typed.
 *
 * @module
 */

import type { HitlRequestFile } from "../../../../core/workflow/hitl.ts";
import type { LineInputState } from "../../../widgets/line_input.ts";

/** The modal's state. */
export interface HitlState {
  /** The agent (run) name that waits. */
  readonly agent: string;
  readonly request: HitlRequestFile;
  /** The rejection feedback being typed after `f`, or null. */
  readonly feedback: LineInputState | null;
}
