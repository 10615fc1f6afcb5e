/**
 * The reading guide's gateway scenarios (providers_gateway.md §5, 1-10),
 * each against a gateway started by the real CLI, over real HTTP on
 * 127.0.0.1.
 */

import { join } from "node:path";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeGitRepo } from "../_helpers/git.ts";
import { api, filesBelow, openEvents, pair, startGateway } from "./_gateway.ts";

Deno.test("1: start prints exactly the five lines, serves health, stops cleanly on SIGTERM ending open streams", async () => {
  await using sb = await makeSandbox();
  const gw = await startGateway(sb.env);
  assertMatch(gw.lines[0], /^Starting SASE mobile gateway at http:\/\/127\.0\.0\.1:\d+$/);
  assertMatch(gw.lines[1], /^Pairing code: \d{6}$/);
  assertMatch(gw.lines[2], /^Pairing ID: pair_[A-Za-z0-9_-]+$/);
  assertMatch(gw.lines[3], /^Expires at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assertEquals(gw.lines[4], "Keep this process running while mobile clients connect.");
  // The code lives 5 minutes (stated in the README): the expiry is 4-6 minutes away.
  const lead = Date.parse(gw.expiresAt) - Date.now();
  assert(lead > 4 * 60_000 && lead <= 5 * 60_000 + 1000, `expiry ${lead} ms away`);
  const health = await api(gw, null, "GET", "/api/v1/health");
  assertEquals(health.status, 200);
  assertEquals(health.json.status, "ok");
  assertEquals(health.json.service, "sase_gateway");
  assertEquals(health.json.bind.is_loopback, true);
  const { token } = await pair(gw);
  const stream = await openEvents(gw, token);
  assertEquals(stream.status, 200);
  const stopped = await gw.stop("SIGTERM");
  await stream.ended;
  assertEquals(stopped.code, 0, stopped.stderr);
  // Nothing but the five lines on stdout, before and after the shutdown.
  assertEquals(stopped.stdout, gw.lines.join("\n") + "\n");
});

Deno.test("1b: Ctrl-C (SIGINT) stops the gateway cleanly too", async () => {
  await using sb = await makeSandbox();
  const gw = await startGateway(sb.env);
  const { token } = await pair(gw);
  const stream = await openEvents(gw, token);
  const stopped = await gw.stop("SIGINT");
  await stream.ended;
  assertEquals(stopped.code, 0, stopped.stderr);
});

Deno.test("2: non-loopback binds need -L; 127.0.0.1 needs nothing", async () => {
  await using sb = await makeSandbox();
  for (const address of ["192.0.2.10", "0.0.0.0", "::"]) {
    const refused = await runSase(["mobile", "gateway", "start", "-p", "0", "-b", address], {
      env: sb.env,
    });
    assertEquals(refused.code, 2, refused.stderr);
    assertStringIncludes(
      refused.stderr,
      "Gateway refuses to bind: non-loopback addresses require `-L`; prefer loopback plus Tailscale Serve.",
    );
    assertStringIncludes(refused.stderr, `${address} is not a loopback address`);
  }
  // With -L the policy lets 192.0.2.10 through; this machine has no such address.
  const noSuchAddress = await runSase(
    ["mobile", "gateway", "start", "-p", "0", "-b", "192.0.2.10", "-L"],
    { env: sb.env },
  );
  assertEquals(noSuchAddress.code, 1, noSuchAddress.stderr);
  assertStringIncludes(noSuchAddress.stderr, "cannot bind 192.0.2.10: no such local address");
  // The configuration's allow_non_loopback is the same opt-in.
  const wide = await startGateway(sb.env, ["-b", "0.0.0.0", "-L"]);
  try {
    assertEquals((await api(wide, null, "GET", "/api/v1/health")).json.bind.is_loopback, false);
  } finally {
    await wide.stop();
  }
  const loopback = await startGateway(sb.env, ["-b", "127.0.0.1"]);
  try {
    // A second gateway on the same port is refused with a clear error, not a stack trace.
    const port = new URL(loopback.url).port;
    const busy = await runSase(["mobile", "gateway", "start", "-p", port], { env: sb.env });
    assertEquals(busy.code, 1, busy.stderr);
    assertStringIncludes(busy.stderr, `error: 127.0.0.1:${port} is already in use`);
    assertEquals(busy.stdout, "");
  } finally {
    await loopback.stop();
  }
});

Deno.test("3: a gateway command that never gets ready times out after startup_timeout_seconds; one that exits fails at once", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "mobile_gateway:\n  startup_timeout_seconds: 1\n");
  // A gateway that never answers: it takes the flags and sleeps.
  const script = await sb.write("bin/never ready.sh", "#!/bin/sh\nexec sleep 30\n");
  await Deno.chmod(script, 0o755);
  const silent = await runSase(
    ["mobile", "gateway", "start", "-p", "1", "-c", `'${script}' --extra`],
    { env: sb.env },
  );
  assertEquals(silent.code, 1, silent.stderr);
  assertStringIncludes(silent.stderr, "mobile gateway did not become ready within 1s");
  assertEquals(silent.stdout, "");
  const exits = await runSase(
    ["mobile", "gateway", "start", "-p", "1", "-c", "'false' --ignored"],
    {
      env: sb.env,
    },
  );
  assertEquals(exits.code, 1, exits.stderr);
  assertStringIncludes(exits.stderr, "the gateway exited before it became ready");
});

Deno.test("4-7: pairing is one-time, tokens authenticate, only hashes are stored, revocation is honoured", async () => {
  await using sb = await makeSandbox();
  const gw = await startGateway(sb.env);
  try {
    const wrongCode = String((Number(gw.code) + 1) % 1_000_000).padStart(6, "0");
    const finish = (code: string) =>
      api(gw, null, "POST", "/api/v1/session/pair/finish", {
        schema_version: 1,
        pairing_id: gw.pairingId,
        code,
        device: { display_name: "Pixel 9", platform: "android", app_version: "0.1.0" },
      });
    const wrong = await finish(wrongCode);
    assertEquals(wrong.status, 401);
    assertEquals(wrong.json.code, "pairing_rejected");
    assertEquals(wrong.json.target, gw.pairingId);
    assertEquals("token" in wrong.json, false);
    const right = await finish(gw.code);
    assertEquals(right.status, 200);
    assertEquals(right.json.token_type, "bearer");
    assertEquals(right.json.device.revoked_at, null);
    assertEquals(right.json.device.last_seen_at, null);
    assertMatch(right.json.device.device_id, /^dev_/);
    const token: string = right.json.token;
    const replay = await finish(gw.code);
    assertEquals(replay.status, 401);
    assertEquals(replay.json.code, "pairing_expired");

    // 5: health is open; the session needs a token.
    assertEquals((await api(gw, null, "GET", "/api/v1/health")).status, 200);
    const none = await api(gw, null, "GET", "/api/v1/session");
    assertEquals([none.status, none.json.code], [401, "unauthorized"]);
    const bogus = await api(gw, "sase_mobile_" + "A".repeat(43), "GET", "/api/v1/session");
    assertEquals([bogus.status, bogus.json.code], [401, "unauthorized"]);
    const session = await api(gw, token, "GET", "/api/v1/session");
    assertEquals(session.status, 200);
    assertEquals(session.json.device.device_id, right.json.device.device_id);

    // 6: only the SHA-256 is stored; no file holds the token or the code.
    const stateDir = join(sb.saseHome, "mobile_gateway");
    const devices = JSON.parse(await Deno.readTextFile(join(stateDir, "devices.json")));
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)),
    );
    const hex = [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    assertEquals(devices.devices[0].token_sha256, hex);
    for (const [path, text] of await filesBelow(stateDir)) {
      assertEquals(text.includes(token), false, `${path} holds the token`);
      assertEquals(text.includes(gw.code), false, `${path} holds the pairing code`);
    }
    const audit = (await Deno.readTextFile(join(stateDir, "audit.jsonl"))).trim().split("\n")
      .map((line) => JSON.parse(line));
    assertEquals(audit.map((entry) => entry.outcome), [
      "pairing_rejected",
      "ok",
      "pairing_expired",
    ]);
    assertEquals(audit[1].device_id, right.json.device.device_id);

    // 7: revoking the device (another process, the CLI) stops its token at once.
    const revoked = await runSase(
      ["mobile", "device", "revoke", right.json.device.device_id, "-j"],
      { env: sb.env },
    );
    assertEquals(revoked.code, 0, revoked.stderr);
    assertEquals(JSON.parse(revoked.stdout).changed, true);
    const after = await api(gw, token, "GET", "/api/v1/session");
    assertEquals([after.status, after.json.code], [401, "unauthorized"]);
  } finally {
    await gw.stop();
  }
});

Deno.test("8-9: mark-read is idempotent and announced; Last-Event-ID replays exactly the missed events; a restart asks for a resync", async () => {
  await using sb = await makeSandbox();
  const created = await runSase(["notify", "create"], {
    env: sb.env,
    stdin: JSON.stringify({ sender: "axe", notes: ["Nightly build failed"] }),
  });
  const id = created.stdout.trim();
  let gw = await startGateway(sb.env);
  try {
    const { token } = await pair(gw);
    const stream = await openEvents(gw, token);
    const first = await api(gw, token, "POST", `/api/v1/notifications/${id}/mark-read`);
    assertEquals(first.json, {
      schema_version: 1,
      notification_id: id,
      read: true,
      dismissed: false,
      changed: true,
    });
    const second = await api(
      gw,
      token,
      "POST",
      `/api/v1/notifications/${id.slice(0, 8)}/mark-read`,
    );
    assertEquals(second.json.changed, false);
    const event = await stream.waitFor((e) => e.event === "notifications_changed");
    assertEquals(event.data.payload.notifications_changed.notification_id, id);
    assertEquals(event.data.payload.notifications_changed.reason, "mark_read");
    assertMatch(event.id, /^\d{16}$/);
    const dismissed = await api(gw, token, "POST", `/api/v1/notifications/${id}/dismiss`);
    assertEquals([dismissed.json.read, dismissed.json.dismissed, dismissed.json.changed], [
      true,
      true,
      true,
    ]);
    await stream.waitFor((e) => e.data.payload.notifications_changed?.reason === "dismiss");
    const ids = stream.events.map((e) => Number(e.id));
    assert(ids.every((value, index) => index === 0 || value > ids[index - 1]), `${ids}`);
    // Only the changing calls were announced (no event for the repeated mark-read).
    const own = stream.events.filter((e) =>
      e.data.payload.notifications_changed?.reason !== "external_change"
    );
    assertEquals(own.map((e) => e.data.payload.notifications_changed.reason), [
      "mark_read",
      "dismiss",
    ]);
    stream.close();

    // 9: reconnecting after the first event replays exactly what came after it.
    const resumed = await openEvents(gw, token, event.id);
    await resumed.waitFor((e) => e.id === stream.events.at(-1)!.id);
    assertEquals(
      resumed.events.map((e) => e.id),
      stream.events.slice(stream.events.indexOf(event) + 1).map((e) => e.id),
    );
    resumed.close();
    const lastId = stream.events.at(-1)!.id;
    await gw.stop();

    // After a restart the old id is from another life: resync_required.
    gw = await startGateway(sb.env);
    const again = await pair(gw);
    const stale = await openEvents(gw, again.token, lastId);
    const resync = await stale.waitFor((e) => e.event === "resync_required");
    assertEquals(resync.data.payload.resync_required.reason, "replay_window_exceeded");
    stale.close();
  } finally {
    await gw.stop();
  }
});

const TALE =
  "---\ntier: tale\ntitle: Add the parser\ngoal: Inputs parse\nsize: small\n---\n# Plan\n\nWrite the parser.\n";

Deno.test("10: an ambiguous plan prefix writes nothing; a second approval is already-handled and leaves the response alone", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, { "README.md": "# p\n" });
  const plan = await sb.write("plans/parser_plan.md", TALE);
  for (let i = 0; i < 2; i++) {
    const proposed = await runSase(["plan", "propose", plan], { env: sb.env, cwd: repo });
    assertEquals(proposed.code, 0, proposed.stderr);
  }
  // Give both proposals ids with a shared 8-character prefix.
  const store = join(sb.saseHome, "notifications", "notifications.jsonl");
  const rows = (await Deno.readTextFile(store)).trim().split("\n").map((line) => JSON.parse(line));
  const ids = ["abcdef12-aaaa-4000-8000-000000000000", "abcdef12-bbbb-4000-8000-000000000000"];
  rows.forEach((row, index) => row.id = ids[index]);
  await Deno.writeTextFile(store, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
  const responseFiles = rows.map((row) => join(row.action_data.response_dir, "plan_response.json"));

  const gw = await startGateway(sb.env);
  try {
    const { token } = await pair(gw);
    const approve = (prefix: string) =>
      api(gw, token, "POST", `/api/v1/actions/plan/${prefix}/approve`, {
        schema_version: 1,
        commit_plan: true,
        run_coder: false,
      });
    const ambiguous = await approve("abcdef12");
    assertEquals(ambiguous.status, 409);
    assertEquals(ambiguous.json.code, "ambiguous_prefix");
    assertEquals(ambiguous.json.target, "abcdef12");
    for (const file of responseFiles) {
      assertEquals(await Deno.stat(file).then(() => true, () => false), false, file);
    }
    const done = await approve(ids[0].slice(0, 10));
    assertEquals(done.status, 200, JSON.stringify(done.json));
    assertEquals(done.json.action_kind, "plan_approval");
    assertEquals(done.json.notification_id, ids[0]);
    assertEquals(done.json.response_file, "plan_response.json");
    assertEquals(done.json.response_json.kind, "commit");
    const written = await Deno.readTextFile(responseFiles[0]);
    const repeat = await approve(ids[0]);
    assertEquals(repeat.status, 409);
    assertEquals(repeat.json.code, "conflict_already_handled");
    assertEquals(await Deno.readTextFile(responseFiles[0]), written);
    // The CLI sees the same state: the other proposal is the only pending one.
    const listed = await runSase(["plan", "list", "-j"], { env: sb.env, cwd: repo });
    assertStringIncludes(listed.stdout, ids[1]);
    // Rejecting the other one with feedback from the phone.
    const feedback = await api(gw, token, "POST", `/api/v1/actions/plan/${ids[1]}/feedback`, {
      schema_version: 1,
      feedback: "Revise the rollout section",
    });
    assertEquals(feedback.status, 200, JSON.stringify(feedback.json));
    assertEquals(JSON.parse(await Deno.readTextFile(responseFiles[1])), {
      action: "reject",
      feedback: "Revise the rollout section",
      revise: true,
    });
    const audit = (await Deno.readTextFile(join(sb.saseHome, "mobile_gateway", "audit.jsonl")))
      .trim().split("\n").map((line) => JSON.parse(line)).filter((entry) =>
        entry.endpoint.includes("actions")
      );
    assertEquals(
      audit.map((entry) => [entry.target, entry.outcome]),
      [["abcdef12", "ambiguous_prefix"], [ids[0].slice(0, 10), "ok"], [
        ids[0],
        "conflict_already_handled",
      ], [ids[1], "ok"]],
    );
  } finally {
    await gw.stop();
  }
});

Deno.test("a plan approval's detail carries the plan text and the checkout's diff as a downloadable attachment", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, { "README.md": "# p\n" });
  const plan = await sb.write("plans/parser_plan.md", TALE);
  assertEquals((await runSase(["plan", "propose", plan], { env: sb.env, cwd: repo })).code, 0);
  const gw = await startGateway(sb.env);
  try {
    const { token } = await pair(gw);
    const id = (await api(gw, token, "GET", "/api/v1/notifications")).json.notifications[0].id;
    const clean = await api(gw, token, "GET", `/api/v1/notifications/${id}`);
    assertEquals(clean.json.action.kind, "plan_approval");
    assertEquals(clean.json.action.state, "available");
    assertStringIncludes(clean.json.action.plan_text, "Write the parser.");
    // A clean checkout: nothing to show but the plan.
    assertEquals(clean.json.attachments.map((a: { kind: string }) => a.kind), ["markdown"]);

    await Deno.writeTextFile(join(repo, "README.md"), "# p\n\nA change the planner made.\n");
    const changed = await api(gw, token, "GET", `/api/v1/notifications/${id}`);
    const diff = changed.json.attachments[1];
    assertEquals([diff.display_name, diff.kind, diff.downloadable], ["changes.diff", "diff", true]);
    const bytes = await fetch(`${gw.url}/api/v1/attachments/${diff.token}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assertEquals(bytes.status, 200);
    const text = await bytes.text();
    assertStringIncludes(text, "+A change the planner made.");
    assertStringIncludes(text, "diff --git a/README.md b/README.md");
  } finally {
    await gw.stop();
  }
});
