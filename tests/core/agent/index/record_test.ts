import { assertEquals } from "../../../_helpers/assert.ts";
import { buildRecord } from "../../../../core/agent/index/parse_record.ts";
import type { RunFiles } from "../../../../core/agent/index/record.ts";

const LOCATION = {
  dir: "/x/projects/p/artifacts/ace-run/202601/01/20260101090000",
  project: "p",
  timestamp: "20260101090000",
};
const STAMP = { mtimeMs: 1000, size: 10 };

function files(overrides: Partial<RunFiles>): RunFiles {
  return {
    stamps: [STAMP, null, null, null, null],
    meta: null,
    done: null,
    promptHead: null,
    ...overrides,
  };
}

Deno.test("a record takes meta, done and markers; done wins where both speak", () => {
  const record = buildRecord(
    LOCATION,
    files({
      stamps: [STAMP, STAMP, STAMP, STAMP, null],
      meta: JSON.stringify({
        name: "alpha",
        status: "running",
        pid: 10,
        agent_pid: 11,
        model: "opus",
        llm_provider: "claude",
        waiting_for: ["dep"],
        output_variables: { a: "1", bad: 2 },
        flags: { approve: true },
        hidden: true,
      }),
      done: JSON.stringify({ outcome: "failed", model: "sonnet", error: "x".repeat(900) }),
      promptHead: "  fix\n\n the   bug  ",
    }),
  );
  assertEquals(record.name, "alpha");
  assertEquals(record.has_done, true);
  assertEquals(record.outcome, "failed");
  assertEquals(record.model, "sonnet");
  assertEquals(record.provider, "claude");
  assertEquals([record.pid, record.agent_pid], [10, 11]);
  assertEquals(record.pending_question, true);
  assertEquals(record.pending_plan, true);
  assertEquals(record.output_variables, { a: "1" });
  assertEquals(record.approve, true);
  assertEquals(record.hidden, true);
  assertEquals(record.error?.length, 500);
  assertEquals(record.prompt_snippet, "fix the bug");
  assertEquals(record.meta_mtime_ms, 1000);
});

Deno.test("bad fields are dropped, not the run; broken files read as absent", () => {
  const record = buildRecord(
    LOCATION,
    files({
      meta: JSON.stringify({ name: 42, pid: "12", status: "waiting", waiting_for: "dep" }),
    }),
  );
  assertEquals([record.name, record.pid, record.phase], [null, null, "waiting"]);
  assertEquals(record.waiting_for, []);
  const torn = buildRecord(
    LOCATION,
    files({ meta: '{"name": "half', stamps: [STAMP, STAMP, null, null, null], done: "[]" }),
  );
  assertEquals(torn.name, null);
  assertEquals(torn.has_done, true, "done.json exists even if unreadable");
  assertEquals(torn.outcome, null);
});

Deno.test("an answered plan proposal is no longer pending", () => {
  const record = buildRecord(LOCATION, files({ stamps: [STAMP, null, null, STAMP, STAMP] }));
  assertEquals(record.pending_plan, false);
});

Deno.test("the run's ChangeSpec: meta cl_name, else done.json cl_name, else meta_changespec; blank is none", () => {
  const cl = (meta: Record<string, unknown>, done: Record<string, unknown> | null) =>
    buildRecord(
      LOCATION,
      files({
        stamps: [STAMP, done ? STAMP : null, null, null, null],
        meta: JSON.stringify(meta),
        done: done ? JSON.stringify(done) : null,
      }),
    ).cl_name;
  const variables = { output_variables: { meta_changespec: "from_var" } };
  assertEquals(cl({ cl_name: "from_meta", ...variables }, { cl_name: "from_done" }), "from_meta");
  assertEquals(cl({ ...variables }, { cl_name: "from_done" }), "from_done");
  assertEquals(cl({ ...variables }, null), "from_var");
  assertEquals(cl({ cl_name: " ", ...variables }, { cl_name: "" }), "from_var");
  assertEquals(cl({ cl_name: 7 }, null), null);
  assertEquals(cl({}, null), null);
});
