import { assertEquals } from "../../_helpers/assert.ts";
import {
  planCheckWire,
  proposalDashboardWire,
  sddLinksWire,
  sddValidationWire,
} from "../../../core/sdd/wire.ts";
import type { ProposalRow } from "../../../core/sdd/proposals.ts";

Deno.test("SDD validation and links go on the wire with snake_case counts and schema_version 1", () => {
  assertEquals(
    JSON.stringify(sddValidationWire({
      root: "/p/sdd",
      ok: false,
      strict: true,
      fileCount: 3,
      errorCount: 1,
      warningCount: 0,
      issues: [{
        severity: "error",
        code: "broken-link",
        path: "tales/a.md",
        message: "m",
        line: 2,
      }],
    })),
    '{"schema_version":1,"root":"/p/sdd","ok":false,"strict":true,"file_count":3,' +
      '"error_count":1,"warning_count":0,"issues":[{"severity":"error","code":"broken-link",' +
      '"path":"tales/a.md","message":"m","line":2}]}',
  );
  assertEquals(
    JSON.stringify(sddLinksWire({
      root: "/p/sdd",
      links: [{
        path: "prompts/a.md",
        kind: "prompt",
        field: "plan",
        target: "sdd/tales/a.md",
        targetExists: true,
        bidirectional: false,
      }],
    })),
    '{"schema_version":1,"root":"/p/sdd","links":[{"path":"prompts/a.md","kind":"prompt",' +
      '"field":"plan","target":"sdd/tales/a.md","target_exists":true,"bidirectional":false}]}',
  );
});

Deno.test("a plan check carries the validation schema version 3 and field_path per finding", () => {
  const wire = planCheckWire({
    path: "plan.md",
    tier: "epic",
    validation: {
      ok: false,
      diagnostics: [{
        severity: "error",
        code: "type-mismatch",
        fieldPath: "phases[0].depends_on",
        message: "m",
        line: 7,
      }],
      plan: null,
    },
  });
  assertEquals(
    JSON.stringify(wire),
    '{"path":"plan.md","tier":"epic","schema_version":3,"ok":false,"diagnostics":[{"severity":' +
      '"error","code":"type-mismatch","field_path":"phases[0].depends_on","message":"m",' +
      '"line":7}],"plan":null}',
  );
});

Deno.test("the plan dashboard counts each list and leaves the state out of the rows", () => {
  const row: ProposalRow = {
    id: "0123456789",
    idPrefix: "01234567",
    state: "approved",
    timestamp: "2026-01-01T00:00:00",
    title: "T",
    tier: "tale",
    kind: "tale",
    planFile: "/a/plan.md",
    project: null,
    responseDir: "/r",
    savedPlanPath: "sdd/tales/t.md",
  };
  assertEquals(
    JSON.stringify(proposalDashboardWire({ proposed: [], approved: [row], rejected: [] })),
    '{"summary":{"proposed":0,"approved":1,"rejected":0},"proposed":[],"approved":[{"id":' +
      '"0123456789","id_prefix":"01234567","timestamp":"2026-01-01T00:00:00","title":"T",' +
      '"tier":"tale","kind":"tale","plan_file":"/a/plan.md","project":null,"response_dir":"/r",' +
      '"saved_plan_path":"sdd/tales/t.md"}],"rejected":[]}',
  );
});
