import { join } from "node:path";
import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { resolveIdentity, resolvePendingAction } from "../../../core/gateway/action_targets.ts";
import { actionStateOf } from "../../../core/gateway/action_state.ts";
import { GatewayError } from "../../../core/gateway/errors.ts";
import type { Notification } from "../../../core/notify/model.ts";

/** A plan approval row whose response directory holds `files`. */
async function plan(
  root: string,
  id: string,
  files: string[],
  dismissed = false,
): Promise<Notification> {
  const dir = join(root, id);
  await Deno.mkdir(dir, { recursive: true });
  for (const file of files) await Deno.writeTextFile(join(dir, file), "{}");
  return {
    id,
    timestamp: "2026-05-06T15:00:00Z",
    sender: "plan",
    action: "PlanApproval",
    action_data: { response_dir: dir },
    dismissed,
  };
}

function code(fn: () => unknown): string {
  return (assertThrows(fn, GatewayError) as GatewayError).apiCode;
}

Deno.test("action state: available, already handled, missing request, stale (dismissed), missing target", async () => {
  const root = await Deno.makeTempDir();
  try {
    assertEquals(actionStateOf(await plan(root, "a", ["plan_request.json"])), "available");
    assertEquals(
      actionStateOf(await plan(root, "b", ["plan_request.json", "plan_response.json"])),
      "already_handled",
    );
    assertEquals(actionStateOf(await plan(root, "c", [])), "missing_request");
    assertEquals(actionStateOf(await plan(root, "d", ["plan_request.json"], true)), "stale");
    assertEquals(
      actionStateOf({ id: "e", timestamp: "t", sender: "plan", action: "PlanApproval" }),
      "missing_target",
    );
    assertEquals(
      actionStateOf({ id: "f", timestamp: "t", sender: "x", action: "JumpToAgent" }),
      "unsupported",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("prefix resolution: pending wins; several pending is ambiguous; handled, stale and nothing have their codes", async () => {
  const root = await Deno.makeTempDir();
  try {
    const rows = [
      await plan(root, "abcd0001-pending", ["plan_request.json"]),
      await plan(root, "abcd0002-pending", ["plan_request.json"]),
      await plan(root, "abce0003-handled", ["plan_request.json", "plan_response.json"]),
      await plan(root, "abcf0004-stale", ["plan_request.json"], true),
      await plan(root, "abcg0005-missing", []),
      { id: "abch0006-hitl", timestamp: "t", sender: "hitl", action: "HITL", action_data: {} },
    ];
    assertEquals(code(() => resolvePendingAction(rows, "plan", "abcd")), "ambiguous_prefix");
    assertEquals(resolvePendingAction(rows, "plan", "abcd0002").id, "abcd0002-pending");
    // A handled row beside a pending one: the pending one is the target.
    assertEquals(resolvePendingAction(rows.slice(1, 3), "plan", "abc").id, "abcd0002-pending");
    assertEquals(
      code(() => resolvePendingAction(rows, "plan", "abce")),
      "conflict_already_handled",
    );
    assertEquals(code(() => resolvePendingAction(rows, "plan", "abcf")), "gone_stale");
    assertEquals(code(() => resolvePendingAction(rows, "plan", "abcg")), "gone_stale");
    assertEquals(code(() => resolvePendingAction(rows, "plan", "zzzz")), "not_found");
    // Another family's row is not a plan.
    assertEquals(code(() => resolvePendingAction(rows, "plan", "abch")), "not_found");
    assertEquals(code(() => resolvePendingAction(rows, "plan", " ")), "invalid_request");
    // An exact id names its row even when it is the prefix of another id.
    const exact = [
      await plan(root, "same", ["plan_request.json"]),
      await plan(root, "same-longer", ["plan_request.json"]),
    ];
    assertEquals(resolvePendingAction(exact, "plan", "same").id, "same");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("identity: the shortest unique prefix of at least 8 characters within the family", () => {
  const rows: Notification[] = ["abcdefgh1111", "abcdefgh2222", "zz000000"].map((id) => ({
    id,
    timestamp: "t",
    sender: "plan",
    action: "PlanApproval",
    action_data: {},
  }));
  assertEquals(resolveIdentity(rows[0], rows), {
    notification_id: "abcdefgh1111",
    prefix: "abcdefgh1",
    prefix_len: 9,
    resolution: "unique_prefix",
  });
  assertEquals(resolveIdentity(rows[2], rows).prefix, "zz000000");
  assertEquals(resolveIdentity(rows[2], rows).resolution, "exact");
});
