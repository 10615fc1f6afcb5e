/**
 * The phone web app (issue 25) in a real headless Chromium against a
 * gateway started by the real CLI: pairing, live inbox updates from
 * another process, plan review with approve, questions, HITL, agent
 * launch/kill/retry, and agent-written markup shown as text under a CSP
 * that blocks and reports inline script. Skipped without Chromium.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeGitRepo } from "../_helpers/git.ts";
import { allDone, killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { HITL_GATE_WORKFLOW, type StartedGateway, startGateway } from "./_gateway.ts";
import { artifactDir, CHROMIUM, openPhone, pairInBrowser, waitLive } from "./_browser.ts";
import { exists } from "../../core/fs/access.ts";

const ignore = CHROMIUM === null;

/** Run `sase notify create` in its own process with `record`. */
async function notify(sb: Sandbox, record: Record<string, unknown>): Promise<string> {
  const created = await runSase(["notify", "create"], {
    env: sb.env,
    stdin: JSON.stringify(record),
  });
  assertEquals(created.code, 0, created.stderr);
  return created.stdout.trim();
}

async function withGateway(
  sb: Sandbox,
  run: (gw: StartedGateway) => Promise<void>,
  env: Record<string, string> = sb.env,
): Promise<void> {
  const gw = await startGateway(env);
  try {
    await run(gw);
  } finally {
    await gw.stop();
  }
}

Deno.test({
  name:
    "pairing with the printed code keeps the token out of URLs and pages; a notification from another process appears without a reload; logout forgets the token",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    await notify(sb, {
      sender: "axe",
      notes: ["Lint failed in 2 files"],
      action: "ViewErrorReport",
    });
    await notify(sb, { sender: "build", notes: ["Docs rebuilt"] });
    await withGateway(sb, async (gw) => {
      await using phone = await openPhone();
      const { page } = phone;
      const urls: string[] = [];
      page.on("request", (request) => urls.push(request.url()));
      // A wrong code is refused with the gateway's message, and nothing is stored.
      await page.goto(gw.url);
      await page.fill("#pairing-id", gw.pairingId);
      const wrong = String((Number(gw.code) + 1) % 1_000_000).padStart(6, "0");
      await page.fill("#pairing-code", wrong);
      await page.click("#pair-form button[type=submit]");
      await page.locator("#pair-form .error").waitFor();
      assertEquals(await page.evaluate("localStorage.getItem('sase.mobile.token')"), null);

      await pairInBrowser(page, gw);
      const token = await page.evaluate("localStorage.getItem('sase.mobile.token')") as string;
      assert(/^sase_mobile_[A-Za-z0-9_-]{43}$/.test(token), String(token));
      // The token never travels in a URL, and the pairing page never shows it.
      assert(urls.every((url) => !url.includes(token)), urls.join("\n"));
      await page.goto(`${gw.url}/#/pair`);
      await page.locator("#pair-form").waitFor();
      const pairingText = await page.locator("body").innerText();
      assertStringIncludes(pairingText, "This browser is already paired");
      assert(!pairingText.includes(token) && !pairingText.includes("sase_mobile_"));
      assert(!(await page.content()).includes(token));

      await page.goto(`${gw.url}/#/inbox`);
      await waitLive(page);
      await page.evaluate("window.__sameDocument = true");
      const started = Date.now();
      const id = await notify(sb, {
        sender: "axe",
        notes: ["Nightly build finished"],
        tags: ["review"],
      });
      const card = page.locator(`li.card[data-id="${id}"]`);
      await card.waitFor({ timeout: 30_000 });
      console.log(`notification on screen ${Date.now() - started} ms after notify create started`);
      // Shown live: the same document, never reloaded.
      assertEquals(await page.evaluate("window.__sameDocument"), true);
      assertStringIncludes(await card.innerText(), "Nightly build finished");
      assertEquals(await card.getAttribute("class"), "card unread");
      // The sections in ACE's order, the new row under PRIORITY.
      const sections = page.locator("section.group");
      assertEquals(
        await sections.evaluateAll((all) => all.map((item) => item.getAttribute("data-section"))),
        ["priority", "errors", "inbox"],
      );
      assertEquals(await sections.locator("h2").allInnerTexts(), [
        "PRIORITY 1 unread",
        "ERRORS 1 unread",
        "INBOX 1 unread",
      ]);
      assertEquals(await sections.first().locator("li.card").getAttribute("data-id"), id);
      await page.screenshot({ path: join(await artifactDir(), "inbox.png") });

      // Mark read and dismiss, through the buttons.
      await card.locator("button.mark-read").click();
      await page.locator(`li.card[data-id="${id}"]:not(.unread)`).waitFor();
      await page.locator(`li.card[data-id="${id}"] button.dismiss`).click();
      await card.waitFor({ state: "detached" });
      const rows = (await Deno.readTextFile(
        join(sb.saseHome, "notifications", "notifications.jsonl"),
      )).trim().split("\n").map((line) => JSON.parse(line));
      assertEquals(
        rows.filter((row) => row.read || row.dismissed).map((
          row,
        ) => [row.id, row.read, row.dismissed]),
        [[id, true, true]],
      );

      // Logout forgets the token and returns to pairing.
      await page.click("#logout");
      await page.locator("#pair-form").waitFor();
      assertEquals(await page.evaluate("localStorage.getItem('sase.mobile.token')"), null);
      assert(!(await page.locator("body").innerText()).includes("already paired"));
    });
  },
});

const TALE =
  "---\ntier: tale\ntitle: Add the parser\ngoal: Inputs parse\nsize: small\n---\n# Plan\n\nWrite the parser.\n";

Deno.test({
  name:
    "plan review: a fakey planner's plan and diff are shown; Approve launches the coder into the agents list; a second approve says already handled",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    await sb.write("home/.config/sase/sase.yml", "llm_provider:\n  provider: fakey\n");
    const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, { "README.md": "# p\n" });
    // Work in progress in the checkout: the change the plan is reviewed with (the
    // gateway offers the checkout's `git diff HEAD`; a run's own edits are committed
    // by its finalizer, work that was there before it stays uncommitted).
    await Deno.writeTextFile(join(repo, "README.md"), "# p\n\nA change the planner made.\n");
    // The planner writes its plan and proposes it.
    const planner = await sb.write(
      "planner.json",
      JSON.stringify({
        steps: [
          { write: "parser_plan.md", content: TALE },
          { shell: "sase plan propose parser_plan.md" },
          { text: "Proposed." },
        ],
      }),
    );
    const planned = await runSase(
      ["run", `#cd:${repo} %n:planner %m:fakey/${planner} plan the parser`],
      { env: sb.env, cwd: repo },
    );
    assertEquals(planned.code, 0, planned.stderr);
    await withGateway(sb, async (gw) => {
      await using phone = await openPhone();
      const { page } = phone;
      await pairInBrowser(page, gw);
      const card = page.locator("li.card", { hasText: "plan" }).first();
      await card.waitFor();
      // A second page of the same browser, opened before the approval and cut off
      // from live updates, still offers the buttons: its approve must be refused.
      const stale = await phone.newPage();
      await stale.route("**/api/v1/events", (route) => route.abort());
      const href = await card.locator("a.open").getAttribute("href");
      await stale.goto(`${gw.url}/${href}`);
      await stale.locator("button[data-action=approve]").waitFor();

      await card.locator("a.open").click();
      const plan = page.locator("pre.plan");
      await plan.waitFor();
      assertStringIncludes(await plan.innerText(), "Write the parser.");
      const diff = page.locator(".changes pre.diff");
      await diff.waitFor();
      assertStringIncludes(await diff.innerText(), "+A change the planner made.");
      assertEquals(await page.locator(".changes .line.add").count() > 0, true);
      await page.screenshot({ path: join(await artifactDir(), "plan_review.png") });
      // Readable on a 360-px-wide phone: nothing, the diff included, is wider than the screen.
      await page.setViewportSize({ width: 360, height: 740 });
      assertEquals(await page.evaluate("document.documentElement.scrollWidth"), 360);
      await page.setViewportSize({ width: 390, height: 844 });

      await page.click("button[data-action=approve]");
      const notice = page.locator("#notice");
      await notice.locator("text=Plan approved").waitFor({ timeout: 30_000 });
      const message = await notice.innerText();
      const coder = /launched (\S+)/.exec(message)?.[1];
      assert(coder, message);
      // The detail now says the decision is made.
      await page.locator(".handled", { hasText: "Already handled." }).waitFor();
      // The coder's run is in the agents list.
      await page.click("#tabs a[data-page=agents]");
      await page.locator(`li.agent[data-name="${coder}"]`).waitFor({ timeout: 30_000 });

      await stale.click("button[data-action=approve]");
      await stale.locator("#notice", { hasText: "Already handled" }).waitFor();
      assertEquals(
        await stale.locator("#notice").getAttribute("class"),
        "notice error",
      );
    });
  },
});

const QUESTIONS = {
  questions: [{
    question: "Which storage should the cache use?",
    header: "Storage",
    options: [{ label: "SQLite", description: "one file" }, { label: "JSONL" }],
    multiSelect: false,
  }],
};

Deno.test({
  name:
    "a fakey agent's question is answered from the browser and the agent completes with the answer; a custom answer is written once",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    const work = await makeGitRepo(join(sb.root, "proj"), sb.env);
    const script = await sb.write(
      "ask.json",
      JSON.stringify({
        steps: [
          {
            // The first turn asks (and ends); the runner's follow-up turn, which carries the
            // answers in its prompt, leaves `resumed`.
            shell: `if [ -e "$SASE_ARTIFACTS_DIR/asked" ]; then ` +
              `touch "$SASE_ARTIFACTS_DIR/resumed"; else touch "$SASE_ARTIFACTS_DIR/asked"; ` +
              `sase questions '${JSON.stringify(QUESTIONS)}' > /dev/null 2>&1; fi`,
          },
          { text: "Thanks, going with the answer." },
        ],
      }),
    );
    // A second question, posted as a notification with its request file only.
    const customDir = join(sb.root, "q2");
    await sb.write("q2/question_request.json", JSON.stringify(QUESTIONS));
    const customId = await notify(sb, {
      sender: "agent",
      notes: ["Which storage?"],
      action: "UserQuestion",
      action_data: { response_dir: customDir },
    });
    await withGateway(sb, async (gw) => {
      await using phone = await openPhone();
      const { page } = phone;
      await pairInBrowser(page, gw);
      const launched = await runSase(
        ["run", "-d", `#cd:${work} %n:asker %m:fakey/scripted ask`],
        { env: { ...sb.env, SASE_FAKEY_SCRIPT: script }, cwd: work },
      );
      assertEquals(launched.code, 0, launched.stderr);
      const [dir] = await runDirs(sb);
      try {
        // The agent's question arrives live; its detail offers the options.
        const card = page.locator("li.card", {
          has: page.locator(".sender", { hasText: /^question$/ }),
        });
        await card.waitFor({ timeout: 60_000 });
        await card.locator("a.open").click();
        const question = page.locator("fieldset.question");
        await question.waitFor();
        assertEquals(
          await question.locator("legend").innerText(),
          "Which storage should the cache use?",
        );
        assertEquals(await question.locator("button.option").allInnerTexts(), ["SQLite", "JSONL"]);
        await question.locator("button.option", { hasText: "JSONL" }).click();
        await page.locator("#notice", { hasText: "Question answered" }).waitFor();
        await page.locator(".handled", { hasText: "Already handled." }).waitFor();
        // The runner resumes the agent with the answer and it completes.
        const [done] = await allDone([dir], 60_000);
        assertEquals(done.outcome, "completed", String(done.error));
        assert(await exists(join(dir, "resumed")), "the follow-up turn ran");
        const meta = await readJsonFile(join(dir, "agent_meta.json"));
        const answered = await readJsonFile(String(meta?.question_response_path));
        assertEquals(answered?.answers, [{
          question: "Which storage should the cache use?",
          selected: ["JSONL"],
          custom_feedback: null,
        }]);
      } finally {
        await killRunners([dir]);
      }

      await page.goto(`${gw.url}/#/n/${customId}`);
      await page.locator("fieldset.question textarea").fill("DuckDB, it is embedded");
      await page.locator("fieldset.question button", { hasText: "Send custom answer" }).click();
      // (The first answer's notice may still show: wait for this detail's own change.)
      await page.locator(".handled", { hasText: "Already handled." }).waitFor();
      const response = await waitFor(
        "the custom answer",
        () => readJsonFile(join(customDir, "question_response.json")),
      );
      // A custom answer is written as the original's question modal writes it: "Other" chosen.
      assertEquals(response.answers, [{
        question: "Which storage should the cache use?",
        selected: ["Other"],
        custom_feedback: "DuckDB, it is embedded",
      }]);
    });
  },
});

Deno.test({
  name: "a workflow checkpoint is accepted from the browser and the run completes",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    const env = { ...sb.env, SASE_HITL_POLL_MS: "100" };
    await sb.write("work/xprompts/gate.yml", HITL_GATE_WORKFLOW);
    await withGateway(sb, async (gw) => {
      await using phone = await openPhone();
      const { page } = phone;
      await pairInBrowser(page, gw);
      const launched = await runSase(["run", "-d", `#cd:${sb.cwd} #!gate`], { env, cwd: sb.cwd });
      assertEquals(launched.code, 0, launched.stderr);
      const [dir] = await runDirs(sb);
      // The checkpoint's notification arrives live; its detail offers the decision.
      const card = page.locator("li.card", { hasText: "is waiting at step 'prompt_user'" });
      await card.waitFor({ timeout: 30_000 });
      await card.locator("a.open").click();
      await page.locator("button[data-action=accept]").click();
      await page.locator("#notice", { hasText: "Decision sent" }).waitFor();
      const done = await waitFor(
        "the run to finish",
        () => readJsonFile(join(dir, "done.json")),
        60_000,
      );
      assertEquals(done.outcome, "completed");
    }, env);
  },
});

Deno.test({
  name: "an agent is launched from the browser into a project, killed, and retried",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    const workspace = join(sb.home, "code", "sase");
    await Deno.mkdir(workspace, { recursive: true });
    await sb.write(
      "home/.sase/projects/sase/sase.sase",
      "WORKSPACE_DIR: ~/code/sase\n\nNAME: parser\nDESCRIPTION:\n  Add the parser\nSTATUS: WIP\n",
    );
    await withGateway(sb, async (gw) => {
      await using phone = await openPhone();
      const { page } = phone;
      await pairInBrowser(page, gw);
      await page.click("#tabs a[data-page=agents]");
      await page.locator("#launch-form").waitFor();
      // An unknown project is refused with the gateway's message.
      await page.fill("#launch-prompt", "%model:fakey/hang wait here");
      await page.fill("#launch-project", "nope");
      await page.click("#launch-form button[type=submit]");
      await page.locator("#notice.error").waitFor();
      await page.fill("#launch-project", "sase");
      await page.fill("#launch-name", "sleeper");
      await page.click("#launch-form button[type=submit]");
      await page.locator("#notice", { hasText: "Launched sleeper" }).waitFor({ timeout: 30_000 });
      const row = page.locator('li.agent[data-name="sleeper"]');
      await row.locator("button.kill").waitFor({ timeout: 30_000 });
      assertStringIncludes(await row.innerText(), "sase");
      assertEquals(
        JSON.parse(
          await Deno.readTextFile(
            join(sb.saseHome, "mobile_gateway", "agent_launch_contexts.jsonl"),
          ),
        )
          .project,
        "sase",
      );
      await row.locator("button.kill").click();
      await page.locator("#notice", { hasText: "Killed sleeper" }).waitFor({ timeout: 30_000 });
      await row.locator("button.retry").waitFor({ timeout: 30_000 });
      assertStringIncludes(await row.innerText(), "KILLED");
      await row.locator("button.retry").click();
      await page.locator("#notice", { hasText: "Retried sleeper" }).waitFor({ timeout: 30_000 });
      // The retry is a new run under a new name, running the recorded prompt again.
      const retried = page.locator("li.agent:not([data-name=sleeper]) button.kill");
      await retried.waitFor({ timeout: 30_000 });
      const names = await page.locator("li.agent").evaluateAll((rows) =>
        rows.map((item) => item.getAttribute("data-name"))
      );
      assertEquals(names.length, 2, String(names));
      // The agents page fits a 360-px-wide phone too.
      await page.setViewportSize({ width: 360, height: 740 });
      assertEquals(await page.evaluate("document.documentElement.scrollWidth"), 360);
      assert(names.includes("sleeper"));
      // Leave nothing running.
      await retried.click();
      await page.locator("li.agent button.kill").waitFor({ state: "detached", timeout: 30_000 });
    });
  },
});

const XSS = "<img src=x onerror=alert(1)>";

Deno.test({
  name:
    "agent-written markup is shown as text; the policy blocks the same markup's inline handler and reports it",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    const id = await notify(sb, { sender: XSS, notes: [XSS, `second ${XSS}`], tags: ["x"] });
    await withGateway(sb, async (gw) => {
      await using phone = await openPhone();
      const { page } = phone;
      await pairInBrowser(page, gw);
      const card = page.locator(`li.card[data-id="${id}"]`);
      await card.waitFor();
      assertStringIncludes(await card.innerText(), XSS);
      await card.locator("a.open").click();
      await page.locator("p.note").first().waitFor();
      assertEquals(await page.locator("p.note").allInnerTexts(), [XSS, `second ${XSS}`]);
      assertEquals(await page.locator("main h1").innerText(), XSS);
      // No element was made from the text.
      assertEquals(await page.locator("main img").count(), 0);
      const reports = join(sb.saseHome, "mobile_gateway", "csp_reports.jsonl");
      assertEquals(await Deno.stat(reports).then(() => true, () => false), false);

      // The app itself never trips its own policy.
      assertEquals(phone.console.filter((line) => line.includes("Content Security Policy")), []);
      // Had the text become markup, the policy would still stop its script: put the
      // same text in as HTML (what the app never does) and watch it being refused.
      await page.evaluate(
        `document.querySelector("main").insertAdjacentHTML("beforeend", ${JSON.stringify(XSS)})`,
      );
      const report = await waitFor("a CSP report", async () => {
        const text = await Deno.readTextFile(reports).catch(() => "");
        return text ? JSON.parse(text.trim().split("\n")[0]) : undefined;
      }, 30_000);
      assertEquals(report.effective_directive, "script-src-attr");
      assertEquals(report.blocked_uri, "inline");
      assertStringIncludes(report.document_uri, gw.url);
      assert(
        phone.console.some((line) =>
          line.startsWith("error: ") &&
          line.includes("inline event handler violates the following Content Security Policy")
        ),
        phone.console.join("\n"),
      );
      // No script ran: no alert was ever opened.
      assertEquals(phone.dialogs, []);
    });
  },
});

Deno.test({
  name:
    "the service worker keeps the app and what it loaded: with the gateway gone the page says so and still opens offline",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    const id = await notify(sb, { sender: "build", notes: ["Loaded before the outage"] });
    await withGateway(sb, async (gw) => {
      await using phone = await openPhone();
      const { page } = phone;
      await pairInBrowser(page, gw);
      await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
      // Once the worker controls the page, the inbox it loads is kept for offline use.
      await page.reload();
      assertEquals(await page.evaluate("navigator.serviceWorker.controller !== null"), true);
      await page.locator(`li.card[data-id="${id}"]`).waitFor();
      await waitLive(page);

      await gw.stop();
      const status = page.locator("#status", { hasText: "unreachable" });
      await status.waitFor({ timeout: 30_000 });
      // What was loaded stays on screen.
      await page.locator(`li.card[data-id="${id}"]`).waitFor();

      // A reload with the gateway gone: the shell and the last inbox come from the worker.
      await page.reload();
      await page.locator(`li.card[data-id="${id}"]`).waitFor({ timeout: 30_000 });
      await status.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(await artifactDir(), "offline.png") });
    });
  },
});

Deno.test({
  name:
    "after a gateway restart the stream reconnects with Last-Event-ID and the inbox catches up with what happened meanwhile",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    const first = await startGateway(sb.env);
    const port = new URL(first.url).port;
    let second: StartedGateway | null = null;
    try {
      await using phone = await openPhone();
      const { page } = phone;
      const streamIds: (string | null)[] = [];
      page.on("request", (request) => {
        if (request.url().endsWith("/api/v1/events")) {
          streamIds.push(request.headers()["last-event-id"] ?? null);
        }
      });
      await pairInBrowser(page, first);
      const before = await notify(sb, { sender: "build", notes: ["Before the restart"] });
      await page.locator(`li.card[data-id="${before}"]`).waitFor({ timeout: 30_000 });
      // The first connection had nothing to resume from.
      assertEquals(streamIds[0], null);

      await first.stop();
      await page.locator("#status", { hasText: "unreachable" }).waitFor({ timeout: 30_000 });
      const meanwhile = await notify(sb, { sender: "build", notes: ["While it was down"] });
      second = await startGateway(sb.env, ["-p", port]);
      assertEquals(second.url, first.url);
      await page.locator(`li.card[data-id="${meanwhile}"]`).waitFor({ timeout: 60_000 });
      await page.locator("#status").waitFor({ state: "hidden", timeout: 30_000 });
      // Every reconnect named the last event it had seen (16-digit gateway ids).
      const resumed = streamIds.slice(1);
      assert(resumed.length > 0, String(streamIds));
      for (const id of resumed) assert(id !== null && /^\d{16}$/.test(id), String(streamIds));
    } finally {
      await first.stop();
      await second?.stop();
    }
  },
});

/** A 1×1 PNG. */
const PIXEL = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  ),
  (char) => char.charCodeAt(0),
);

Deno.test({
  name:
    "a notification's files open from its detail: text as text, an image as an image, others refused as not downloadable",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    const text = await sb.write("files/report.md", "# Report\n\n<b>not bold</b>\n");
    const image = join(sb.root, "files", "shot.png");
    await Deno.writeFile(image, PIXEL);
    const id = await notify(sb, {
      sender: "user-agent",
      notes: ["Results attached"],
      files: [text, image, join(sb.root, "files")],
    });
    await withGateway(sb, async (gw) => {
      await using phone = await openPhone();
      const { page } = phone;
      await pairInBrowser(page, gw);
      await page.goto(`${gw.url}/#/n/${id}`);
      const items = page.locator("li.attachment");
      await items.first().waitFor();
      assertEquals(await items.count(), 3);
      await items.nth(0).locator("button").click();
      const shown = items.nth(0).locator("pre");
      await shown.waitFor();
      assertEquals(await shown.innerText(), "# Report\n\n<b>not bold</b>\n");
      assertEquals(await items.nth(0).locator("b").count(), 0);
      await items.nth(1).locator("button").click();
      const img = items.nth(1).locator("img.inline-image");
      await img.waitFor();
      assertStringIncludes(String(await img.getAttribute("src")), "blob:");
      const width = await waitFor("the image to load", async () => {
        const loaded = await img.evaluate((element) => ({
          complete: (element as unknown as { complete: boolean }).complete,
          width: (element as unknown as { naturalWidth: number }).naturalWidth,
        }));
        return loaded.complete && loaded.width > 0 ? loaded.width : undefined;
      }, 30_000);
      assertEquals(width, 1);
      // A directory is listed but offers nothing to open.
      assertStringIncludes(await items.nth(2).innerText(), "(not downloadable)");
      assertEquals(await items.nth(2).locator("button").count(), 0);
      assertEquals(phone.console.filter((line) => line.includes("Content Security Policy")), []);
    });
  },
});

Deno.test({
  name: "a revoked browser forgets its token and what it cached, and asks to pair again",
  ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using sb = await makeSandbox();
    await withGateway(sb, async (gw) => {
      await using phone = await openPhone();
      const { page } = phone;
      await pairInBrowser(page, gw);
      await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
      await page.reload();
      await waitLive(page);
      const listed = await runSase(["mobile", "device", "list", "-j"], { env: sb.env });
      const [device] = JSON.parse(listed.stdout).devices;
      const revoked = await runSase(["mobile", "device", "revoke", device.device_id], {
        env: sb.env,
      });
      assertEquals(revoked.code, 0, revoked.stderr);
      // The next change makes the page ask the gateway, which refuses the token.
      await notify(sb, { sender: "build", notes: ["After the revocation"] });
      await page.locator("#pair-form").waitFor({ timeout: 30_000 });
      await page.locator("#notice", { hasText: "no longer paired" }).waitFor();
      assertEquals(await page.evaluate("localStorage.getItem('sase.mobile.token')"), null);
      assertEquals(
        await page.evaluate(
          "caches.keys().then((keys) => keys.filter((k) => k.startsWith('sase-api')))",
        ),
        [],
      );
    });
  },
});
