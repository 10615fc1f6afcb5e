/**
 * `sase ace`: check the options and the terminal, then run the session
 * (or, with `-T`, start it in a new tmux window and print the target).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { createAppContext } from "../../core/context.ts";
import { SaseError } from "../../core/errors.ts";
import { parseQuery } from "../../core/query/parser.ts";
import { isTab, TABS } from "../../tui/ace/chrome/tabs.ts";
import { DEFAULT_INACTIVE_SECONDS } from "../../tui/ace/chrome/global.ts";

/** The options commander hands over. */
export interface AceCliOptions {
  tab: string;
  refreshInterval: string;
  axe: boolean;
  restartAxe?: boolean;
  modelTier?: string;
  modelSize?: string;
  vcsProvider?: string;
  tmux?: boolean;
  profile?: string | boolean;
}

const TIERS: Readonly<Record<string, string>> = { large: "large", small: "small" };
const SIZES: Readonly<Record<string, string>> = { big: "large", little: "small" };
const VCS = ["git", "hg", "auto"];

function usage(code: string, message: string): SaseError {
  return new SaseError(code, message, { kind: "usage" });
}

/** The environment overrides `-m`/`-M`/`-v` ask for. */
export function aceEnvOverrides(
  options: AceCliOptions,
  warn: (text: string) => void,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (options.modelTier !== undefined) {
    const tier = TIERS[options.modelTier.toLowerCase()];
    if (!tier) {
      throw usage(
        "ace.model_tier",
        `--model-tier must be large or small, not '${options.modelTier}'`,
      );
    }
    out.SASE_MODEL_TIER_OVERRIDE = tier;
  } else if (options.modelSize !== undefined) {
    const tier = SIZES[options.modelSize.toLowerCase()];
    if (!tier) {
      throw usage(
        "ace.model_size",
        `--model-size must be big or little, not '${options.modelSize}'`,
      );
    }
    warn("-M/--model-size is deprecated: use -m/--model-tier large|small");
    out.SASE_MODEL_TIER_OVERRIDE = tier;
  }
  if (options.vcsProvider !== undefined) {
    const vcs = options.vcsProvider.toLowerCase();
    if (!VCS.includes(vcs)) {
      throw usage(
        "ace.vcs_provider",
        `--vcs-provider must be git, hg or auto, not '${options.vcsProvider}'`,
      );
    }
    out.SASE_VCS_PROVIDER = vcs;
  }
  return out;
}

/** `-r`: whole seconds, 0 or more. */
export function refreshSeconds(text: string): number {
  if (!/^\d+$/.test(text.trim())) {
    throw usage(
      "ace.refresh_interval",
      `--refresh-interval must be a whole number of seconds (0 turns it off), not '${text}'`,
    );
  }
  return Number(text.trim());
}

/** Run `sase ace`. */
export async function runAce(
  app: AppContext,
  query: string | null,
  options: AceCliOptions,
): Promise<void> {
  if (!isTab(options.tab)) {
    throw usage("ace.tab", `--tab must be one of ${TABS.join(", ")}, not '${options.tab}'`);
  }
  const tab = options.tab;
  const refresh = refreshSeconds(options.refreshInterval);
  const overrides = aceEnvOverrides(options, (text) => app.warn(text));
  if (query !== null) {
    try {
      parseQuery(query);
    } catch (error) {
      throw new SaseError("ace.query", `the query does not parse: ${(error as Error).message}`, {
        kind: "invalid-input",
        hint: "see `sase ace --help` and the query language reference",
      });
    }
  }
  if (options.tmux) {
    const { openInTmux } = await import("./tmux.ts");
    return await openInTmux(app, Deno.args.filter((arg) => arg !== "-T" && arg !== "--tmux"));
  }
  if (!Deno.stdin.isTerminal() || !Deno.stdout.isTerminal()) {
    throw new SaseError(
      "ace.no_terminal",
      "sase ace needs a terminal: stdin and stdout must both be a TTY",
      {
        kind: "unavailable",
        hint: "run it in a terminal, or use `sase ace -T` from inside tmux",
      },
    );
  }
  const session = Object.keys(overrides).length
    ? createAppContext({
      env: { ...app.env, ...overrides },
      cwd: app.cwd,
      providers: app.providers,
      warn: (text) => app.warn(text),
      now: () => app.now(),
    })
    : app;
  const config = await session.config();
  const inactive = config.config.ace?.inactive_seconds ?? DEFAULT_INACTIVE_SECONDS;
  const profiling = options.profile !== undefined && options.profile !== false
    ? await (await import("../../tui/ace/app/profile.ts")).startProfiling(
      (await import("../../tui/ace/app/profile.ts")).profilePath(
        app.env,
        typeof options.profile === "string" ? options.profile : null,
        app.now(),
      ),
    )
    : null;
  const [{ startAce }, { processTerminal }] = await Promise.all([
    import("../../tui/ace/app/app.ts"),
    import("../../tui/engine/terminal.ts"),
  ]);
  const handle = startAce({
    app: session,
    terminal: processTerminal(app.env),
    tab,
    query,
    refreshSeconds: refresh,
    inactiveSeconds: inactive,
    axe: options.restartAxe ? "restart" : options.axe ? "start" : "leave",
  });
  await handle.done;
  if (handle.session.stopsAxeOnExit) {
    const { stopAxe } = await import("../../core/axe/lifecycle.ts");
    await stopAxe(session.env);
  }
  if (profiling) {
    const path = await profiling.stop();
    const { reportProfilePath } = await import("./profile_path.ts");
    await reportProfilePath(app.env, path);
  }
}
