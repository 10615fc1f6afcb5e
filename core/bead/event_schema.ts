/**
 * The zod schema of the event envelope, for precise messages about bad lines.
 *
 * @module
 */

import { z } from "zod";
import { EVENT_SCHEMA_VERSION, OPERATIONS } from "./event.ts";

/** Envelope schema: validates shape; payloads are checked by the reducer. */
export const eventSchema = z.object({
  schema_version: z.literal(EVENT_SCHEMA_VERSION),
  event_id: z.string().min(1),
  timestamp: z.string().min(1),
  actor: z.string(),
  operation: z.enum(OPERATIONS),
  issue_id: z.string().min(1),
  payload: z.looseObject({ kind: z.string() }),
});
