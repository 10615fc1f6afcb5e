/**
 * The fake agent itself: reads the prompt from stdin, plays a script and
 * writes Claude-format stream-json to stdout, one unbuffered line per event,
 * so sase's real streaming, artifact and watchdog paths are exercised
 * exactly as with `claude -p --output-format stream-json`.
 *
 * @module
 */

import { dirname, join, resolve } from "../../../core/fs/path.ts";
import {
  builtinScenario,
  commitFollowUpScript,
  type FakeyScript,
  type FakeyStep,
  isScriptModel,
  SCENARIOS,
} from "./script.ts";
import { READ_LIMITS, readTextBounded } from "../../../core/fs/bounded_read.ts";

/** How one fakey process was invoked. */
export interface FakeyOptions {
  /** Scenario name (the model after `fakey/`). */
  model: string;
  sessionId?: string;
  /** A script file; wins over the scenario. */
  scriptPath?: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

const encoder = new TextEncoder();

function emit(event: Record<string, unknown>): void {
  const bytes = encoder.encode(JSON.stringify(event) + "\n");
  let written = 0;
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Rough token estimate so usage is deterministic and non-zero. */
function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

class Player {
  #turn = 0;
  #toolCount = 0;
  #reply: string[] = [];
  constructor(
    readonly sessionId: string,
    readonly model: string,
    readonly cwd: string,
    readonly env: FakeyOptions["env"],
  ) {}

  get reply(): string {
    return this.#reply.join("\n\n");
  }

  #base(): Record<string, unknown> {
    return { session_id: this.sessionId, uuid: crypto.randomUUID() };
  }

  assistant(content: Record<string, unknown>[]): void {
    this.#turn += 1;
    emit({
      type: "assistant",
      message: {
        id: `msg_fakey_${this.#turn}`,
        type: "message",
        role: "assistant",
        model: this.model,
        content,
      },
      parent_tool_use_id: null,
      ...this.#base(),
    });
  }

  text(text: string): void {
    this.#reply.push(text);
    this.assistant([{ type: "text", text }]);
  }

  async trickle(text: string, chunks: number, delayMs: number): Promise<void> {
    const size = Math.max(1, Math.ceil(text.length / chunks));
    emit({
      type: "stream_event",
      event: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      parent_tool_use_id: null,
      ...this.#base(),
    });
    for (let offset = 0; offset < text.length; offset += size) {
      emit({
        type: "stream_event",
        event: {
          type: "content_block_delta",
          index: 0,
          delta: { type: "text_delta", text: text.slice(offset, offset + size) },
        },
        parent_tool_use_id: null,
        ...this.#base(),
      });
      await sleep(delayMs);
    }
    this.text(text);
  }

  tool(name: string, input: Record<string, unknown>, result: string, isError: boolean): void {
    this.#toolCount += 1;
    const id = `toolu_fakey_${this.#toolCount}`;
    this.assistant([{ type: "tool_use", id, name, input }]);
    emit({
      type: "user",
      message: {
        role: "user",
        content: [{ type: "tool_result", tool_use_id: id, content: result, is_error: isError }],
      },
      tool_use_result: { success: !isError, output: result },
      ...this.#base(),
    });
  }

  async write(path: string, content: string): Promise<void> {
    const target = resolve(this.cwd, path);
    await Deno.mkdir(dirname(target), { recursive: true });
    await Deno.writeTextFile(target, content);
    this.tool("Write", { file_path: target, content }, `Wrote ${content.length} chars`, false);
  }

  async shell(command: string): Promise<void> {
    let output: string;
    let failed: boolean;
    try {
      const result = await new Deno.Command("sh", {
        args: ["-c", command],
        cwd: this.cwd,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const decoder = new TextDecoder();
      output = decoder.decode(result.stdout) + decoder.decode(result.stderr);
      failed = !result.success;
    } catch (error) {
      output = String(error);
      failed = true;
    }
    this.tool("Bash", { command }, output, failed);
  }

  /** Park forever; with `child`, also leave a grandchild to prove group kills. */
  async hang(child: boolean): Promise<never> {
    if (child) {
      const sleeper = new Deno.Command("sleep", { args: ["600"], stdin: "null" }).spawn();
      const dir = this.env.SASE_ARTIFACTS_DIR ?? this.cwd;
      await Deno.writeTextFile(join(dir, "fakey_child.pid"), `${Deno.pid}\n${sleeper.pid}\n`);
    }
    while (true) await sleep(60_000);
  }

  result(prompt: string, error?: string, text?: string): void {
    const reply = text ?? this.reply;
    emit({
      type: "result",
      subtype: error ? "error_during_execution" : "success",
      is_error: Boolean(error),
      result: error ?? reply,
      num_turns: this.#turn,
      duration_ms: 1,
      total_cost_usd: 0,
      usage: {
        input_tokens: tokens(prompt),
        output_tokens: tokens(reply),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
      ...this.#base(),
    });
  }
}

async function play(player: Player, step: FakeyStep): Promise<void> {
  if ("text" in step) player.text(step.text);
  else if ("trickle" in step) {
    await player.trickle(step.trickle, step.chunks ?? 10, step.delay_ms ?? 100);
  } else if ("tool" in step) {
    player.tool(step.tool, step.input ?? {}, step.result ?? "ok", step.is_error ?? false);
  } else if ("write" in step) await player.write(step.write, step.content);
  else if ("shell" in step) await player.shell(step.shell);
  else if ("question" in step) {
    player.tool(
      "AskUserQuestion",
      { questions: [{ question: step.question, options: step.options ?? [] }] },
      "question recorded",
      false,
    );
    player.text(`Question: ${step.question}`);
  } else if ("stderr" in step) console.error(step.stderr);
  else if ("sleep_ms" in step) await sleep(step.sleep_ms);
  else await player.hang(step.child ?? false);
}

async function loadScript(options: FakeyOptions, prompt: string): Promise<FakeyScript | string> {
  const commit = commitFollowUpScript(prompt);
  if (commit) return commit;
  const path = options.scriptPath ??
    (isScriptModel(options.model) ? options.model : options.env.SASE_FAKEY_SCRIPT);
  if (path) {
    const { parseScript } = await import("./script_file.ts");
    return parseScript(await readTextBounded(resolve(options.cwd, path), READ_LIMITS.config), path);
  }
  return builtinScenario(options.model, prompt) ??
    `fakey: unknown scenario '${options.model}' (known: ${SCENARIOS.join(", ")})`;
}

/** Run one fake agent; resolves to the process exit code. */
export async function runFakey(options: FakeyOptions, prompt: string): Promise<number> {
  const player = new Player(
    options.sessionId ?? crypto.randomUUID(),
    options.model,
    options.cwd,
    options.env,
  );
  const script = await loadScript(options, prompt);
  if (typeof script === "string") {
    console.error(script);
    player.result(prompt, script);
    return 2;
  }
  if (script.init ?? true) {
    emit({
      type: "system",
      subtype: "init",
      cwd: options.cwd,
      model: options.model,
      permissionMode: "bypassPermissions",
      tools: ["Bash", "Read", "Write", "AskUserQuestion"],
      session_id: player.sessionId,
      uuid: crypto.randomUUID(),
    });
  }
  for (const step of script.steps) await play(player, step);
  if (script.result === false) return script.exit_code ?? 0;
  player.result(prompt, script.result?.error, script.result?.text);
  return script.exit_code ?? (script.result?.error ? 1 : 0);
}
