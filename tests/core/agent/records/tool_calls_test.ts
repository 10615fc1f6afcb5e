import { assert, assertEquals } from "../../../_helpers/assert.ts";
import {
  claudeHookRecord,
  redactSecrets,
  summarizeInput,
  summarizeOutput,
} from "../../../../core/agent/records/tool_calls.ts";

Deno.test("redactSecrets hides the values of secret-looking names in every written form", () => {
  const cases: [string, string][] = [
    ["API_TOKEN=abc123 ls -la", "API_TOKEN=[REDACTED] ls -la"],
    ["export GH_PAT_KEY='s3cr3t'; make", "export GH_PAT_KEY='[REDACTED]'; make"],
    [
      "HOME=/h\nAWS_SECRET_ACCESS_KEY=abc/def\nUSER=me",
      "HOME=/h\nAWS_SECRET_ACCESS_KEY=[REDACTED]\nUSER=me",
    ],
    ['{"api_key": "sk-123", "model": "x"}', '{"api_key": "[REDACTED]", "model": "x"}'],
    ["db_password: hunter2\nport: 5432", "db_password: [REDACTED]\nport: 5432"],
    ["Authorization: Bearer abcdefgh12345678", "Authorization: Bearer [REDACTED]"],
    ["curl -H 'x: Basic dXNlcjpwYXNzd29yZA=='", "curl -H 'x: Basic [REDACTED]'"],
    ["mysql --password=hunter2 -u root", "mysql --password=[REDACTED] -u root"],
    ["gh auth login --with-token tok_abcdef", "gh auth login --with-token [REDACTED]"],
  ];
  for (const [input, expected] of cases) assertEquals(redactSecrets(input), expected, input);
});

Deno.test("redactSecrets leaves ordinary names alone", () => {
  for (
    const text of [
      "FOO=bar make",
      "name: value",
      'git commit --author "Ann <a@b.c>" -m msg',
      "author: Ann",
      "ls --color=auto",
      "Bearer short",
    ]
  ) {
    assertEquals(redactSecrets(text), text);
  }
});

Deno.test("tool output previews are redacted like commands, before they are cut", () => {
  const output = summarizeOutput({
    stdout: "HOME=/h\nGITHUB_TOKEN=ghp_0123456789\n",
    stderr: "warning: password: hunter2",
    exit_code: 0,
  });
  assertEquals(output, {
    exit_code: 0,
    stdout_preview: "HOME=/h\nGITHUB_TOKEN=[REDACTED]\n",
    stderr_preview: "warning: password: [REDACTED]",
  });
  assertEquals(summarizeOutput("SECRET=x1"), { content_preview: "SECRET=[REDACTED]" });
  // A secret across the 512-character preview limit is hidden whole, not half.
  const long = `${"x".repeat(480)} DEPLOY_TOKEN=${"s".repeat(40)} ${"y".repeat(100)}`;
  const cut = summarizeOutput({ stdout: long }).stdout_preview as string;
  assert(!cut.includes("sss"), cut);
  assert(cut.startsWith(`${"x".repeat(480)} DEPLOY_TOKEN=[REDACTED] yyy`), cut);
  assert(cut.endsWith("...[truncated 93 chars]"), cut);
  const command = summarizeInput("Bash", { command: long }).command as string;
  assert(!command.includes("sss"), command);
  // SASE_TOOL_LOG_FULL keeps the raw value on purpose (debugging only).
  assertEquals(summarizeOutput("SECRET=x1", true), { raw: "SECRET=x1" });
});

Deno.test("Claude hook rows redact the response and its error text", () => {
  const row = claudeHookRecord({
    hook_event_name: "PostToolUse",
    tool_use_id: "toolu_1",
    tool_name: "Bash",
    tool_input: { command: "NPM_TOKEN=abc npm publish" },
    tool_response: { stdout: "token: abcdef" },
    error: "failed with --api-key zzz",
  });
  assertEquals(row?.tool_input_summary, { command: "NPM_TOKEN=[REDACTED] npm publish" });
  assertEquals(row?.tool_response_summary, {
    stdout_preview: "token: [REDACTED]",
    error_preview: "failed with --api-key [REDACTED]",
  });
});
