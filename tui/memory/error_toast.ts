/**
 * A failure as the review screen reports it: an error toast with the
 * message and, for a {@linkcode SaseError}, its hint (the next step the CLI
 * would print under it).
 *
 * @module
 */

import { SaseError } from "../../core/errors.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import type { ToastInput } from "../widgets/toasts.ts";

/** The error toast for `error`. */
export function errorToast(error: unknown): ToastInput {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof SaseError && error.hint ? ` (${error.hint})` : "";
  return { severity: "error", text: neutralizeControls(message + hint, { keepLayout: false }) };
}
