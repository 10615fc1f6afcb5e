import { join } from "node:path";
import { assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import {
  type CoderFollowUp,
  coderPrompt,
  followUpModel,
  plannerDirOf,
  readPlanner,
} from "../../../core/sdd/follow_up.ts";

const PLANNER = { name: "a", provider: "claude", model: "opus" };

Deno.test("followUpModel: approval choice, worker override, worker_models entry, planner, worker", () => {
  assertEquals(followUpModel({ chosen: "codex/gpt-5.5", planner: PLANNER }), "codex/gpt-5.5");
  assertEquals(
    followUpModel({ planner: PLANNER, workerOverride: { provider: "qwen", model: "q3" } }),
    "qwen/q3",
  );
  const workerModels = { "claude/opus": "claude/sonnet", opus: "x", claude: "y" };
  assertEquals(followUpModel({ planner: PLANNER, workerModels }), "claude/sonnet");
  assertEquals(followUpModel({ planner: PLANNER, workerModels: { claude: "y" } }), "y");
  assertEquals(followUpModel({ planner: PLANNER, workerModels: { codex: "z" } }), "claude/opus");
  assertEquals(followUpModel({ planner: { name: "a" } }), "worker");
  assertEquals(followUpModel({ planner: null }), "worker");
});

const FOLLOW_UP: CoderFollowUp = {
  kind: "coder",
  planRef: "sdd/tales/202605/parser.md",
  projectDir: "/src/proj",
  plannerDir: "/runs/a",
  extra: "  keep it small \n",
};

Deno.test("coderPrompt: family name, model, workspace, plan reference and extra instructions", () => {
  const input = {
    followUp: FOLLOW_UP,
    planner: PLANNER,
    model: "claude/opus",
    takenNames: new Set(["a"]),
    inheritPlannerChat: false,
  };
  assertEquals(
    coderPrompt(input),
    "%name:a--code\n%model:claude/opus\n#cd:/src/proj\n" +
      "The @sdd/tales/202605/parser.md plan file has been reviewed and approved. Implement it now.\n" +
      "\nkeep it small",
  );
  const taken = coderPrompt({
    ...input,
    takenNames: new Set(["a", "a--code"]),
    inheritPlannerChat: true,
    followUp: { ...FOLLOW_UP, extra: undefined },
  });
  assertEquals(
    taken,
    "%model:claude/opus\n#cd:/src/proj\n#fork:a\n" +
      "The @sdd/tales/202605/parser.md plan file has been reviewed and approved. Implement it now.",
  );
  assertEquals(
    coderPrompt({ ...input, planner: null }).split("\n").slice(0, 2),
    ["%model:claude/opus", "#cd:/src/proj"],
  );
});

Deno.test("the planner is the agent run owning the response directory", async () => {
  await using sb = await makeSandbox();
  assertEquals(plannerDirOf(join(sb.root, "run", "plan_approval")), join(sb.root, "run"));
  assertEquals(plannerDirOf(join(sb.saseHome, "plan_requests", "id")), null);
  await sb.write(
    "run/agent_meta.json",
    JSON.stringify({ name: "a", provider: "fakey", model: "reply", pid: 1 }),
  );
  assertEquals(await readPlanner(join(sb.root, "run")), {
    name: "a",
    provider: "fakey",
    model: "reply",
  });
  assertEquals(await readPlanner(join(sb.root, "missing")), null);
  assertEquals(await readPlanner(null), null);
});
