/**
 * The event stream with several clients and changes made by other
 * processes: a `sase notify create` reaches every connected phone, an agent
 * run announces `agents_changed`, push hints carry nothing sensitive.
 */

import { join } from "node:path";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { api, openEvents, pair, startGateway } from "./_gateway.ts";

Deno.test("3 clients: a notification created by `sase notify create` in another process reaches all three within 1 s", async () => {
  await using sb = await makeSandbox();
  const gw = await startGateway(sb.env);
  try {
    const { token } = await pair(gw);
    const streams = await Promise.all([0, 1, 2].map(() => openEvents(gw, token)));
    const created = await runSase(["notify", "create"], {
      env: sb.env,
      stdin: JSON.stringify({ sender: "axe", notes: ["From another process"] }),
    });
    assertEquals(created.code, 0, created.stderr);
    const written = Date.now();
    const events = await Promise.all(
      streams.map((stream) =>
        stream.waitFor(
          (e) => e.data.payload.notifications_changed?.reason === "external_change",
          1000,
        )
      ),
    );
    assert(Date.now() - written <= 1000);
    // One change, one event: all three clients got the same id.
    assertEquals(new Set(events.map((e) => e.id)).size, 1);
    // The phone can read it right away.
    const list = await api(gw, token, "GET", "/api/v1/notifications?unread=true&limit=25");
    assertEquals(list.json.notifications[0].id, created.stdout.trim());
    streams.forEach((stream) => stream.close());
  } finally {
    await gw.stop();
  }
});

Deno.test("an agent run in another process publishes agents_changed; keep-alive comments flow", async () => {
  await using sb = await makeSandbox();
  const gw = await startGateway({ ...sb.env, SASE_GATEWAY_KEEPALIVE_MS: "200" });
  try {
    const { token } = await pair(gw);
    const stream = await openEvents(gw, token);
    const run = await runSase(["run", "%model:fakey/reply Say hello"], {
      env: sb.env,
      cwd: sb.cwd,
    });
    assertEquals(run.code, 0, run.stderr);
    const event = await stream.waitFor((e) => e.event === "agents_changed");
    assertEquals(event.data.payload.agents_changed.reason, "external_change");
    await stream.waitFor(() => stream.comments.includes("keep-alive"), 5000).catch(() => {});
    assert(stream.comments.includes("keep-alive"), JSON.stringify(stream.comments));
    stream.close();
  } finally {
    await gw.stop();
  }
});

Deno.test("11-12: push subscriptions upsert by provider token; the test provider records hints with ids, category, reason and short text only", async () => {
  await using sb = await makeSandbox();
  const plan = await sb.write("files/plan.md", "# Plan\n");
  const created = await runSase(["notify", "create"], {
    env: sb.env,
    stdin: JSON.stringify({ sender: "planner", notes: ["Secret prompt text"], files: [plan] }),
  });
  const id = created.stdout.trim();
  const gw = await startGateway(sb.env, ["-P", "test"]);
  try {
    const { token, deviceId } = await pair(gw);
    const register = () =>
      api(gw, token, "POST", "/api/v1/session/push-subscriptions", {
        schema_version: 1,
        provider: "test",
        provider_token: "opaque-fcm-token",
        app_instance_id: "pixel-9-app-instance",
        device_display_name: "Pixel 9",
        platform: "android",
        app_version: "0.1.0",
        hint_categories: ["notifications", "agents", "update"],
      });
    const first = await register();
    const second = await register();
    assertEquals([first.json.created, second.json.created], [true, false]);
    assertEquals(first.json.subscription.id, second.json.subscription.id);
    assertEquals(first.json.subscription.device_id, deviceId);
    const listed = await api(gw, token, "GET", "/api/v1/session/push-subscriptions");
    assertEquals(listed.json.subscriptions.length, 1);

    const detail = await api(gw, token, "GET", `/api/v1/notifications/${id}`);
    const attachmentToken = detail.json.attachments[0].token;
    await api(gw, token, "POST", `/api/v1/notifications/${id}/mark-read`);
    const run = await runSase(["run", "%model:fakey/reply Say hello"], {
      env: sb.env,
      cwd: sb.cwd,
    });
    assertEquals(run.code, 0, run.stderr);
    const hintsPath = join(sb.saseHome, "mobile_gateway", "push_test_hints.jsonl");
    let hints: { subscription_id: string; hint: Record<string, unknown> }[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const text = await Deno.readTextFile(hintsPath).catch(() => "");
      hints = text.trim() ? text.trim().split("\n").map((line) => JSON.parse(line)) : [];
      if (hints.some((h) => h.hint.category === "agents")) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    const categories = new Set(hints.map((h) => h.hint.category));
    assert(categories.has("agents") && categories.has("notifications"), JSON.stringify(hints));
    const allowed = [
      "schema_version",
      "id",
      "category",
      "reason",
      "notification_id",
      "agent_name",
      "helper",
      "job_id",
      "title",
      "body",
      "created_at",
    ];
    const text = JSON.stringify(hints);
    for (const { hint, subscription_id } of hints) {
      assertEquals(subscription_id, first.json.subscription.id);
      assertEquals(Object.keys(hint).sort(), [...allowed].sort());
      assert((hint.title as string).length <= 40 && (hint.body as string).length <= 80);
    }
    for (const secret of [token, attachmentToken, "Secret prompt text", sb.root, gw.code]) {
      assertEquals(text.includes(secret), false, `a hint holds ${secret}`);
    }
    const health = await api(gw, null, "GET", "/api/v1/health");
    assertEquals(health.json.push.provider, "test");
    assert(health.json.push.succeeded >= hints.length);

    const removed = await api(
      gw,
      token,
      "DELETE",
      `/api/v1/session/push-subscriptions/${first.json.subscription.id}`,
    );
    assertEquals(removed.json.revoked, true);
    assertEquals(
      (await api(gw, token, "GET", "/api/v1/session/push-subscriptions")).json.subscriptions,
      [],
    );
    const again = await api(
      gw,
      token,
      "DELETE",
      `/api/v1/session/push-subscriptions/${first.json.subscription.id}`,
    );
    assertEquals(again.json.revoked, false);
    const missing = await api(gw, token, "DELETE", "/api/v1/session/push-subscriptions/sub_nope");
    assertEquals([missing.status, missing.json.code], [404, "not_found"]);
  } finally {
    await gw.stop();
  }
});

Deno.test("fcm push: HTTP v1 messages with the env credential, dry run, only hint fields; a failing endpoint is retried push_retry_limit times", async () => {
  await using sb = await makeSandbox();
  const received: { auth: string | null; body: Record<string, unknown> }[] = [];
  let fail = false;
  const fcm = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      received.push({ auth: request.headers.get("authorization"), body: await request.json() });
      return fail
        ? new Response("boom", { status: 500 })
        : Response.json({ name: "projects/p/messages/1" });
    },
  );
  const env = {
    ...sb.env,
    SASE_FCM_CREDENTIAL: "ya29.short-lived-token",
    SASE_FCM_ENDPOINT: `http://127.0.0.1:${fcm.addr.port}/v1/projects/p/messages:send`,
  };
  const gw = await startGateway(env, [
    "-P",
    "fcm",
    "-F",
    "my-firebase-project",
    "-E",
    "SASE_FCM_CREDENTIAL",
    "-D",
  ]);
  try {
    const { token } = await pair(gw);
    const subscribed = await api(gw, token, "POST", "/api/v1/session/push-subscriptions", {
      schema_version: 1,
      provider: "fcm",
      provider_token: "device-fcm-token",
      hint_categories: ["notifications"],
    });
    assertEquals(subscribed.status, 200);
    const created = await runSase(["notify", "create"], {
      env: sb.env,
      stdin: JSON.stringify({ sender: "axe", notes: ["Private prompt text"] }),
    });
    const id = created.stdout.trim();
    await api(gw, token, "POST", `/api/v1/notifications/${id}/mark-read`);
    const deadline = Date.now() + 15_000;
    while (
      !received.some((r) => JSON.stringify(r.body).includes("mark_read")) && Date.now() < deadline
    ) {
      await new Promise((done) => setTimeout(done, 50));
    }
    const message = received.find((r) => JSON.stringify(r.body).includes("mark_read"))!;
    assertEquals(message.auth, "Bearer ya29.short-lived-token");
    assertEquals(message.body.validate_only, true);
    const inner = message.body.message as { token: string; data: Record<string, string> };
    assertEquals(inner.token, "device-fcm-token");
    assertEquals(inner.data.category, "notifications");
    assertEquals(inner.data.notification_id, id);
    const text = JSON.stringify(received);
    for (const secret of [token, "Private prompt text", sb.root, gw.code]) {
      assertEquals(text.includes(secret), false, secret);
    }

    // A failing endpoint: one attempt and push_retry_limit (1) retry, counted in /health.
    fail = true;
    const before = (await api(gw, null, "GET", "/api/v1/health")).json.push;
    const count = received.length;
    await api(gw, token, "POST", `/api/v1/notifications/${id}/dismiss`);
    while (received.length < count + 2 && Date.now() < deadline + 15_000) {
      await new Promise((done) => setTimeout(done, 50));
    }
    await new Promise((done) => setTimeout(done, 300));
    assertEquals(received.length, count + 2);
    const after = (await api(gw, null, "GET", "/api/v1/health")).json.push;
    assertEquals(after.failed - before.failed, 2);
    assertEquals(after.last_failure, "FCM answered HTTP 500");
  } finally {
    await gw.stop();
    await fcm.shutdown();
  }
});
