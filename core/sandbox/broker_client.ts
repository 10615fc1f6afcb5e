/**
 * The jailed side of the broker (`broker.ts`): a `sase` started inside the
 * jail with `SASE_BROKER` set hands a brokered command line to the runner
 * and relays its answer, instead of running it where it cannot work. For
 * `sase commit -M FILE` it sends the file's text too, read here, inside the
 * jail, so the runner never reads a path the agent names.
 *
 * @module
 */

import {
  BROKER_ENV,
  type BrokerResponse,
  isBrokered,
  requestPath,
  responsePath,
} from "./broker.ts";
import { flagValues, MESSAGE_LIMIT, parseCommitArgs } from "./broker_commit.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { resolve } from "../fs/path.ts";
import type { Env } from "../env.ts";

const POLL_MS = 25;

async function writeAll(target: typeof Deno.stdout, text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  for (let written = 0; written < bytes.length;) {
    written += await target.write(bytes.subarray(written));
  }
}
/** Longer than the broker lets a command run. */
const WAIT_MS = 11 * 60_000;

async function responseOf(path: string): Promise<BrokerResponse | undefined> {
  const text = await readTextBounded(path, READ_LIMITS.record).catch(() => undefined);
  if (text === undefined) return undefined;
  const value = JSON.parse(text);
  return {
    code: typeof value.code === "number" ? value.code : 1,
    stdout: typeof value.stdout === "string" ? value.stdout : "",
    stderr: typeof value.stderr === "string" ? value.stderr : "",
  };
}

/**
 * The text of `sase commit`'s `-M` file, read inside the jail (undefined
 * when there is none or it cannot be read: the broker then says why).
 */
async function messageText(args: readonly string[], cwd: string): Promise<string | undefined> {
  if (args[0] !== "commit") return undefined;
  const parsed = parseCommitArgs(args);
  if (typeof parsed === "string") return undefined;
  const [file] = flagValues(parsed, "message-file");
  if (file === undefined) return undefined;
  return await readTextBounded(resolve(cwd, file), MESSAGE_LIMIT).catch(() => undefined);
}

/** `--help` is answered here: it changes nothing. */
function wantsHelp(args: readonly string[]): boolean {
  return args.includes("-h") || args.includes("--help");
}

/**
 * Run `args` through the broker when this process runs jailed and the
 * command is brokered; resolves to its exit code, or undefined when the
 * command should run here as usual.
 */
export async function brokeredExitCode(
  args: readonly string[],
  env: Env,
  cwd: string,
): Promise<number | undefined> {
  const dir = env[BROKER_ENV];
  if (!dir || !isBrokered(args) || wantsHelp(args)) return undefined;
  const id = crypto.randomUUID();
  const answer = responsePath(dir, id);
  const message = await messageText(args, cwd);
  try {
    await atomicWriteJson(requestPath(dir, id), { argv: [...args], cwd, message }, {
      ensureDir: false,
    });
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound ? `${dir} does not exist` : String(error);
    console.error(`error: the jail's broker is not running: ${why}`);
    return 1;
  }
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const response = await responseOf(answer);
    if (response) {
      await Deno.remove(answer).catch(() => {});
      await writeAll(Deno.stdout, response.stdout);
      await writeAll(Deno.stderr, response.stderr);
      return response.code;
    }
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
  console.error(`error: the jail's broker did not answer within ${WAIT_MS / 60_000} minutes`);
  return 1;
}
