/**
 * A real headless Chromium for the phone web app's tests, driven by
 * playwright-core with the system browser (Debian `chromium`; `.ci/run`
 * installs it). Without one the browser tests are skipped with a message
 * saying how to get it. Screenshots go to one temp folder per test run,
 * printed once, never into the repository.
 *
 * @module
 */

import { join } from "node:path";
import type { Browser, BrowserContext, ConsoleMessage, Dialog, Page } from "playwright-core";
import type { StartedGateway } from "./_gateway.ts";

/** Where a Chromium may be: `SASE_TEST_CHROMIUM`, then the usual names on PATH. */
function findChromium(): string | null {
  const explicit = Deno.env.get("SASE_TEST_CHROMIUM");
  if (explicit) return explicit;
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
      try {
        if (Deno.statSync(join(dir, name)).isFile) return join(dir, name);
      } catch {
        // Not here.
      }
    }
  }
  return null;
}

/** The Chromium the tests use, or null (the tests are then skipped). */
export const CHROMIUM = findChromium();

if (CHROMIUM === null) {
  console.warn(
    "phone app browser tests SKIPPED: no chromium found (install Debian `chromium` with " +
      "apt-get, or set SASE_TEST_CHROMIUM to a Chromium binary)",
  );
}

let artifacts: string | null = null;

/** The folder this run's screenshots go to (made and printed on first use). */
export async function artifactDir(): Promise<string> {
  if (!artifacts) {
    artifacts = await Deno.makeTempDir({ prefix: "sase-phone-artifacts-" });
    console.log(`phone app test artifacts: ${artifacts}`);
  }
  return artifacts;
}

/** An open browser with one phone-sized context, and what its pages logged. */
export interface PhoneBrowser extends AsyncDisposable {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every console message of every page, as `type: text`. */
  console: string[];
  /** Every dialog (`alert`, `confirm`) any page opened. */
  dialogs: string[];
  /** A further page in the same context (same storage: the same paired browser). */
  newPage(): Promise<Page>;
}

/** Launch Chromium with a 390×844 phone viewport. */
export async function openPhone(): Promise<PhoneBrowser> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM!,
    // The sandbox needs user namespaces a root CI container may not offer.
    args: ["--no-sandbox"],
  });
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const consoleLines: string[] = [];
  const dialogs: string[] = [];
  const watch = (page: Page) => {
    page.on("console", (message: ConsoleMessage) => {
      consoleLines.push(`${message.type()}: ${message.text()}`);
    });
    page.on("dialog", (dialog: Dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
  };
  const page = await context.newPage();
  watch(page);
  return {
    browser,
    context,
    page,
    console: consoleLines,
    dialogs,
    async newPage() {
      const next = await context.newPage();
      watch(next);
      return next;
    },
    async [Symbol.asyncDispose]() {
      await browser.close();
    },
  };
}

/** Pair `page` with the code the gateway printed; resolves once the inbox shows. */
export async function pairInBrowser(
  page: Page,
  gw: Pick<StartedGateway, "url" | "pairingId" | "code">,
): Promise<void> {
  await page.goto(gw.url);
  await page.locator("#pair-form").waitFor();
  await page.fill("#pairing-id", `Pairing ID: ${gw.pairingId}`);
  await page.fill("#pairing-code", gw.code);
  await page.click("#pair-form button[type=submit]");
  await page.locator("main h1", { hasText: "Inbox" }).waitFor();
  await waitLive(page);
}

/** Wait until the page's event stream is connected. */
export async function waitLive(page: Page): Promise<void> {
  // A locator, not waitForFunction: polling a predicate evaluates a string in the
  // page, which the app's policy (no 'unsafe-eval') refuses.
  await page.locator('body[data-feed="live"]').waitFor({ timeout: 30_000 });
}
