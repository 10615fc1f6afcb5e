/**
 * The TIMESTAMPS audit events of handbook chapter 8 as typed values: each
 * event type with the detail text its writer records. Pure.
 *
 * @module
 */

/** The parent name REBASE events record for "no parent". */
export const ROOT_PARENT = "root";

/** One TIMESTAMPS event, by type. */
export type TimestampEvent =
  /** A commit or proposal entry was added; `entryId` is `1`, `2a`, ... */
  | { type: "COMMIT"; entryId: string }
  /** A status transition. */
  | { type: "STATUS"; from: string; to: string }
  /** A sync with the remote; `detail` says what happened. */
  | { type: "SYNC"; detail: string }
  /** The description or PR-derived metadata changed; `detail` says what. */
  | { type: "REWORD"; detail: string }
  /** A rewind to an earlier COMMITS entry. */
  | { type: "REWIND"; entryId: string }
  /** The ChangeSpec's name changed. */
  | { type: "RENAME"; from: string; to: string }
  /** The parent changed; null is no parent. */
  | { type: "REBASE"; from: string | null; to: string | null };

/** The event's type word and detail text as the TIMESTAMPS line carries them. */
export function timestampEventText(event: TimestampEvent): { eventType: string; detail: string } {
  switch (event.type) {
    case "COMMIT":
    case "REWIND":
      return { eventType: event.type, detail: `(${event.entryId})` };
    case "STATUS":
    case "RENAME":
      return { eventType: event.type, detail: `${event.from} -> ${event.to}` };
    case "REBASE":
      return {
        eventType: event.type,
        detail: `${event.from ?? ROOT_PARENT} -> ${event.to ?? ROOT_PARENT}`,
      };
    case "SYNC":
    case "REWORD":
      // One line: a line break would end the entry and orphan the rest.
      return { eventType: event.type, detail: event.detail.replace(/\s*[\r\n]+\s*/g, " ").trim() };
  }
}
