import { assertEquals } from "../../_helpers/assert.ts";
import { historyDoctorWire, promptSearchWire } from "../../../core/xprompt/history/wire.ts";

Deno.test("prompt search hits keep their own keys on the wire; absent path, plan and also_in_local are left out", () => {
  const wire = promptSearchWire("auth", [
    {
      source: "sdd",
      id: "ph_a",
      title: "A",
      path: "sdd/prompts/202601/a.md",
      tags: ["review"],
      date: "260101_000000",
      text: "auth a",
      matched: ["body"],
      alsoInLocal: true,
    },
    {
      source: "local",
      id: "ph_b",
      title: "B",
      tags: [],
      date: "260102_000000",
      text: "auth b",
      matched: ["body"],
    },
  ], 5);
  assertEquals(
    JSON.stringify(wire),
    '{"schema_version":1,"query":"auth","count":2,"total":5,"sdd":1,"local":1,"results":[' +
      '{"source":"sdd","id":"ph_a","title":"A","path":"sdd/prompts/202601/a.md","tags":["review"],' +
      '"date":"260101_000000","text":"auth a","matched":["body"],"also_in_local":true},' +
      '{"source":"local","id":"ph_b","title":"B","tags":[],"date":"260102_000000",' +
      '"text":"auth b","matched":["body"]}]}',
  );
});

Deno.test("the prompt store's health report goes on the wire with snake_case keys", () => {
  assertEquals(
    Object.keys(historyDoctorWire({
      path: "/h.json",
      exists: true,
      sizeBytes: 10,
      parseable: true,
      error: null,
      entries: 1,
      cancelled: 0,
      invalidEntries: 0,
      duplicateIds: [],
      oversized: [],
      veryShort: [],
      fzfAvailable: false,
      clipboardCommand: null,
      ok: true,
    })),
    [
      "schema_version",
      "path",
      "exists",
      "size_bytes",
      "parseable",
      "error",
      "entries",
      "cancelled",
      "invalid_entries",
      "duplicate_ids",
      "oversized",
      "very_short",
      "fzf_available",
      "clipboard_command",
      "ok",
    ],
  );
});
