/**
 * Workflow checkpoints from the phone: a detached workflow pauses at a
 * `hitl: true` step, and the gateway's HITL actions decide it through the
 * same service as `sase agent hitl`; a second decision is refused and the
 * first stays.
 */

import { join } from "node:path";
import { assertEquals } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { api, HITL_GATE_WORKFLOW, openEvents, pair, startGateway } from "./_gateway.ts";

Deno.test("HITL accept from the phone resumes the run; a repeat is already-handled; feedback needs text", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, SASE_HITL_POLL_MS: "100" };
  await sb.write("work/xprompts/gate.yml", HITL_GATE_WORKFLOW);
  const gw = await startGateway(env);
  try {
    const { token } = await pair(gw);
    const stream = await openEvents(gw, token);
    const launched = await runSase(["run", "-d", `#cd:${sb.cwd} #!gate`], { env, cwd: sb.cwd });
    assertEquals(launched.code, 0, launched.stderr);
    const [dir] = await runDirs(sb);
    await waitFor(
      "the checkpoint",
      async () => (await readJsonFile(join(dir, "hitl_request.json"))) ?? undefined,
    );
    // The HITL notification reaches the phone as a pending action.
    await stream.waitFor((e) => e.data.payload.notifications_changed?.reason === "external_change");
    const list = await api(gw, token, "GET", "/api/v1/notifications");
    const card = list.json.notifications.find((n: { action_summary: { kind: string } | null }) =>
      n.action_summary?.kind === "hitl"
    );
    assertEquals([card.action_summary.state, card.actionable], ["available", true]);
    const prefix = card.id.slice(0, 8);
    const blank = await api(gw, token, "POST", `/api/v1/actions/hitl/${prefix}/feedback`, {
      schema_version: 1,
      feedback: "  ",
    });
    assertEquals([blank.status, blank.json.code], [400, "invalid_request"]);
    const accepted = await api(gw, token, "POST", `/api/v1/actions/hitl/${prefix}/accept`, {
      schema_version: 1,
    });
    assertEquals(accepted.status, 200, JSON.stringify(accepted.json));
    assertEquals([accepted.json.action_kind, accepted.json.response_file], [
      "hitl",
      "hitl_response.json",
    ]);
    assertEquals(accepted.json.response_json, { action: "accept" });
    const again = await api(gw, token, "POST", `/api/v1/actions/hitl/${prefix}/reject`, {
      schema_version: 1,
    });
    assertEquals(again.status, 409);
    assertEquals(
      ["conflict_already_handled", "gone_stale"].includes(again.json.code),
      true,
      again.json.code,
    );
    const done = await waitFor(
      "the run to finish",
      () => readJsonFile(join(dir, "done.json")),
      60_000,
    );
    assertEquals(done.outcome, "completed");
  } finally {
    await gw.stop();
  }
});
