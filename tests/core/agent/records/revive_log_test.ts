import { assertEquals, assertThrows } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import {
  appendReviveEvent,
  eventsLogPath,
  filterReviveRecords,
  parseDateRange,
  readReviveLog,
} from "../../../../core/agent/records/revive_log.ts";
import { SaseError } from "../../../../core/errors.ts";

const NOW = new Date(2026, 2, 18, 15, 30, 0);

Deno.test("date ranges: absolute, relative, today and START..END", () => {
  assertEquals(parseDateRange("260315", NOW), { start: new Date(2026, 2, 15), end: null });
  assertEquals(parseDateRange("260315101112", NOW).start, new Date(2026, 2, 15, 10, 11, 12));
  assertEquals(parseDateRange("-7d", NOW).start, new Date(2026, 2, 11));
  assertEquals(parseDateRange("0d", NOW).start, new Date(2026, 2, 18));
  assertEquals(parseDateRange("-2h", NOW).start, new Date(2026, 2, 18, 13, 30, 0));
  assertEquals(parseDateRange("-30m", NOW).start, new Date(2026, 2, 18, 15, 0, 0));
  assertEquals(parseDateRange("260315..260316", NOW), {
    start: new Date(2026, 2, 15),
    end: new Date(new Date(2026, 2, 17).getTime() - 1),
  });
  assertThrows(() => parseDateRange("yesterday", NOW), SaseError, "date range");
  assertThrows(() => parseDateRange("1..2..3", NOW), SaseError, "date range");
});

Deno.test("the log keeps only revive events; filters by outcome, range and count", async () => {
  await using sb = await makeSandbox();
  await Deno.mkdir(`${sb.saseHome}/logs`, { recursive: true });
  await Deno.writeTextFile(
    eventsLogPath(sb.env),
    '{"event": "something_else", "timestamp": "260101_000000"}\n{"event": "agent_revived"}\n',
  );
  await appendReviveEvent(sb.env, "agent_revive_started", { batch_size: 2 }, new Date(2026, 2, 10));
  await appendReviveEvent(sb.env, "agent_revived", { outcome: "success" }, new Date(2026, 2, 17));
  await appendReviveEvent(
    sb.env,
    "agent_revive_failed",
    { outcome: "failure", stage: "artifact_restore", error_message: "x".repeat(900) },
    new Date(2026, 2, 18),
  );
  const { records, skipped } = await readReviveLog(sb.env);
  assertEquals(records.map((record) => record.event), [
    "agent_revive_started",
    "agent_revived",
    "agent_revive_failed",
  ]);
  assertEquals(skipped, 1, "the revive record without a timestamp");
  assertEquals(records[2].error_message?.length, 500);
  assertEquals(filterReviveRecords(records, { outcome: "failure" }).length, 1);
  assertEquals(
    filterReviveRecords(records, { since: parseDateRange("-2d", NOW) }).map((r) => r.event),
    ["agent_revived", "agent_revive_failed"],
  );
  assertEquals(filterReviveRecords(records, { limit: 1 })[0].event, "agent_revive_failed");
});
