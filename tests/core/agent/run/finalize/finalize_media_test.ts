import { join } from "node:path";
import { assertEquals } from "../../../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../../../_helpers/sandbox.ts";
import {
  type FinalizeInput,
  finalizeRun,
} from "../../../../../core/agent/run/finalize/finalize.ts";
import { notificationsPath } from "../../../../../core/config/paths.ts";

const MEDIA = {
  image_paths: ["/ws/shot.png"],
  markdown_pdf_paths: ["/run/markdown_pdfs/README.md.pdf"],
  notes: ["Markdown PDFs not rendered for 1 file."],
};

async function finalize(sandbox: Sandbox, overrides: Partial<FinalizeInput>) {
  const dir = join(sandbox.root, "run");
  await Deno.mkdir(dir, { recursive: true });
  const chatPath = await finalizeRun({
    env: sandbox.env,
    dir,
    name: "ann",
    timestamp: "20260101120000",
    project: "proj",
    provider: "fakey",
    model: "fake-1",
    prompt: "do it",
    reply: "done",
    outcome: "completed",
    exitCode: 0,
    startedAt: new Date().toISOString(),
    retryCount: 0,
    retryErrors: [],
    usedFallback: false,
    notify: true,
    media: MEDIA,
    ...overrides,
  });
  const done = JSON.parse(await Deno.readTextFile(join(dir, "done.json")));
  const lines = (await Deno.readTextFile(notificationsPath(sandbox.env))).trim().split("\n");
  return { chatPath, done, notification: JSON.parse(lines.at(-1) ?? "{}") };
}

Deno.test("a completed run records its media in done.json and attaches it", async () => {
  await using sandbox = await makeSandbox();
  const { chatPath, done, notification } = await finalize(sandbox, {});
  assertEquals(done.image_paths, MEDIA.image_paths);
  assertEquals(done.markdown_pdf_paths, MEDIA.markdown_pdf_paths);
  assertEquals(notification.files, [chatPath, ...MEDIA.markdown_pdf_paths, ...MEDIA.image_paths]);
  assertEquals(notification.notes.slice(1), MEDIA.notes);
});

Deno.test("a failed run carries no media", async () => {
  await using sandbox = await makeSandbox();
  const { chatPath, done, notification } = await finalize(sandbox, {
    outcome: "failed",
    error: "boom",
    exitCode: 1,
  });
  assertEquals([done.image_paths, done.markdown_pdf_paths], [[], []]);
  assertEquals(notification.files, [chatPath, done.error_report_path]);
});

Deno.test("without media done.json keeps its empty lists", async () => {
  await using sandbox = await makeSandbox();
  const { chatPath, done, notification } = await finalize(sandbox, { media: undefined });
  assertEquals([done.image_paths, done.markdown_pdf_paths], [[], []]);
  assertEquals(notification.files, [chatPath]);
});
