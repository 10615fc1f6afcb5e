import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import {
  firstFreeWorkspace,
  isReservedWorkspace,
  parseWorkspaceNumber,
} from "../../../core/workspace/numbers.ts";
import { workspaceEnv } from "../../../core/workspace/env.ts";
import { SaseError } from "../../../core/errors.ts";
import type { RunningClaim } from "../../../core/changespec/types.ts";
import type { WorkspaceClaim } from "../../../core/workspace/types.ts";

const row = (workspace: number): RunningClaim => ({
  workspace,
  pid: 1,
  workflow: "run",
  changespec: "",
  timestamp: null,
  pinned: false,
});

Deno.test("allocation starts at #10, skips held numbers, ignores #0 placeholders and respects bounds", () => {
  assertEquals(firstFreeWorkspace([]), 10);
  assertEquals(firstFreeWorkspace([row(0), row(0), row(10), row(11), row(13)]), 12);
  assertEquals(firstFreeWorkspace([row(100)], 100, 100), null);
  assertEquals(firstFreeWorkspace([row(1)], 1, 3), 2);
  assertEquals([0, 1, 9, 10].map(isReservedWorkspace), [false, true, true, false]);
  assertEquals([parseWorkspaceNumber("10"), parseWorkspaceNumber("#0")], [10, 0]);
  const bad = assertThrows(
    () => parseWorkspaceNumber("ten"),
    SaseError,
    "invalid workspace number 'ten'",
  ) as SaseError;
  assertEquals(bad.kind, "usage");
});

Deno.test("allocation bounds are inclusive at both ends: #10 and #999 are handed out", () => {
  const held = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, index) => row(from + index));
  // Every number below the upper bound held: the bound itself is next.
  assertEquals(firstFreeWorkspace(held(10, 998)), 999);
  assertEquals(firstFreeWorkspace(held(10, 999)), null);
  assertEquals(firstFreeWorkspace(held(11, 999)), 10);
  assertEquals(firstFreeWorkspace([row(1), row(2)], 1, 3), 3);
  assertEquals(firstFreeWorkspace([], 5, 5), 5);
  assertEquals(firstFreeWorkspace([row(5)], 5, 5), null);
  // Numbers outside the range never count, held or not.
  assertEquals(firstFreeWorkspace([row(4), row(6)], 5, 6), 5);
});

Deno.test("child env: inherited workspace variables of every prefix removed, this claim's set", () => {
  const claim = {
    num: 12,
    dir: "/ws/p_12",
    workspace: { envPrefix: "SASE_GIT" },
  } as unknown as WorkspaceClaim;
  const env = workspaceEnv(claim, {
    PATH: "/bin",
    SASE_GIT_WORKSPACE_NUM: "99",
    SASE_CD_PRE_ALLOCATED: "1",
    SASE_CD_WORKSPACE_DIR: "/stale",
    SASE_GH_WORKSPACE_DIR: "/stale",
    SASE_WORKSPACE_ROOT: "/keep",
    SASE_HOME: "/keep",
  });
  assertEquals(env, {
    PATH: "/bin",
    SASE_WORKSPACE_ROOT: "/keep",
    SASE_HOME: "/keep",
    SASE_GIT_PRE_ALLOCATED: "1",
    SASE_GIT_WORKSPACE_NUM: "12",
    SASE_GIT_WORKSPACE_DIR: "/ws/p_12",
  });
});
