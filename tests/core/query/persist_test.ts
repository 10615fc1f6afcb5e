import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import {
  deleteQuery,
  firstSavedQuery,
  nextFreeSlot,
  readSavedQueries,
  savedQueriesPath,
  saveQuery,
} from "../../../core/query/persist/saved_queries.ts";
import {
  FALLBACK_QUERY,
  lastQueryPath,
  readLastQuery,
  startupQuery,
  writeLastQuery,
} from "../../../core/query/persist/last_query.ts";
import {
  HISTORY_LIMIT,
  historyBack,
  historyForward,
  queryHistoryPath,
  readQueryHistory,
  recordQueryChange,
  writeQueryHistory,
} from "../../../core/query/persist/query_history.ts";

Deno.test("saved queries: the original's file round-trips, unknown keys survive a save", async () => {
  await using box = await makeSandbox();
  const env = box.env;
  await Deno.writeTextFile(
    savedQueriesPath(env),
    JSON.stringify({ "2": "status:WIP", "x-future": { keep: true }, "5": 7 }),
  );
  assertEquals(await readSavedQueries(env), { "2": "status:WIP" });
  assertEquals(await saveQuery(env, "4", "status:WIP"), { "4": "status:WIP" });
  const raw = JSON.parse(await Deno.readTextFile(savedQueriesPath(env)));
  assertEquals(raw, { "x-future": { keep: true }, "5": 7, "4": "status:WIP" });
  assertEquals(await deleteQuery(env, "4"), {});
  assertEquals(await deleteQuery(env, "9"), {});
});

Deno.test("saved queries: a file that is not a JSON object is an error naming it, never overwritten", async () => {
  await using box = await makeSandbox();
  const path = savedQueriesPath(box.env);
  await Deno.writeTextFile(path, "[1, 2]");
  await assertRejects(
    () => saveQuery(box.env, "1", "x"),
    SaseError,
    `${path}: expected a JSON object`,
  );
  await Deno.writeTextFile(path, "{nope");
  await assertRejects(() => readSavedQueries(box.env), SaseError, `${path}: invalid JSON`);
  assertEquals(await Deno.readTextFile(path), "{nope");
});

Deno.test("first saved and next free slot walk 1-9 then 0", () => {
  assertEquals(firstSavedQuery({ "0": "zero", "7": "seven" }), "seven");
  assertEquals(firstSavedQuery({ "0": "zero" }), "zero");
  assertEquals(firstSavedQuery({}), null);
  assertEquals(nextFreeSlot({ "1": "a", "2": "b" }), "3");
  assertEquals(
    nextFreeSlot({
      "1": "a",
      "2": "b",
      "3": "c",
      "4": "d",
      "5": "e",
      "6": "f",
      "7": "g",
      "8": "h",
      "9": "i",
    }),
    "0",
  );
});

Deno.test("last query: plain text, blank means none; start-up falls back argument → last → saved → !!!", async () => {
  await using box = await makeSandbox();
  assertEquals(await readLastQuery(box.env), null);
  await writeLastQuery(box.env, "status:WIP");
  assertEquals(await Deno.readTextFile(lastQueryPath(box.env)), "status:WIP");
  assertEquals(await readLastQuery(box.env), "status:WIP");
  await Deno.writeTextFile(lastQueryPath(box.env), "  \n");
  assertEquals(await readLastQuery(box.env), null);
  assertEquals(startupQuery("+p", "last", "saved"), { query: "+p", source: "argument" });
  assertEquals(startupQuery("  ", "last", "saved"), { query: "last", source: "last" });
  assertEquals(startupQuery(null, null, "saved"), { query: "saved", source: "saved" });
  assertEquals(startupQuery(undefined, null, null), { query: FALLBACK_QUERY, source: "fallback" });
  assertEquals(FALLBACK_QUERY, "!!!");
});

Deno.test("query history: moves are pure stacks without duplicates; the file keeps 50 of each", async () => {
  let history = recordQueryChange({ prev: [], next: ["stale"] }, "a");
  assertEquals(history, { prev: ["a"], next: [] });
  history = recordQueryChange(recordQueryChange(history, "b"), "a");
  assertEquals(history.prev, ["b", "a"]);
  const back = historyBack(history, "c")!;
  assertEquals(back, { query: "a", history: { prev: ["b"], next: ["c"] } });
  assertEquals(historyForward(back.history, "a"), {
    query: "c",
    history: { prev: ["b", "a"], next: [] },
  });
  assertEquals(historyBack({ prev: [], next: [] }, "x"), null);

  await using box = await makeSandbox();
  assertEquals(await readQueryHistory(box.env), { prev: [], next: [] });
  const many = Array.from({ length: 60 }, (_, i) => `q${i}`);
  await writeQueryHistory(box.env, { prev: many, next: ["n"] });
  const stored = JSON.parse(await Deno.readTextFile(queryHistoryPath(box.env)));
  assertEquals(stored.prev.length, HISTORY_LIMIT);
  assertEquals(stored.prev[0], "q10");
  assertEquals(await readQueryHistory(box.env), { prev: many.slice(10), next: ["n"] });
});
