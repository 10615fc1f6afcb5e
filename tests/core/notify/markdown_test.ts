import { assertEquals } from "../../_helpers/assert.ts";
import { notificationWire } from "../../../core/notify/wire.ts";
import { notificationMarkdown } from "../../../core/notify/markdown.ts";

Deno.test("markdown: every field is shown, one line each, with control sequences made inert", () => {
  const osc = "\x1b]0;pwned\x07"; // retitles the terminal
  const clip = "\x1b]52;c;aGk=\x07"; // writes the clipboard
  const row = notificationWire({
    id: `id${osc}`,
    timestamp: `2026-04-30T12:00:00+00:00`,
    sender: `agent${clip}`,
    icon: "\x9b2J",
    notes: [`line one\nline two`, `bell\x07`, `cr\roverwrite`],
    files: [`/tmp/a\x1b[2Jb`],
    tags: [`t${osc}`],
    action: `Act\x1b[31m`,
    action_data: { [`k${osc}`]: `v${clip}`, n: { deep: "\x1b" } },
    extra_field: `x\u202ey`,
  }, Date.UTC(2026, 3, 30, 12, 0, 5));
  const text = notificationMarkdown(row);
  assertEquals(
    text,
    [
      "# Notification id^[]0;pwned^G",
      "",
      "- id: `id^[]0;pwned^G`",
      "- timestamp: `2026-04-30T12:00:00+00:00` (5s ago)",
      "- resurfaced_at: none",
      "- sender: `agent^[]52;c;aGk=^G`",
      "- icon: <U+009B>2J",
      "- priority: false",
      "- tags: `t^[]0;pwned^G`",
      "- notes:",
      "  - line one^Jline two",
      "  - bell^G",
      "  - cr^Moverwrite",
      "- files:",
      "  - `/tmp/a^[[2Jb`",
      "- action: `Act^[[31m`",
      "- action_data:",
      "  - k^[]0;pwned^G: `v^[]52;c;aGk=^G`",
      '  - n: `{"deep":"\\u001b"}`',
      "- state:",
      "  - read: false",
      "  - dismissed: false",
      "  - silent: false",
      "  - muted: false",
      "  - snooze_until: none",
      "- other fields:",
      "  - extra_field: `x<U+202E>y`",
      "",
    ].join("\n"),
  );
});
