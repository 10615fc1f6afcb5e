/**
 * `sase changespec reword NAME [-m TEXT | -M FILE | -t KEY=VALUE]`: replace
 * (or tag) the commit description of a ChangeSpec's branch.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { SaseError, usageError } from "../../core/errors.ts";
import { resolve } from "../../core/fs/path.ts";
import { READ_LIMITS, readTextBounded } from "../../core/fs/bounded_read.ts";
import { findChangeSpec, projectStore } from "../../core/changespec/read.ts";
import { addTagToChangeSpec, rewordChangeSpec } from "../../core/changespec/ops/reword.ts";
import { rewordWire } from "../../core/changespec/ops/wire.ts";
import { type OpOptions, opTarget, say } from "../shared/changespec_ops.ts";
import { editText } from "../../core/editor.ts";
import { printJson } from "../shared/output.ts";

/** The options of `sase changespec reword`. */
interface RewordOptions extends OpOptions {
  message?: string;
  messageFile?: string;
  addTag?: string;
  json?: boolean;
}

/** The new description: `-m`, `-M`, or the current one edited in `$EDITOR`. */
async function newDescription(app: AppContext, name: string, options: RewordOptions) {
  if (options.message !== undefined) return options.message;
  if (options.messageFile !== undefined) {
    const path = resolve(app.cwd, options.messageFile);
    try {
      return await readTextBounded(path, READ_LIMITS.input);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      throw new SaseError("changespec.message_file", `message file not found: ${path}`, {
        kind: "not-found",
      });
    }
  }
  if (!Deno.stdin.isTerminal()) {
    throw usageError("no new description", "pass -m TEXT, -M FILE or -t KEY=VALUE");
  }
  const spec = await findChangeSpec(projectStore(app.env), name, options.project);
  return await editText(spec.description, app.env);
}

/** Run `sase changespec reword`. */
export async function runReword(
  app: AppContext,
  name: string,
  options: RewordOptions,
): Promise<void> {
  const given = [options.message, options.messageFile, options.addTag].filter((v) =>
    v !== undefined
  );
  if (given.length > 1) throw usageError("-m, -M and -t exclude each other");
  const target = opTarget(name, options);
  let result;
  if (options.addTag !== undefined) {
    const eq = options.addTag.indexOf("=");
    if (eq <= 0) throw usageError(`-t wants KEY=VALUE, got '${options.addTag}'`);
    result = await addTagToChangeSpec(
      app,
      target,
      options.addTag.slice(0, eq),
      options.addTag.slice(eq + 1),
    );
  } else {
    result = await rewordChangeSpec(app, target, await newDescription(app, name, options));
  }
  if (options.json) return printJson(rewordWire(result));
  if (result.tag !== null) say(`tagged ${result.name} (${result.revision}) with ${result.tag}`);
  else say(`reworded ${result.name} (${result.revision}); DESCRIPTION updated`);
}
