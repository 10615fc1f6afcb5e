/**
 * Expansion of `#name` references in prompt text.
 *
 * Order (handbook 7): aliases → workspace-ref normalisation → protection of
 * fenced blocks and disabled regions → reference expansion → restore.
 * References expand depth-first: a rendered body is itself expanded, with
 * the xprompt's file-local helpers and template scope visible, so a cycle is
 * reported with its chain and nesting is capped at 100 rounds. Unknown names,
 * workspace references and fork references (`fork_refs.ts`) stay as written,
 * and so do embeddable workflows with steps around their `prompt_part`
 * (the workflow engine runs those steps and expands them at launch).
 * Directives are extracted later (`directives.ts`).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { NULL_ARG } from "./args.ts";
import { applyAliases } from "./aliases.ts";
import { type CommandRunner, runShellCommand, substituteCommands } from "./command_subst.ts";
import type { Catalog } from "./discovery.ts";
import { splitSegments } from "./segments.ts";
import { bindArgs } from "./bind_args.ts";
import { isJinjaTemplate } from "./jinja/translate.ts";
import { renderJinja, TemplateRenderError } from "./jinja/render.ts";
import type { XPrompt } from "./model.ts";
import { protect, protectFences, restore } from "./protect.ts";
import { FORK_REF_NAMES } from "./fork_refs.ts";
import { findReferences, type Reference, referenceArgs } from "./reference.ts";
import { preprocessShorthand } from "./shorthand.ts";
import { normalizeWorkspaceRefs, WORKSPACE_REF_NAMES } from "./workspace_refs.ts";

/** Most nested expansion rounds before giving up. */
export const MAX_EXPANSION_ROUNDS = 100;

/** One resolved reference, for `--trace`. */
export interface TraceEntry {
  name: string;
  reference: string;
  sourcePath: string;
  sourceLabel: string;
  /** Nesting round: 0 for references written in the prompt itself. */
  iteration: number;
  positional: unknown[];
  named: Record<string, unknown>;
  output: string;
}

/** What expansion needs besides the text. */
export interface ExpandOptions {
  catalog: Catalog;
  /** Effective `xprompt_aliases` (defaults included). */
  aliases?: Readonly<Record<string, string>>;
  /** Extra template context (`root`, `wait_chats`, `agents`, workflow scope). */
  globals?: Record<string, unknown>;
  /** Prompt-local helpers (front-matter `xprompts:`), visible everywhere. */
  localXPrompts?: Record<string, XPrompt>;
  /** Runs `$(cmd)`; defaults to the shell. */
  runCommand?: CommandRunner;
  cwd?: string;
}

/** Expanded text, the trace of every reference resolved, and calls to unknown names. */
export interface ExpandResult {
  text: string;
  trace: TraceEntry[];
  /**
   * References written with arguments (`#name(...)`) whose name no xprompt
   * has: they stay as written, but were most likely meant as calls (a typo,
   * a missing file). Each distinct reference once, in order.
   */
  unknown: string[];
}

interface Frame {
  chain: string[];
  helpers: Record<string, XPrompt>;
  scope: Record<string, unknown>;
}

class Expander {
  readonly trace: TraceEntry[] = [];
  readonly unknown: string[] = [];
  readonly #commands = new Map<string, string>();
  constructor(private readonly options: ExpandOptions) {}

  lookup(name: string, frame: Frame): XPrompt | undefined {
    return frame.helpers[name] ?? this.options.catalog.byName.get(name);
  }

  knownNames(frame: Frame): Set<string> {
    return new Set([...this.options.catalog.byName.keys(), ...Object.keys(frame.helpers)]);
  }

  async expandText(text: string, frame: Frame): Promise<string> {
    if (!text.includes("#")) return text;
    const prepared = preprocessShorthand(text, this.knownNames(frame));
    let out = "";
    let cursor = 0;
    for (const ref of findReferences(prepared)) {
      if (ref.start < cursor) continue;
      const xprompt = this.#resolvable(ref, frame);
      if (!xprompt) continue;
      out += prepared.slice(cursor, ref.start) + await this.expandReference(ref, xprompt, frame);
      cursor = ref.end;
    }
    return out + prepared.slice(cursor);
  }

  #resolvable(ref: Reference, frame: Frame): XPrompt | undefined {
    // Workspace and fork references belong to the runner, even when a catalog
    // defines an xprompt of the same name.
    if (WORKSPACE_REF_NAMES.includes(ref.name) || FORK_REF_NAMES.includes(ref.name)) {
      return undefined;
    }
    const xprompt = this.lookup(ref.name, frame);
    if (!xprompt) {
      const written = ref.raw.split("\n")[0];
      if (ref.marker === "#" && ref.argKind === "paren" && !this.unknown.includes(written)) {
        this.unknown.push(written);
      }
      return undefined;
    }
    // An embeddable workflow with steps around its prompt_part is expanded by
    // the workflow engine when its agent runs: those steps must run first.
    if (xprompt.sideSteps) return undefined;
    if (xprompt.kind === "workflow") {
      if (ref.marker === "#!") return undefined;
      throw new SaseError(
        "xprompt.standalone_inline",
        `'#${ref.name}' is a standalone workflow and cannot be expanded inline`,
        { hint: `launch it on its own as '#!${ref.name}'`, kind: "invalid-data" },
      );
    }
    return xprompt;
  }

  async expandReference(ref: Reference, xprompt: XPrompt, frame: Frame): Promise<string> {
    const label = `#${xprompt.name}`;
    if (frame.chain.includes(xprompt.name)) {
      const chain = [...frame.chain.slice(frame.chain.indexOf(xprompt.name)), xprompt.name];
      throw new SaseError(
        "xprompt.cycle",
        `xprompt reference cycle: ${chain.map((name) => `#${name}`).join(" → ")}`,
        { hint: "remove one of the references so the chain ends", kind: "invalid-data" },
      );
    }
    if (frame.chain.length >= MAX_EXPANSION_ROUNDS) {
      throw new SaseError(
        "xprompt.too_deep",
        `xprompt expansion exceeded ${MAX_EXPANSION_ROUNDS} rounds at ${label} (started from #${
          frame.chain[0]
        })`,
        { hint: "xprompts nest at most 100 levels deep", kind: "invalid-data" },
      );
    }
    const args = referenceArgs(ref);
    const runner = this.options.runCommand ?? runShellCommand;
    const substitute = (value: string | typeof NULL_ARG) =>
      value === NULL_ARG
        ? value
        : substituteCommands(value, this.#commands, runner, this.options.cwd);
    const positional = await Promise.all(args.positional.map(substitute));
    const named = Object.fromEntries(
      await Promise.all(
        Object.entries(args.named).map(async ([k, v]) => [k, await substitute(v)] as const),
      ),
    );
    const bound = bindArgs(xprompt.inputs, positional, named, label, args.blanks);
    const scope: Record<string, unknown> = { ...frame.scope };
    bound.positional.forEach((value, index) => scope[`_${index + 1}`] = value);
    scope._args = bound.positional;
    Object.assign(scope, bound.values);
    const rendered = await this.#render(xprompt, bound.positional, scope);
    const child: Frame = {
      chain: [...frame.chain, xprompt.name],
      helpers: { ...frame.helpers, ...xprompt.helpers },
      scope: Object.keys(xprompt.helpers).length ? scope : frame.scope,
    };
    const saved: string[] = [];
    const protectedBody = protectFences(rendered, saved);
    const output = restore(await this.expandText(protectedBody, child), saved);
    this.trace.push({
      name: xprompt.name,
      reference: ref.raw,
      sourcePath: xprompt.source.path,
      sourceLabel: xprompt.source.label,
      iteration: frame.chain.length,
      positional: bound.positional,
      named: bound.values,
      output,
    });
    return output;
  }

  async #render(
    xprompt: XPrompt,
    positional: unknown[],
    scope: Record<string, unknown>,
  ): Promise<string> {
    const segments = xprompt.multiAgent ? splitSegments(xprompt.content) : [xprompt.content];
    const rendered: string[] = [];
    for (const segment of segments) {
      rendered.push(
        await renderBody(segment, positional, { ...this.options.globals, ...scope }, xprompt),
      );
    }
    return rendered.map((segment) => segment.trim()).join("\n---\n");
  }
}

/** Render one body: Jinja when it has Jinja markers, else legacy `{N}` placeholders. */
export async function renderBody(
  body: string,
  positional: readonly unknown[],
  context: Record<string, unknown>,
  xprompt: Pick<XPrompt, "name" | "source">,
): Promise<string> {
  const saved: string[] = [];
  const text = protectFences(body, saved);
  if (isJinjaTemplate(text)) {
    try {
      return restore(await renderJinja(text, context), saved);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      throw new SaseError(
        "xprompt.template",
        `xprompt '#${xprompt.name}' (${xprompt.source.path}) template error: ${error.message}`,
        {
          hint: error.variable
            ? `pass '${error.variable}' as an argument or declare it with a default`
            : undefined,
          kind: "invalid-data",
        },
      );
    }
  }
  const legacy = text.replace(
    /\{(\d+)(?::([^}]*))?\}/g,
    (_match, index: string, fallback?: string) => {
      const value = positional[Number(index) - 1];
      if (value !== undefined && value !== null) return String(value);
      if (fallback !== undefined) return fallback;
      throw new SaseError(
        "xprompt.args",
        `xprompt '#${xprompt.name}' requires argument {${index}} but ${positional.length} given`,
        {
          hint: `call it as #${xprompt.name}(value${Number(index) > 1 ? ", …" : ""})`,
          kind: "invalid-data",
        },
      );
    },
  );
  return restore(legacy, saved);
}

/** Expand every known reference in `text`. */
export async function expandXPrompts(text: string, options: ExpandOptions): Promise<ExpandResult> {
  const aliased = applyAliases(text, options.aliases ?? {});
  const normalized = normalizeWorkspaceRefs(aliased);
  const guarded = protect(normalized);
  const expander = new Expander(options);
  const frame: Frame = { chain: [], helpers: options.localXPrompts ?? {}, scope: {} };
  const expanded = await expander.expandText(guarded.text, frame);
  return {
    text: restore(expanded, guarded.saved),
    trace: expander.trace,
    unknown: expander.unknown,
  };
}
