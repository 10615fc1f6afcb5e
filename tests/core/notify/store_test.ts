import { assert, assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  appendNotifications,
  dismiss,
  dismissMany,
  expireSnoozes,
  markAllRead,
  markRead,
  markUnread,
  readNotifications,
  setMuted,
  snooze,
} from "../../../core/notify/store.ts";
import { SaseError } from "../../../core/errors.ts";
import { upstreamFixture } from "../../_helpers/fixtures.ts";

const CONTRACT = upstreamFixture("notifications/store_contract.jsonl");
const WORKER = fileURLToPath(new URL("./store_worker.ts", import.meta.url));

async function withStore(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sase-notify-" });
  try {
    await fn(join(dir, "notifications", "notifications.jsonl"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function seedContract(path: string): Promise<string> {
  const text = await Deno.readTextFile(CONTRACT);
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, text);
  return text;
}

Deno.test("the upstream contract file loads: valid rows kept, bad lines reported by line", async () => {
  await withStore(async (path) => {
    await seedContract(path);
    const { records, problems } = await readNotifications(path);
    assertEquals(records.length, 13);
    assertEquals(problems.map((problem) => problem.line), [3, 4]);
    assert(problems[0].reason.startsWith("invalid JSON"));
    assertEquals(problems[1].reason, "field 'sender' is required");
    const full = records.find((record) => record.id === "valid-full")!;
    assertEquals(full.icon, "🔔");
    assertEquals(full.action_data, {
      changespec_name: "valid-full",
      project_file: "/tmp/project.sase",
    });
  });
});

Deno.test("a state change rewrites only the changed row; every other line stays byte-identical", async () => {
  await withStore(async (path) => {
    const before = (await seedContract(path)).split("\n");
    assert(await markRead(path, "legacy-minimal"));
    const after = (await Deno.readTextFile(path)).split("\n");
    assertEquals(after.length, before.length);
    for (let index = 0; index < before.length; index++) {
      if (before[index].includes('"legacy-minimal"')) {
        assertEquals(JSON.parse(after[index]), { ...JSON.parse(before[index]), read: true });
      } else {
        assertEquals(after[index], before[index]);
      }
    }
  });
});

Deno.test("unknown fields survive appends and rewrites", async () => {
  await withStore(async (path) => {
    await appendNotifications(path, [{
      id: "future",
      timestamp: "2026-04-30T12:00:00+00:00",
      sender: "newer-tool",
      payload: { nested: [1, 2] },
      schema_version: 7,
    }]);
    await markRead(path, "future");
    await setMuted(path, "future", true);
    const [record] = (await readNotifications(path)).records;
    assertEquals(record, {
      id: "future",
      timestamp: "2026-04-30T12:00:00+00:00",
      sender: "newer-tool",
      payload: { nested: [1, 2] },
      schema_version: 7,
      read: true,
      muted: true,
    });
  });
});

Deno.test("read, unread, dismiss, mute and snooze transitions", async () => {
  await withStore(async (path) => {
    const base = { timestamp: "2026-04-30T12:00:00+00:00", sender: "t" };
    await appendNotifications(path, [{ id: "a", ...base }, { id: "b", ...base }, {
      id: "c",
      ...base,
    }]);
    assertEquals(await markRead(path, "a"), true);
    assertEquals(await markRead(path, "a"), false, "second mark-read changes nothing");
    assertEquals(await markUnread(path, "a"), true);
    assertEquals(await markAllRead(path), 3);
    assertEquals(await dismiss(path, "b"), true);
    assertEquals(await dismissMany(path, ["b", "c", "zzz"]), 1);
    assertEquals(await snooze(path, "a", "2099-01-01T00:00:00+00:00"), true);
    let a = (await readNotifications(path)).records.find((record) => record.id === "a")!;
    assertEquals([a.muted, a.snooze_until], [true, "2099-01-01T00:00:00+00:00"]);
    assertEquals(await setMuted(path, "a", false), true, "unmute cancels the snooze");
    a = (await readNotifications(path)).records.find((record) => record.id === "a")!;
    assertEquals([a.muted, a.snooze_until], [false, null]);
    await snooze(path, "a", "2000-01-01T00:00:00+00:00");
    assertEquals(await expireSnoozes(path, new Date("2026-01-01T00:00:00Z")), ["a"]);
    a = (await readNotifications(path)).records.find((record) => record.id === "a")!;
    assertEquals([a.muted, a.snooze_until, a.resurfaced_at], [
      false,
      null,
      "2026-01-01T00:00:00.000Z",
    ]);
    const missing = await assertRejects(() => markRead(path, "nope"), SaseError, "'nope'");
    assertEquals((missing as SaseError).code, "notify.not_found");
  });
});

Deno.test("a duplicate id is refused and nothing is written", async () => {
  await withStore(async (path) => {
    const row = { id: "same", timestamp: "2026-04-30T12:00:00+00:00", sender: "t" };
    await appendNotifications(path, [row]);
    const before = await Deno.readTextFile(path);
    const error = await assertRejects(() => appendNotifications(path, [row]), SaseError, "'same'");
    assertEquals((error as SaseError).code, "notify.duplicate_id");
    assertEquals(await Deno.readTextFile(path), before);
  });
});

Deno.test("an id is taken only by a valid row holding it, however the row spells it", async () => {
  await withStore(async (path) => {
    await Deno.mkdir(join(path, ".."), { recursive: true });
    const rows = [
      '{"id":"plain","timestamp":"t","sender":"s"}',
      // The id through a JSON escape: the row holds "escaped".
      '{"id":"esc\\u0061ped","timestamp":"t","sender":"s"}',
      // The key itself escaped.
      '{"\\u0069d":"key-escaped","timestamp":"t","sender":"s"}',
      '{"id":"crlf","timestamp":"t","sender":"s"}\r',
      // Not a valid notification (no sender): its id is not taken.
      '{"id":"invalid","timestamp":"t"}',
      // Another row merely mentioning an id.
      '{"id":"other","timestamp":"t","sender":"s","notes":["see mentioned"]}',
      "not json at all, mentioning plain",
      '{"id":"torn","timest',
    ];
    await Deno.writeTextFile(path, rows.join("\n"));
    for (const id of ["plain", "escaped", "key-escaped", "crlf"]) {
      const error = await assertRejects(
        () => appendNotifications(path, [{ id, timestamp: "t", sender: "s" }]),
        SaseError,
        `a notification with id '${id}' exists`,
      );
      assertEquals((error as SaseError).code, "notify.duplicate_id");
    }
    for (const id of ["invalid", "mentioned", "torn", "esc"]) {
      await appendNotifications(path, [{ id, timestamp: "t", sender: "s" }]);
    }
    const { records } = await readNotifications(path);
    assertEquals(records.map((record) => record.id), [
      "plain",
      "escaped",
      "key-escaped",
      "crlf",
      "other",
      "invalid",
      "mentioned",
      "torn",
      "esc",
    ]);
  });
});

Deno.test("an append after a torn last line starts on a fresh line", async () => {
  await withStore(async (path) => {
    await Deno.mkdir(join(path, ".."), { recursive: true });
    await Deno.writeTextFile(path, '{"id":"ok","timestamp":"t","sender":"s"}\n{"id":"torn","ti');
    await appendNotifications(path, [{ id: "new", timestamp: "t", sender: "s" }]);
    const { records, problems } = await readNotifications(path);
    assertEquals(records.map((record) => record.id), ["ok", "new"]);
    assertEquals(problems.map((problem) => problem.line), [2]);
  });
});

Deno.test("6 processes × 20 creates racing a rewriting process: every row present exactly once", async () => {
  await withStore(async (path) => {
    const run = (...args: string[]) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", WORKER, ...args],
        stdout: "piped",
        stderr: "piped",
      }).output();
    const outputs = await Promise.all([
      ...Array.from({ length: 6 }, (_, worker) => run("create", path, String(worker), "20")),
      run("churn", path, "40"),
    ]);
    for (const output of outputs) {
      assertEquals(output.code, 0, new TextDecoder().decode(output.stderr));
    }
    assertEquals(JSON.parse(new TextDecoder().decode(outputs[6].stdout)), { rounds: 40 });
    const { records, problems } = await readNotifications(path);
    assertEquals(problems, []);
    assertEquals(records.length, 120);
    assertEquals(new Set(records.map((record) => record.id)).size, 120);
    // Every churn round marked one distinct row read, every third (0, 3, ..., 39) dismissed it:
    // no rewrite lost another's change.
    assertEquals(records.filter((record) => record.read).length, 40);
    assertEquals(records.filter((record) => record.dismissed).length, 14);
  });
});

Deno.test("a row nested deeper than 100 levels is skipped and reported, and kept verbatim by rewrites", async () => {
  await withStore(async (path) => {
    await Deno.mkdir(join(path, ".."), { recursive: true });
    const deep = `{"id":"deep","timestamp":"t","sender":"s","x":${"[".repeat(5000)}${
      "]".repeat(5000)
    }}`;
    const text = `{"id":"ok","timestamp":"t","sender":"s"}\n${deep}\n`;
    await Deno.writeTextFile(path, text);
    const { records, problems } = await readNotifications(path);
    assertEquals(records.map((record) => record.id), ["ok"]);
    assertEquals(problems, [{ line: 2, reason: "field 'x' nests deeper than 100 levels" }]);
    assert(await markRead(path, "ok"));
    assertEquals(
      await Deno.readTextFile(path),
      `{"id":"ok","timestamp":"t","sender":"s","read":true}\n${deep}\n`,
    );
  });
});

Deno.test("store reads: a directory in the store's place is an error naming the path", async () => {
  await withStore(async (path) => {
    await Deno.mkdir(path, { recursive: true });
    await assertRejects(() => readNotifications(path), SaseError, `${path}: is a directory`);
    await assertRejects(
      () => appendNotifications(path, [{ id: "a", timestamp: "t", sender: "s" }]),
      SaseError,
      `${path}: is a directory`,
    );
  });
});

/** `n` rows `r0`… as the original writes them (its spacing), unread. */
function rows(n: number): string[] {
  return Array.from(
    { length: n },
    (_, index) =>
      `{"id": "r${index}", "timestamp": "2026-04-30T12:0${index}:00+00:00", "sender": "s", "read": false}`,
  );
}

/** Run a store operation in another process (`deno eval`), as another sase would. */
async function inOtherProcess(code: string): Promise<void> {
  const store = new URL("../../../core/notify/store.ts", import.meta.url).href;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", `import * as store from "${store}"; ${code}`],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(output.code, 0, new TextDecoder().decode(output.stderr));
}

Deno.test("a rewrite copies every other line's bytes as they were: CRLF endings and a leading BOM too", async () => {
  await withStore(async (path) => {
    await Deno.mkdir(join(path, ".."), { recursive: true });
    const [a, b, c] = rows(3);
    await Deno.writeTextFile(path, `\ufeff${a}\r\n${b}\r\n${c}\n`);
    assert(await markRead(path, "r1"));
    // r1 is serialised anew (compact, like every sase rewrite); r0 keeps its BOM and
    // its \r, r2 its bytes; the file still ends with a newline.
    assertEquals(
      await Deno.readTextFile(path),
      `\ufeff${a}\r\n{"id":"r1","timestamp":"2026-04-30T12:01:00+00:00","sender":"s","read":true}\n${c}\n`,
    );
    assertEquals((await readNotifications(path)).records.map((record) => record.id), [
      "r0",
      "r1",
      "r2",
    ]);
  });
});

Deno.test("a process parses a row once: reads and rewrites reuse unchanged rows' records and never modify them", async () => {
  await withStore(async (path) => {
    await Deno.mkdir(join(path, ".."), { recursive: true });
    await Deno.writeTextFile(path, rows(3).join("\n") + "\n");
    const first = (await readNotifications(path)).records;
    const second = (await readNotifications(path)).records;
    first.forEach((record, index) => assert(second[index] === record, `row ${index} parsed again`));
    assert(await markRead(path, "r1"));
    const after = (await readNotifications(path)).records;
    assert(after[0] === first[0] && after[2] === first[2], "an unchanged row was parsed again");
    assertEquals(after[1].read, true);
    // The snapshot a reader already holds is not changed under it.
    assertEquals(first[1].read, false);
  });
});

Deno.test("the remembered version never hides another process's change, however the file was changed", async () => {
  await withStore(async (path) => {
    await Deno.mkdir(join(path, ".."), { recursive: true });
    await Deno.writeTextFile(path, rows(3).join("\n") + "\n");
    assertEquals((await readNotifications(path)).records.length, 3);

    // Another sase marks r0 read (a rename) and appends r3; this process's rewrite keeps both.
    await inOtherProcess(
      `await store.markRead(${JSON.stringify(path)}, "r0");
       await store.appendNotifications(${
        JSON.stringify(path)
      }, [{ id: "r3", timestamp: "t", sender: "s" }]);`,
    );
    assert(await markRead(path, "r2"));
    let records = (await readNotifications(path)).records;
    assertEquals(records.map((record) => [record.id, record.read ?? false]), [
      ["r0", true],
      ["r1", false],
      ["r2", true],
      ["r3", false],
    ]);

    // A tool that edits the file in place, the size unchanged (same inode): a new mtime.
    await new Promise((done) => setTimeout(done, 20));
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(
      path,
      text.replace('"sender": "s", "read": false', '"sender": "x", "read": false'),
    );
    records = (await readNotifications(path)).records;
    assertEquals(records[1].sender, "x");

    // A torn last line is skipped, and read whole once its writer finished it.
    await Deno.writeTextFile(path, (await Deno.readTextFile(path)) + '{"id": "r4", "timest');
    let snapshot = await readNotifications(path);
    assertEquals(snapshot.records.length, 4);
    assertEquals(snapshot.problems.map((problem) => problem.line), [5]);
    await Deno.writeTextFile(path, 'amp": "t", "sender": "s"}\n', { append: true });
    snapshot = await readNotifications(path);
    assertEquals(snapshot.records.map((record) => record.id), ["r0", "r1", "r2", "r3", "r4"]);
    assertEquals(snapshot.problems, []);
  });
});
