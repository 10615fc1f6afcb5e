/**
 * The gateway's security sweep, against the gateway the real CLI starts:
 * every authenticated route refuses every bad credential without touching
 * any state, wrong pairing codes lock a challenge, attachment tokens are
 * bound to their device and file, and no file or log holds a secret.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { upstreamFixture } from "../_helpers/fixtures.ts";
import { api, filesBelow, pair, pairAnother, startGateway } from "./_gateway.ts";

/** Every file below the state root with its bytes, to prove a request changed nothing. */
async function snapshot(root: string): Promise<Map<string, string>> {
  return await filesBelow(root);
}

/** The handbook's action routes (15.8), which the contract snapshot predates. */
const HANDBOOK_ROUTES = [
  "POST /api/v1/actions/plan/{prefix}/approve",
  "POST /api/v1/actions/plan/{prefix}/run",
  "POST /api/v1/actions/plan/{prefix}/reject",
  "POST /api/v1/actions/plan/{prefix}/feedback",
  "POST /api/v1/actions/plan/{prefix}/tale",
  "POST /api/v1/actions/plan/{prefix}/epic",
  "POST /api/v1/actions/plan/{prefix}/legend",
  "POST /api/v1/actions/hitl/{prefix}/accept",
  "POST /api/v1/actions/hitl/{prefix}/reject",
  "POST /api/v1/actions/hitl/{prefix}/feedback",
];

Deno.test("every authenticated route × {no header, malformed, unknown, revoked} → 401 and no state change", async () => {
  await using sb = await makeSandbox();
  const created = await runSase(["notify", "create"], {
    env: sb.env,
    stdin: JSON.stringify({ sender: "axe", notes: ["Build failed"] }),
  });
  const id = created.stdout.trim();
  const gw = await startGateway(sb.env);
  try {
    const revokedDevice = await pair(gw, "Lost phone");
    const live = await pairAnother(gw, "Pixel 9");
    const revoke = await runSase(["mobile", "device", "revoke", revokedDevice.deviceId], {
      env: sb.env,
    });
    assertEquals(revoke.code, 0, revoke.stderr);
    // The live device works (and has been seen, so nothing below moves last_seen_at).
    assertEquals((await api(gw, live.token, "GET", "/api/v1/session")).status, 200);

    const contract = JSON.parse(
      await Deno.readTextFile(upstreamFixture("mobile/mobile_api_v1.json")),
    );
    const routes: string[] = contract.routes
      .filter((route: { auth: boolean }) => route.auth)
      .map((route: { method: string; path: string }) => `${route.method} ${route.path}`);
    routes.push(...HANDBOOK_ROUTES);
    assert(routes.length >= 34, `${routes.length} routes`);
    const credentials: [string, Record<string, string>][] = [
      ["no header", {}],
      ["empty bearer", { authorization: "Bearer " }],
      ["basic scheme", { authorization: `Basic ${btoa("user:pass")}` }],
      ["lower-case scheme, live token", { authorization: `bearer ${live.token}` }],
      ["token with trailing junk", { authorization: `Bearer ${live.token} x` }],
      ["not a sase token", { authorization: "Bearer abc.def.ghi" }],
      ["unknown token", { authorization: `Bearer sase_mobile_${"Q".repeat(43)}` }],
      ["revoked token", { authorization: `Bearer ${revokedDevice.token}` }],
    ];
    const before = await snapshot(sb.saseHome);
    for (const route of routes) {
      const [method, pattern] = route.split(" ");
      const path = pattern.replace("{id}", id).replace("{prefix}", id.slice(0, 8))
        .replace("{name}", "mobile.summary").replace("{job_id}", "job_1")
        .replace("{token}", "att_x");
      for (const [label, headers] of credentials) {
        const answer = await api(
          gw,
          null,
          method,
          path,
          method === "GET" || method === "DELETE" ? undefined : { schema_version: 1 },
          headers,
        );
        assertEquals(answer.status, 401, `${route} with ${label}: ${JSON.stringify(answer.json)}`);
        assertEquals(answer.json.code, "unauthorized", `${route} with ${label}`);
        assertEquals(answer.json.schema_version, 1);
      }
    }
    assertEquals(await snapshot(sb.saseHome), before);
    // A body over 1 MiB is refused before it is read (even with a live token).
    const huge = await api(
      gw,
      live.token,
      "POST",
      `/api/v1/actions/plan/${id.slice(0, 8)}/reject`,
      {
        schema_version: 1,
        feedback: "x".repeat(1024 * 1024),
      },
    );
    assertEquals([huge.status, huge.json.code], [413, "invalid_request"]);
    assertEquals(huge.json.message, "request body over 1048576 bytes");
  } finally {
    await gw.stop();
  }
});

Deno.test("20 wrong pairing codes: the challenge locks after 5, even the right code is refused, no device is added", async () => {
  await using sb = await makeSandbox();
  const gw = await startGateway(sb.env);
  try {
    const finish = (code: string) =>
      api(gw, null, "POST", "/api/v1/session/pair/finish", {
        schema_version: 1,
        pairing_id: gw.pairingId,
        code,
        device: { display_name: "Guesser", platform: "android" },
      });
    const answers = [];
    for (let i = 1; i <= 20; i++) {
      answers.push(await finish(String((Number(gw.code) + i) % 1_000_000).padStart(6, "0")));
    }
    assert(answers.every((answer) => answer.status === 401));
    assertEquals(
      answers.slice(0, 4).map((a) => a.json.message),
      Array(4).fill("wrong pairing code"),
    );
    for (const answer of answers.slice(4)) {
      assertEquals(answer.json.code, "pairing_rejected");
      assertEquals(answer.json.message, "pairing locked after 5 wrong codes");
    }
    const right = await finish(gw.code);
    assertEquals([right.status, right.json.code], [401, "pairing_rejected"]);
    assertEquals(right.json.message, "pairing locked after 5 wrong codes");
    const devices = await Deno.readTextFile(join(sb.saseHome, "mobile_gateway", "devices.json"))
      .catch(() => null);
    assertEquals(devices, null);
    // A malformed code is a bad request, not a guess.
    const malformed = await finish("12345");
    assertEquals([malformed.status, malformed.json.code], [400, "invalid_request"]);
  } finally {
    const stopped = await gw.stop();
    assertEquals(stopped.stderr.includes(gw.code), false);
  }
});

Deno.test("attachment tokens: bound to the device, to the file, refused for traversal, symlinks, directories and oversized files", async () => {
  await using sb = await makeSandbox();
  const plan = await sb.write("files/plan.md", "# Plan\n\nShip it.\n");
  const swapped = await sb.write("files/notes.md", "# Notes\n");
  const secret = await sb.write("files/secret.txt", "do not serve\n");
  const big = await sb.write("files/big.txt", "");
  await Deno.writeFile(big, new Uint8Array(10 * 1024 * 1024 + 1));
  const link = join(sb.root, "files", "link.md");
  await Deno.symlink(plan, link);
  const dir = join(sb.root, "files", "folder");
  await Deno.mkdir(dir);
  const traversal = join(sb.root, "files", "folder") + "/../secret.txt";
  const created = await runSase(["notify", "create"], {
    env: sb.env,
    stdin: JSON.stringify({
      sender: "planner",
      notes: ["Files"],
      files: [plan, swapped, link, dir, big, traversal, join(sb.root, "files", "missing.md")],
    }),
  });
  const id = created.stdout.trim();
  const gw = await startGateway(sb.env);
  try {
    const a = await pair(gw, "Phone A");
    const b = await pairAnother(gw, "Phone B");
    const detail = await api(gw, a.token, "GET", `/api/v1/notifications/${id}`);
    assertEquals(detail.status, 200);
    const manifests = detail.json.attachments;
    assertEquals(
      manifests.map((
        m: Record<string, unknown>,
      ) => [m.display_name, m.kind, m.downloadable, m.token !== null]),
      [
        ["plan.md", "markdown", true, true],
        ["notes.md", "markdown", true, true],
        ["link.md", "markdown", false, false],
        ["folder", "directory", false, false],
        ["big.txt", "text", false, false],
        ["secret.txt", "text", false, false],
        ["missing.md", "markdown", false, false],
      ],
    );
    assertEquals(manifests[4].byte_size, 10 * 1024 * 1024 + 1);
    assertEquals(manifests[6].path_available, false);
    const [planToken, swappedToken] = [manifests[0].token, manifests[1].token];

    const ok = await fetch(`${gw.url}/api/v1/attachments/${planToken}`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    assertEquals(ok.status, 200);
    assertEquals(await ok.text(), "# Plan\n\nShip it.\n");
    assertEquals(ok.headers.get("content-type"), "text/markdown");
    assertEquals(ok.headers.get("content-disposition"), 'attachment; filename="plan.md"');

    const other = await api(gw, b.token, "GET", `/api/v1/attachments/${planToken}`);
    assertEquals([other.status, other.json.code], [403, "permission_denied"]);
    const unknown = await api(gw, a.token, "GET", `/api/v1/attachments/att_unknown`);
    assertEquals([unknown.status, unknown.json.code], [404, "attachment_expired"]);

    // The file is swapped for a symlink to another file after the token was minted.
    await Deno.remove(swapped);
    await Deno.symlink(secret, swapped);
    const replaced = await api(gw, a.token, "GET", `/api/v1/attachments/${swappedToken}`);
    assertEquals([replaced.status, replaced.json.code], [409, "gone_stale"]);
    assertEquals(JSON.stringify(replaced.json).includes("do not serve"), false);
  } finally {
    await gw.stop();
  }
});

Deno.test("no file under mobile_gateway/ and no line of the gateway's output holds a token, pairing code or attachment token", async () => {
  await using sb = await makeSandbox();
  const plan = await sb.write("files/plan.md", "# Plan\n");
  const created = await runSase(["notify", "create"], {
    env: sb.env,
    stdin: JSON.stringify({ sender: "planner", notes: ["Plan"], files: [plan] }),
  });
  const id = created.stdout.trim();
  const gw = await startGateway(sb.env, ["-P", "test"]);
  const secrets: string[] = [gw.code];
  let stopped;
  try {
    const { token } = await pair(gw);
    secrets.push(token);
    const subscribed = await api(gw, token, "POST", "/api/v1/session/push-subscriptions", {
      schema_version: 1,
      provider: "test",
      provider_token: "opaque-provider-token",
      hint_categories: ["notifications", "agents", "session"],
    });
    assertEquals(subscribed.status, 200, JSON.stringify(subscribed.json));
    const detail = await api(gw, token, "GET", `/api/v1/notifications/${id}`);
    secrets.push(detail.json.attachments[0].token);
    await api(gw, token, "POST", `/api/v1/notifications/${id}/mark-read`);
    await api(gw, token, "POST", `/api/v1/notifications/${id}/dismiss`);
    await api(gw, "sase_mobile_" + "x".repeat(43), "GET", "/api/v1/session");
  } finally {
    stopped = await gw.stop();
  }
  const files = await filesBelow(join(sb.saseHome, "mobile_gateway"));
  assert(files.size >= 3, [...files.keys()].join(", "));
  for (const [path, text] of files) {
    for (const secret of secrets) {
      assertEquals(text.includes(secret), false, `${path} holds a secret`);
    }
  }
  for (const secret of secrets.slice(1)) assertEquals(stopped.stdout.includes(secret), false);
  for (const secret of secrets) assertEquals(stopped.stderr.includes(secret), false);
  // The code appears once, in the pairing line printed for the person at the host.
  assertStringIncludes(stopped.stdout, `Pairing code: ${gw.code}\n`);
});
