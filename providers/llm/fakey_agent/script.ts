/**
 * fakey scripts: what one fake agent run does, step by step. A script comes
 * from a built-in scenario named by the model (`fakey/reply`, `fakey/tools`,
 * `fakey/hang`, ...) or from a file (`script_file.ts`, which loads the YAML
 * parser and zod only for runs that name one).
 *
 * @module
 */

import { shellQuote } from "../../../core/self_command.ts";

/** One step of a fake run. */
export type FakeyStep =
  | { text: string }
  | { trickle: string; chunks?: number; delay_ms?: number }
  | { tool: string; input?: Record<string, unknown>; result?: string; is_error?: boolean }
  | { write: string; content: string }
  | { shell: string }
  | { question: string; options?: string[] }
  | { stderr: string }
  | { sleep_ms: number }
  | { hang: true; child?: boolean };

/** A whole fake run. */
export interface FakeyScript {
  /** Emit the `system/init` event first (default true). */
  init?: boolean;
  steps: FakeyStep[];
  /** The closing result: `false` ends the stream without one. */
  result?: false | { text?: string; error?: string };
  /** Process exit code (default 0, or 1 when the result is an error). */
  exit_code?: number;
}

const PLAN = "# Plan\n\n1. Read the code.\n2. Make the change.\n3. Run the tests.\n";

/** How the commit finalizer's follow-up prompt starts (see core/agent/run/finalize/commit_finalizer_text.ts). */
const COMMIT_FOLLOW_UP = "SASE commit finalizer (";

/** The heading above the files the finalizer says the run changed in its main workspace. */
const OWN_CHANGES = /^Uncommitted changes in the main workspace \(.*\):$/;

/** The files the finalizer's prompt lists as the run's own changes in the main workspace. */
export function listedOwnChanges(prompt: string): string[] {
  const lines = prompt.split("\n");
  const start = lines.findIndex((line) => OWN_CHANGES.test(line));
  if (start < 0) return [];
  const files: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^ {2}- (.+)$/.exec(line);
    if (!item) break;
    if (!/^\.\.\. \(\d+ files in total\)$/.test(item[1])) files.push(item[1]);
  }
  return files;
}

/** The name the finalizer's prompt requires for a pull request (`-n <name>`), if it requires one. */
const PR_NAME = /^You MUST pass `-n ([^`]+)`/m;

/** fakey's own name for a pull request when the prompt leaves the choice to the agent. */
const FAKEY_PR_NAME = "fakey_changes";

/**
 * What fakey does with the commit finalizer's follow-up, whatever its
 * scenario or script: what the prompt's commit skill tells a real agent to
 * do (`xprompts/skills/sase_git_commit.md`): write the message outside the
 * repository and `sase commit` exactly the files the prompt lists as its
 * own changes, one `-f` each (leaving the user's pre-existing changes out),
 * with no `-t` so the run's commit method decides, and `-n` when that
 * method is a pull request.
 */
export function commitFollowUpScript(prompt: string): FakeyScript | undefined {
  if (!prompt.startsWith(COMMIT_FOLLOW_UP)) return undefined;
  const files = listedOwnChanges(prompt);
  if (files.length === 0) return { steps: [{ text: "None of these changes are mine." }] };
  const message = '"$SASE_ARTIFACTS_DIR/commit_message.md"';
  const required = PR_NAME.exec(prompt)?.[1];
  const name = required === undefined
    ? []
    : ["-n", shellQuote(required === "<name>" ? FAKEY_PR_NAME : required)];
  const paths = files.map(shellQuote).join(" ");
  const command = [
    "sase commit -M",
    message,
    ...name,
    ...files.flatMap((file) => ["-f", shellQuote(file)]),
  ].join(" ");
  // A checkout without an `origin` has no VCS provider to commit through
  // (handbook 22.9.1), and a jailed agent may not name one: there fakey
  // commits the same files with git itself, as the quickstart's fresh
  // repository needs. Any other failure is the command's to report.
  const gitCommit = `git add -- ${paths} && git commit -q -F ${message} -- ${paths}`;
  return {
    steps: [
      {
        shell: `printf '%s\\n' 'fakey: commit my changes' '' 'The files this run changed.' ` +
          `> ${message} && { out=$(${command} 2>&1) || case "$out" in ` +
          `*"No VCS provider found"*) ${gitCommit} ;; *) printf '%s\\n' "$out" >&2; exit 1 ;; ` +
          `esac; }`,
      },
      { text: "Committed my changes." },
    ],
  };
}

/** True when a fakey model names a script file (`fakey/plan.yaml`, `fakey//abs/x.json`). */
export function isScriptModel(model: string): boolean {
  return /\.(json|ya?ml)$/i.test(model);
}

/** Built-in scenarios by name; `prompt` is the run's prompt. */
export function builtinScenario(name: string, prompt: string): FakeyScript | undefined {
  const firstLine = prompt.trim().split("\n")[0]?.slice(0, 200) ?? "";
  switch (name) {
    case "reply":
    case "":
      return { steps: [{ text: `Hello from fakey. You asked: ${firstLine}` }] };
    case "tools":
      return {
        steps: [
          { text: "Let me look around first." },
          { tool: "Read", input: { file_path: "README.md" }, result: "# readme" },
          { shell: "echo fakey-tool-output" },
          { text: "Done looking." },
        ],
      };
    case "edit":
      return {
        steps: [
          { write: "fakey_edit.txt", content: "edited by fakey\n" },
          { text: "I wrote fakey_edit.txt." },
        ],
      };
    case "question":
      return {
        steps: [{ question: "Which approach should I take?", options: ["Option A", "Option B"] }],
      };
    case "plan":
      return {
        steps: [
          { write: "fakey_plan.md", content: PLAN },
          { shell: "sase plan propose fakey_plan.md" },
          { text: "I proposed a plan in fakey_plan.md." },
        ],
      };
    case "fail":
      return {
        steps: [{ text: "Starting..." }, { stderr: "fakey: scripted failure" }],
        result: { error: "fakey: scripted failure" },
        exit_code: 1,
      };
    case "retryable":
      return {
        steps: [{ stderr: "API Error: 500 FAKEY-RETRYABLE" }],
        result: { error: "API Error: 500 FAKEY-RETRYABLE" },
        exit_code: 1,
      };
    case "slow":
      return { steps: [{ trickle: `Slowly answering: ${firstLine}`, chunks: 10, delay_ms: 100 }] };
    case "hang":
      return { init: false, steps: [{ hang: true, child: true }] };
    case "noresult":
      return { steps: [{ text: "A partial answer" }], result: false };
    default:
      return undefined;
  }
}

/** Names of the built-in scenarios. */
export const SCENARIOS: readonly string[] = [
  "reply",
  "tools",
  "edit",
  "question",
  "plan",
  "fail",
  "retryable",
  "slow",
  "hang",
  "noresult",
];
