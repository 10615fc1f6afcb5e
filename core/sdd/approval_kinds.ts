/**
 * The kinds of plan approval the CLI offers (`sase plan approve --kind`),
 * apart from the approval pipeline itself so that declaring the option does
 * not load it.
 *
 * @module
 */

/** The approval kinds of the CLI. */
export const APPROVAL_KINDS = ["approve", "tale", "epic", "legend", "commit"] as const;

/** One approval kind. */
export type ApprovalKind = typeof APPROVAL_KINDS[number];
