/**
 * `chopRunMeta`: a run records the chop that launched it only when its
 * launcher names the lumberjack, the chop and the chop run; the prompt hash
 * is added when present; blank values count as missing.
 */

import { assertEquals } from "../../../_helpers/assert.ts";
import { chopRunMeta } from "../../../../core/agent/run/run_state.ts";

const FULL = {
  SASE_CHOP_LUMBERJACK: "hooks",
  SASE_CHOP_NAME: "split",
  SASE_CHOP_RUN_ID: "20261208_010203_000001",
  SASE_CHOP_PROMPT_HASH: "0123456789abcdef",
};

Deno.test("chopRunMeta: all three names and the hash", () => {
  assertEquals(chopRunMeta(FULL), {
    chop_lumberjack: "hooks",
    chop_name: "split",
    chop_run_id: "20261208_010203_000001",
    chop_prompt_hash: "0123456789abcdef",
  });
  const { SASE_CHOP_PROMPT_HASH: _, ...script } = FULL;
  assertEquals(chopRunMeta(script), {
    chop_lumberjack: "hooks",
    chop_name: "split",
    chop_run_id: "20261208_010203_000001",
  });
  assertEquals(chopRunMeta({ ...FULL, SASE_CHOP_PROMPT_HASH: " " }).chop_prompt_hash, undefined);
});

Deno.test("chopRunMeta: nothing unless the lumberjack, the chop and the run are named", () => {
  assertEquals(chopRunMeta({}), {});
  for (const name of ["SASE_CHOP_LUMBERJACK", "SASE_CHOP_NAME", "SASE_CHOP_RUN_ID"]) {
    assertEquals(chopRunMeta({ ...FULL, [name]: undefined }), {}, name);
    assertEquals(chopRunMeta({ ...FULL, [name]: "  " }), {}, name);
  }
});
