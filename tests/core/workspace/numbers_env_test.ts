import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import {
  firstFreeWorkspace,
  isReservedWorkspace,
  parseWorkspaceNumber,
} from "../../../core/workspace/numbers.ts";
import { workspaceEnv } from "../../../core/workspace/env.ts";
import type { SaseError } from "../../../core/errors.ts";
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
  assertEquals(
    (assertThrows(() => parseWorkspaceNumber("ten")) as SaseError).exitCode,
    2,
  );
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
