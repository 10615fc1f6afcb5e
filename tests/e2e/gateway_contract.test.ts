/**
 * Contract conformance: walk `mobile_api_v1.json` — every route and every
 * example — against the gateway the real CLI starts, and check that each
 * answer's keys and types are the contract's record (every key present,
 * `explicit_null` optional fields, nested records, enums and arrays).
 */

import { join } from "node:path";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeGitRepo } from "../_helpers/git.ts";
import { upstreamFixture } from "../_helpers/fixtures.ts";
import { api, openEvents, pair, startGateway } from "./_gateway.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

const contract: Json = JSON.parse(
  await Deno.readTextFile(upstreamFixture("mobile/mobile_api_v1.json")),
);
const records: Record<string, Record<string, Json>> = contract.records;

/** Keys of a record that describe it rather than hold data. */
const META_KEYS = new Set(["defined_by"]);

/**
 * Keys our answers carry beyond the v1 snapshot, each a field of a newer
 * contract revision (the schema 5 notification fixtures) or a documented
 * extension: the list is closed, so any other extra key fails.
 */
const EXTENSIONS: Record<string, string[]> = {
  // `section` (PRIORITY/ERRORS/INBOX/MUTED as ACE groups rows) is what the phone app groups by.
  MobileNotificationCardWire: ["tags", "section"],
  // Handbook 15.10: catalog entries carry `definition_path` when the source is a real file.
  MobileXpromptCatalogEntryWire: ["definition_path"],
};

/** Why `value` does not match the descriptor `type` (at `path`), or null. */
function mismatch(value: Json, type: Json, path: string): string | null {
  if (Array.isArray(type)) {
    // An enum given as the list of its values (ApiErrorWire.code).
    return type.includes(value) ? null : `${path}: ${JSON.stringify(value)} is not one of ${type}`;
  }
  if (typeof type === "object" && type !== null) {
    // An inline object descriptor (EventPayloadWire's variants).
    if (typeof value !== "object" || value === null) return `${path}: expected an object`;
    const keys = Object.keys(value);
    if (keys.length !== 1 || !(keys[0] in type)) {
      return `${path}: expected one of ${Object.keys(type)}`;
    }
    return checkFields(value[keys[0]], type[keys[0]], `${path}.${keys[0]}`, []);
  }
  const text = String(type).split(";")[0].trim();
  const options = splitTop(text);
  if (options.length > 1) {
    if (options.includes("null") && value === null) return null;
    const rest = options.filter((option) => option !== "null");
    // `activity_at|notification_id` names what a cursor string holds, not two literals.
    if (rest.includes("activity_at")) {
      return typeof value === "string" ? null : `${path}: expected a cursor string`;
    }
    const primitive = rest.every((option) => /^[a-z0-9_.]+$/.test(option) && !KINDS.has(option));
    if (primitive) {
      return typeof value === "string" && rest.includes(value)
        ? null
        : `${path}: ${JSON.stringify(value)} is not one of ${rest.join("|")}`;
    }
    const problems = rest.map((option) => mismatch(value, option, path));
    return problems.includes(null) ? null : problems.join("; ");
  }
  if (text.endsWith("[]")) {
    if (!Array.isArray(value)) return `${path}: expected an array`;
    for (const [index, item] of value.entries()) {
      const problem = mismatch(item, text.slice(0, -2), `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  }
  return single(value, text, path);
}

const KINDS = new Set(["string", "u32", "u64", "bool", "rfc3339", "json", "null"]);

/** Split `a|b|c[]` at top-level bars; `x|y[]` means an array of x|y. */
function splitTop(text: string): string[] {
  if (text.endsWith("[]") && text.includes("|")) return [text];
  return text.split("|").map((part) => part.trim());
}

function single(value: Json, type: string, path: string): string | null {
  if (type.includes("|") && type.endsWith("[]")) {
    const inner = type.slice(0, -2);
    if (!Array.isArray(value)) return `${path}: expected an array`;
    for (const [index, item] of value.entries()) {
      const problem = mismatch(item, inner, `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  }
  switch (type) {
    case "string":
    case "host:port":
    case "base64 string":
      return typeof value === "string" ? null : `${path}: expected a string`;
    case "u32":
    case "u64":
      return Number.isInteger(value) && value >= 0 ? null : `${path}: expected an unsigned integer`;
    case "bool":
      return typeof value === "boolean" ? null : `${path}: expected a boolean`;
    case "rfc3339":
      return typeof value === "string" && !Number.isNaN(Date.parse(value))
        ? null
        : `${path}: expected an RFC 3339 time`;
    case "json":
      return value === undefined ? `${path}: missing` : null;
    case "null":
      return value === null ? null : `${path}: expected null`;
  }
  if (records[type]) {
    // A record whose fields are all objects is a tagged union (EventPayloadWire): one key of them.
    const variants = Object.values(records[type]).every((field) => typeof field === "object");
    return variants ? mismatch(value, records[type], path) : checkRecord(value, type, path);
  }
  if (/^[A-Z]\w+Wire$/.test(type)) {
    // A record the snapshot names but does not define: an object.
    return typeof value === "object" && value !== null ? null : `${path}: expected ${type}`;
  }
  if (/^\{/.test(type)) return null;
  if (/^[a-z_0-9.]+$/.test(type)) return value === type ? null : `${path}: expected "${type}"`;
  // A prose description ("short safe display text", "opaque provider ... token").
  return typeof value === "string" ? null : `${path}: expected text (${type})`;
}

function checkFields(value: Json, fields: Record<string, Json>, path: string, extras: string[]) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${path}: expected an object`;
  }
  for (const [key, type] of Object.entries(fields)) {
    if (META_KEYS.has(key)) continue;
    if (!(key in value)) return `${path}.${key}: missing`;
    const problem = mismatch(value[key], type, `${path}.${key}`);
    if (problem) return problem;
  }
  const extra = Object.keys(value).filter((key) => !(key in fields) && !extras.includes(key));
  return extra.length ? `${path}: keys the contract does not have: ${extra.join(", ")}` : null;
}

function checkRecord(value: Json, name: string, path = name): string | null {
  return checkFields(value, records[name], path, EXTENSIONS[name] ?? []);
}

function conforms(value: Json, name: string, label: string): void {
  const problem = checkRecord(value, name);
  assertEquals(problem, null, `${label}: ${problem}\n${JSON.stringify(value)}`);
}

Deno.test("the checker itself: a planted wrong type, a missing key and an extra key fail", () => {
  const good = { schema_version: 1, code: "not_found", message: "m", target: null, details: null };
  assertEquals(checkRecord(good, "ApiErrorWire"), null);
  assert(checkRecord({ ...good, code: "nope" }, "ApiErrorWire"));
  assert(checkRecord({ ...good, schema_version: "1" }, "ApiErrorWire"));
  const { target: _target, ...missing } = good;
  assert(checkRecord(missing, "ApiErrorWire"));
  assert(checkRecord({ ...good, extra: 1 }, "ApiErrorWire"));
  assert(mismatch([1], "string[]", "x"));
  assertEquals(mismatch(["agents"], "notifications|agents|helpers|update|session[]", "x"), null);
  assert(mismatch(["shell"], "notifications|agents|helpers|update|session[]", "x"));
});

Deno.test("every route and example of mobile_api_v1.json answers with the contract's record", async () => {
  await using sb = await makeSandbox();
  // A project with a workspace (a git repo with a bead store), a ChangeSpec and a plan proposal.
  const repo = await makeGitRepo(join(sb.home, "code", "sase"), sb.env, { "README.md": "# p\n" });
  await sb.write(
    "home/.sase/projects/sase/sase.sase",
    "WORKSPACE_DIR: ~/code/sase\n\nNAME: parser\nDESCRIPTION:\n  Add the parser\nSTATUS: WIP\n",
  );
  for (
    const args of [["bead", "init"], [
      "bead",
      "create",
      "-t",
      "First bead",
      "-T",
      "plan(sdd/tales/parser.md)",
    ]]
  ) {
    const done = await runSase(args, { env: sb.env, cwd: repo });
    assertEquals(done.code, 0, done.stderr);
  }
  const beadId = (await runSase(["bead", "list", "-j"], { env: sb.env, cwd: repo })).stdout
    .match(/"id":\s*"([^"]+)"/)?.[1];
  assert(beadId);
  const plan = await sb.write(
    "plans/parser_plan.md",
    "---\ntier: tale\ntitle: Parser\ngoal: Parse\nsize: small\n---\n# Plan\n",
  );
  assertEquals((await runSase(["plan", "propose", plan], { env: sb.env, cwd: repo })).code, 0);
  // A user question with its request file.
  const questionDir = join(sb.root, "question");
  await sb.write(
    "question/question_request.json",
    JSON.stringify({
      questions: [{
        question: "Which DB?",
        options: [{ id: "pg", label: "PostgreSQL" }, { label: "SQLite" }],
      }],
    }),
  );
  for (const id of ["ques0001-a", "ques0002-b"]) {
    const dir = id === "ques0001-a" ? questionDir : join(sb.root, "question2");
    if (id !== "ques0001-a") {
      await sb.write(
        "question2/question_request.json",
        await Deno.readTextFile(join(questionDir, "question_request.json")),
      );
    }
    await runSase(["notify", "create"], {
      env: sb.env,
      stdin: JSON.stringify({
        id,
        sender: "agent",
        notes: ["Which DB?"],
        action: "UserQuestion",
        action_data: { response_dir: dir },
      }),
    });
  }
  await sb.write("home/.config/sase/sase.yml", `chat_install:\n  command: "true"\n`);
  const store = (await Deno.readTextFile(join(sb.saseHome, "notifications", "notifications.jsonl")))
    .trim().split("\n").map((line) => JSON.parse(line));
  const planId = store.find((row) => row.action === "PlanApproval").id;

  const gw = await startGateway(sb.env, ["-P", "test"]);
  try {
    // The examples: pair_start (from this machine), pair_finish (an unknown challenge: an error record).
    const start = await api(
      gw,
      null,
      "POST",
      "/api/v1/session/pair/start",
      contract.examples.pair_start_request,
    );
    conforms(start.json, "PairStartResponseWire", "pair_start example");
    assertEquals(start.json.host_label, "workstation");
    const exampleFinish = await api(
      gw,
      null,
      "POST",
      "/api/v1/session/pair/finish",
      contract.examples.pair_finish_request,
    );
    assertEquals(exampleFinish.status, 401);
    conforms(exampleFinish.json, "ApiErrorWire", "pair_finish example");
    const finished = await api(gw, null, "POST", "/api/v1/session/pair/finish", {
      ...contract.examples.pair_finish_request,
      pairing_id: start.json.pairing_id,
      code: start.json.code,
    });
    conforms(finished.json, "PairFinishResponseWire", "pair_finish");
    const token: string = finished.json.token;
    assertEquals(
      contract.examples.authorization_header.replace("<token>", "x").startsWith(
        "Authorization: Bearer sase_mobile_",
      ),
      true,
    );
    await pair(gw); // the printed challenge works too

    const launchedName = "contract.agent";
    let jobId = "";
    const calls: Record<string, () => Promise<{ status: number; json: Json }>> = {
      "GET /api/v1/health": () => api(gw, null, "GET", "/api/v1/health"),
      "POST /api/v1/session/pair/start": () => Promise.resolve(start),
      "POST /api/v1/session/pair/finish": () => Promise.resolve(finished),
      "GET /api/v1/session": () => api(gw, token, "GET", "/api/v1/session"),
      "POST /api/v1/session/push-subscriptions": () =>
        api(gw, token, "POST", "/api/v1/session/push-subscriptions", {
          schema_version: 1,
          provider: "test",
          provider_token: "tok",
          app_instance_id: null,
          device_display_name: "Pixel 9",
          platform: "android",
          app_version: "0.1.0",
          hint_categories: ["notifications", "agents"],
        }),
      "GET /api/v1/session/push-subscriptions": () =>
        api(gw, token, "GET", "/api/v1/session/push-subscriptions"),
      "DELETE /api/v1/session/push-subscriptions/{id}": async () => {
        const list = await api(gw, token, "GET", "/api/v1/session/push-subscriptions");
        return api(
          gw,
          token,
          "DELETE",
          `/api/v1/session/push-subscriptions/${list.json.subscriptions[0].id}`,
        );
      },
      "POST /api/v1/agents/launch": () =>
        api(gw, token, "POST", "/api/v1/agents/launch", {
          schema_version: 1,
          prompt: "%model:fakey/reply contract",
          name: launchedName,
          project: "sase",
        }),
      "POST /api/v1/agents/launch-image": () =>
        api(gw, token, "POST", "/api/v1/agents/launch-image", {
          schema_version: 1,
          prompt: "%model:fakey/reply image",
          original_filename: "s.png",
          content_type: "image/png",
          byte_length: 8,
          base64_image: btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)),
          dry_run: true,
        }),
      "GET /api/v1/agents": () =>
        api(gw, token, "GET", "/api/v1/agents?include_recent=true&limit=25"),
      "GET /api/v1/agents/resume-options": () =>
        api(gw, token, "GET", "/api/v1/agents/resume-options"),
      "POST /api/v1/agents/{name}/retry": () =>
        api(gw, token, "POST", `/api/v1/agents/${launchedName}/retry`, {
          schema_version: 1,
          dry_run: true,
        }),
      "POST /api/v1/agents/{name}/kill": async () => {
        const hang = await api(gw, token, "POST", "/api/v1/agents/launch", {
          schema_version: 1,
          prompt: "%model:fakey/hang wait",
          name: "contract.hang",
        });
        const meta = join(hang.json.primary.artifact_dir, "agent_meta.json");
        for (let i = 0; i < 300 && !(await Deno.stat(meta).then(() => true, () => false)); i++) {
          await new Promise((done) => setTimeout(done, 100));
        }
        return api(gw, token, "POST", "/api/v1/agents/contract.hang/kill", {
          schema_version: 1,
          reason: "contract",
        });
      },
      "GET /api/v1/changespec-tags": () =>
        api(gw, token, "GET", "/api/v1/changespec-tags?project=sase&limit=25"),
      "GET /api/v1/xprompts/catalog": () =>
        api(gw, token, "GET", "/api/v1/xprompts/catalog?project=sase&limit=5"),
      "GET /api/v1/beads": () => api(gw, token, "GET", "/api/v1/beads?project=sase&limit=25"),
      "GET /api/v1/beads/{id}": () => api(gw, token, "GET", `/api/v1/beads/${beadId}?project=sase`),
      "POST /api/v1/update/start": async () => {
        const started = await api(gw, token, "POST", "/api/v1/update/start", {
          schema_version: 1,
          request_id: "r1",
        });
        jobId = started.json.job?.job_id ?? "";
        return started;
      },
      "GET /api/v1/update/{job_id}": () => api(gw, token, "GET", `/api/v1/update/${jobId}`),
      "GET /api/v1/notifications": () =>
        api(gw, token, "GET", "/api/v1/notifications?include_dismissed=true&include_silent=true"),
      "GET /api/v1/notifications/{id}": () =>
        api(gw, token, "GET", `/api/v1/notifications/${planId}`),
      "POST /api/v1/notifications/{id}/mark-read": () =>
        api(gw, token, "POST", `/api/v1/notifications/${planId}/mark-read`),
      "POST /api/v1/notifications/{id}/dismiss": () =>
        api(gw, token, "POST", `/api/v1/notifications/ques0002-b/dismiss`),
      "POST /api/v1/actions/gate/{prefix}": () =>
        api(gw, token, "POST", `/api/v1/actions/gate/${planId.slice(0, 8)}`, {
          schema_version: 1,
          selected_option_ids: ["reject"],
          feedback: null,
        }),
      "POST /api/v1/actions/question/{prefix}/answer": () =>
        api(gw, token, "POST", "/api/v1/actions/question/ques0001/answer", {
          schema_version: 1,
          selected_option_id: "pg",
          global_note: "Use the durable path",
        }),
      "POST /api/v1/actions/question/{prefix}/custom": async () => {
        // ques0002 was dismissed above: stale. A fresh question answers.
        await runSase(["notify", "create"], {
          env: sb.env,
          stdin: JSON.stringify({
            id: "ques0003-c",
            sender: "agent",
            action: "UserQuestion",
            action_data: { response_dir: join(sb.root, "question2") },
          }),
        });
        return api(gw, token, "POST", "/api/v1/actions/question/ques0003/custom", {
          schema_version: 1,
          custom_answer: "Use SQLite",
          global_note: "Small local DB",
        });
      },
    };
    for (const route of contract.routes) {
      const key = `${route.method} ${route.path}`;
      if (route.protocol === "server_sent_events" || route.protocol === "http_download") continue;
      const call = calls[key];
      assert(call, `no call for ${key}`);
      const answer = await call();
      assertEquals(answer.status, 200, `${key}: ${JSON.stringify(answer.json)}`);
      conforms(answer.json, route.success, key);
    }
    // The question answer wrote the contract's response shape.
    assertEquals(JSON.parse(await Deno.readTextFile(join(questionDir, "question_response.json"))), {
      answers: [{ question: "Which DB?", selected: ["PostgreSQL"], custom_feedback: null }],
      global_note: "Use the durable path",
    });

    // The download route: bytes with the contract's headers.
    const detail = await api(gw, token, "GET", `/api/v1/notifications/${planId}`);
    const download = await fetch(
      `${gw.url}/api/v1/attachments/${detail.json.attachments[0].token}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    assertEquals(download.status, 200);
    const bytes = new Uint8Array(await download.arrayBuffer());
    assertEquals(download.headers.get("content-length"), String(bytes.length));
    assertEquals(download.headers.get("content-type"), "text/markdown");
    assert(download.headers.get("content-disposition")?.startsWith("attachment; filename="));

    // The event stream: every replayed event is an EventRecordWire.
    // An id from before this gateway started: the stream opens with resync_required.
    const events = await openEvents(gw, token, "0000000000000001");
    assertEquals(events.status, 200);
    const first = await events.waitFor(() => true);
    conforms(first.data, "EventRecordWire", "resync event");
    events.close();
    const live = await openEvents(gw, token);
    const fresh = await runSase(["notify", "create"], {
      env: sb.env,
      stdin: JSON.stringify({ sender: "axe", notes: ["fresh"] }),
    });
    await api(gw, token, "POST", `/api/v1/notifications/${fresh.stdout.trim()}/mark-read`);
    const later = await live.waitFor((e) =>
      e.data.payload.notifications_changed?.reason === "mark_read"
    );
    conforms(later.data, "EventRecordWire", "live event");
    live.close();

    // Errors of every kind are ApiErrorWire records.
    for (
      const [method, path] of [["GET", "/api/v1/nope"], ["GET", "/api/v1/notifications/zzzz"], [
        "POST",
        "/api/v1/actions/plan/zzzz/approve",
      ]]
    ) {
      const error = await api(
        gw,
        token,
        method,
        path,
        method === "POST" ? { schema_version: 1 } : undefined,
      );
      assert(error.status >= 400);
      conforms(error.json, "ApiErrorWire", `${method} ${path}`);
    }
  } finally {
    await gw.stop();
  }
});
