/**
 * The ACE app's services: everything that touches the disk or the clock,
 * run in the background and reported back to the reducer as messages.
 *
 * - Loads: the PRs tab's first state (query fallback) and reloads through
 *   the ChangeSpec store; the Agents tab from the agent index; the chrome
 *   (unread counts, model overrides, pinned idle) and the notification
 *   toasts; whether axe runs; the focused agent's detail (reply head,
 *   tools, metadata).
 * - Live refresh: `Deno.watchFs` on the projects tree (ProjectSpecs and run
 *   artifacts) and on the notification inbox and the refresh pulse; events
 *   are classified, debounced (50 ms) and reload only what they touched.
 *   The `-r` timer is a safety net: it compares the sources' identities and
 *   reloads only what changed, so a tick with no change reads nothing.
 * - Work: reducer effects (`performEffects`) and modal tasks, counted.
 *
 * Each load runs at most once at a time; asked again meanwhile, it runs
 * once more after.
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import { notificationsPath, projectsDir, saseHome } from "../../../core/config/paths.ts";
import { dirname, join } from "../../../core/fs/path.ts";
import { ChangeSpecStore } from "../../../core/changespec/store.ts";
import { indexLocation } from "../../../core/agent/index/index_service.ts";
import { listAgents } from "../../../core/agent/index/list.ts";
import type { AgentRow } from "../../../core/agent/index/rows.ts";
import { readNotifications } from "../../../core/notify/store.ts";
import type { Notification } from "../../../core/notify/model.ts";
import { selectedAgent } from "../agents/context.ts";
import { type AgentItem, agentItems, completionsByRun, isFinished } from "../agents/item.ts";
import { phaseMembers } from "../agents/reply.ts";
import { freshNotifications, tickToasts } from "../chrome/toasts.ts";
import type { HandOff } from "../../engine/program.ts";
import type { AceEffect } from "../effects.ts";
import { axeRunning } from "../loaders/axe.ts";
import { loadChromeData } from "../loaders/chrome.ts";
import {
  FIRST_REPLY_BYTES,
  readAgentMeta,
  readReplyPhase,
  readToolRecords,
} from "../loaders/agent_detail.ts";
import { performEffects } from "../loaders/effects.ts";
import { loadPrsInit } from "../loaders/prs.ts";
import type { ModalTask, RefreshTarget } from "../modals/modal.ts";
import { agentIdentity, changeSpecIdentity, notificationIdentity } from "./identity.ts";
import { type ModalKind, openModal } from "./open_modal.ts";
import { prAction, type PrActionKind } from "../prs/actions.ts";
import { markedSpecs } from "../prs/marks.ts";
import type { AceMsg, AceState } from "./state.ts";
import type { Tracer } from "./trace.ts";
import type { AceTab } from "../chrome/tabs.ts";
import { type AceServices, focusedSpec } from "./update.ts";

type Timer = ReturnType<typeof setTimeout>;

/** The most of a reply the detail reads (scrolling asks for 4× more each time, up to this). */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024;

/** How often live runs are checked besides the file watcher. */
export const LIVE_TICK_MS = 1000;

/** The (size, mtime) of a run's reply. */
function replyStamp(dir: string): string {
  try {
    const info = Deno.statSync(join(dir, "live_reply.md"));
    return `${info.size}:${info.mtime?.getTime() ?? 0}`;
  } catch {
    return "-";
  }
}

/** How long file events gather before one reload. */
export const WATCH_DEBOUNCE_MS = 50;

/** What a changed path means for ACE. */
export interface PathEffect {
  readonly targets: readonly RefreshTarget[];
  /** The run directory the path belongs to (the focused agent's reply may have grown). */
  readonly runDir: string | null;
}

/**
 * Classify a file event's path: a ProjectSpec (`projects/<p>/<p>.sase`,
 * `-archive`, legacy `.gp`) → ChangeSpecs; anything under a project's
 * `artifacts/` → agents (with its run directory); the inbox or the refresh
 * pulse → notifications and agents (a plan proposal flips a row); other
 * paths → nothing.
 */
export function classifyPath(env: AppContext["env"], path: string): PathEffect {
  const projects = projectsDir(env) + "/";
  if (path.startsWith(projects)) {
    const parts = path.slice(projects.length).split("/");
    if (parts.length === 2 && /\.(sase|gp)$/.test(parts[1])) {
      return { targets: ["changespecs"], runDir: null };
    }
    const at = parts.indexOf("artifacts");
    if (at === 1) {
      // projects/<p>/artifacts/<workflow>/<YYYYMM>/<DD>/<stamp>/...
      const runDir = parts.length > 6 ? projects + parts.slice(0, 6).join("/") : null;
      return { targets: ["agents"], runDir };
    }
    return { targets: [], runDir: null };
  }
  const home = saseHome(env);
  if (path === notificationsPath(env) || path === join(home, ".ace_refresh_pulse")) {
    return { targets: ["notifications", "agents"], runDir: null };
  }
  if (path === join(home, "dismissed_agents.json") || path === join(home, "agent_tags.json")) {
    return { targets: ["agents"], runDir: null };
  }
  return { targets: [], runDir: null };
}

/** A load that runs once at a time, once more when asked meanwhile. */
class SingleFlight {
  #running = false;
  #again = false;
  constructor(readonly run: () => Promise<void>, readonly onError: (error: unknown) => void) {}

  /** Run now (or once more after the current run); resolves when this run is over. */
  request(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return Promise.resolve();
    }
    this.#running = true;
    return this.run().catch(this.onError).finally(() => {
      this.#running = false;
      if (this.#again) {
        this.#again = false;
        this.request();
      }
    });
  }
}

/** What the services start from. */
export interface AceServiceOptions {
  readonly app: AppContext;
  readonly tracer: Tracer;
  /** The `QUERY` argument (already checked to parse), or null for the fallback chain. */
  readonly query: string | null;
  readonly refreshSeconds: number;
  /** At start: start axe unless it runs, restart it if it runs (`-R`), or leave it (`-x`; default). */
  readonly axe?: "start" | "restart" | "leave";
  /** The tab on screen at start (its data loads first). */
  readonly tab: AceTab;
  /** Watch files (default true). */
  readonly watch?: boolean;
  readonly now?: () => number;
}

/** The live services of one ACE session. */
export class AceSession implements AceServices {
  readonly #app: AppContext;
  readonly #tracer: Tracer;
  readonly #options: AceServiceOptions;
  readonly #store: ChangeSpecStore;
  #dispatch: (msg: AceMsg) => void = () => {};
  #state: () => AceState | null = () => null;
  #handOff: HandOff = (run) => run();
  readonly #timers = new Set<Timer>();
  readonly #watchers: Deno.FsWatcher[] = [];
  #stopped = false;
  #axeBusy = false;
  #stopAxeOnExit = false;
  #projectsWatched = false;
  #prsStarted = false;
  #rows: AgentRow[] | null = null;
  #inbox: Notification[] | null = null;
  #seen: Set<string> | null = null;
  #identity = { changespecs: "", notifications: "", agents: "" };
  #focus: { item: AgentItem; all: readonly AgentItem[] } | null = null;
  #focusTimer: Timer | null = null;
  #replyStamp = "";
  /** How much of each reply the detail reads (grows as the user scrolls down). */
  #replyBytes = FIRST_REPLY_BYTES;
  #pending = new Set<RefreshTarget>();
  /** The run directories the last agent listing showed. */
  #listed: ReadonlySet<string> = new Set();
  /** Effects and tasks not yet settled (awaited before ACE exits). */
  #inFlight = new Set<Promise<unknown>>();
  #pendingDirs = new Set<string>();
  #debounce: Timer | null = null;
  readonly #prsLoad: SingleFlight;
  readonly #agentsLoad: SingleFlight;
  readonly #notifyLoad: SingleFlight;
  readonly #detailLoad: SingleFlight;

  constructor(options: AceServiceOptions) {
    this.#options = options;
    this.#app = options.app;
    this.#tracer = options.tracer;
    this.#store = new ChangeSpecStore(projectsDir(options.app.env));
    const fail = (what: string) => (error: unknown) =>
      this.#dispatch({
        kind: "toasts",
        toasts: [{ severity: "error", text: `${what} failed: ${(error as Error).message}` }],
      });
    this.#prsLoad = new SingleFlight(() => this.#loadPrs(), fail("Loading ChangeSpecs"));
    this.#agentsLoad = new SingleFlight(() => this.#loadAgents(), fail("Loading agents"));
    this.#notifyLoad = new SingleFlight(
      () => this.#loadNotifications(),
      fail("Loading notifications"),
    );
    this.#detailLoad = new SingleFlight(() => this.#loadDetail(), fail("Loading the agent detail"));
  }

  /**
   * Connect the runner: where messages go, how to read the current state,
   * and how to lend the terminal to `$EDITOR` (interactive modal tasks).
   */
  attach(dispatch: (msg: AceMsg) => void, state: () => AceState, handOff: HandOff): void {
    this.#dispatch = dispatch;
    this.#state = state;
    this.#handOff = handOff;
  }

  now(): number {
    return (this.#options.now ?? (() => Date.now()))();
  }

  /**
   * Start loading, watching and ticking. The tab on screen loads first; the
   * other tab's data follows, so the first screen is not kept waiting for it.
   */
  start(): void {
    const [first, second] = this.#options.tab === "changespecs"
      ? [this.#prsLoad, this.#agentsLoad]
      : [this.#agentsLoad, this.#prsLoad];
    first.request().then(() => second.request());
    this.#notifyLoad.request();
    if (this.#options.axe === "restart") {
      if (axeRunning(this.#app.env)) this.#axe("restart");
      else this.#checkAxe();
    } else if (this.#options.axe === "start" && !axeRunning(this.#app.env)) this.#axe("start");
    else this.#checkAxe();
    this.#tick();
    if (this.#options.refreshSeconds > 0) {
      const id = setInterval(() => this.#safetyTick(), this.#options.refreshSeconds * 1000);
      this.#timers.add(id);
    }
    if (this.#options.watch ?? true) this.#watch();
    this.#liveTick();
  }

  /**
   * Wait for the effects and tasks still running (a quit right after `3`
   * must not lose the last-query write), then stop. Bounded: a task that
   * hangs does not keep ACE from exiting.
   */
  async settle(limitMs = 5_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => timer = setTimeout(resolve, limitMs));
    await Promise.race([Promise.allSettled([...this.#inFlight]), limit]);
    clearTimeout(timer);
    this.stop();
  }

  /** Track `work` until it settles (see {@linkcode settle}). */
  #track(work: Promise<unknown>): void {
    this.#inFlight.add(work);
    work.finally(() => this.#inFlight.delete(work));
  }

  /** Stop timers and watchers; flush the recorders. */
  stop(): void {
    this.#stopped = true;
    for (const id of this.#timers) {
      clearInterval(id);
      clearTimeout(id);
    }
    this.#timers.clear();
    if (this.#focusTimer !== null) clearTimeout(this.#focusTimer);
    if (this.#debounce !== null) clearTimeout(this.#debounce);
    for (const watcher of this.#watchers) {
      try {
        watcher.close();
      } catch {
        // Already closed.
      }
    }
    this.#tracer.flush();
  }

  #later(ms: number, fn: () => void): void {
    if (this.#stopped) return;
    const id = setTimeout(() => {
      this.#timers.delete(id);
      fn();
    }, ms);
    this.#timers.add(id);
  }

  /** The clock: 10 Hz while the stopwatch runs, then once a second. */
  #tick(): void {
    if (this.#stopped) return;
    this.#dispatch({ kind: "tick" });
    const mounted = this.#state()?.mounted ?? false;
    this.#later(mounted ? 1000 : 100, () => this.#tick());
  }

  #checkAxe(): void {
    if (this.#axeBusy) return;
    this.#dispatch({
      kind: "axeStatus",
      status: axeRunning(this.#app.env) ? "running" : "stopped",
    });
  }

  /** Start or stop axe in the background; the footer shows STARTING / STOPPING / RESTARTING meanwhile. */
  async #axe(action: "start" | "stop" | "restart"): Promise<void> {
    if (this.#axeBusy) return;
    this.#axeBusy = true;
    const env = this.#app.env;
    const { startAxe, stopAxe } = await import("../../../core/axe/lifecycle.ts");
    const busy = action === "start" ? "starting" : action === "stop" ? "stopping" : "restarting";
    this.#dispatch({ kind: "axeStatus", status: busy });
    try {
      if (action !== "start") await stopAxe(env);
      if (action !== "stop") await startAxe(env, this.#app.cwd, {});
    } catch (error) {
      this.#dispatch({
        kind: "toasts",
        toasts: [{ severity: "error", text: `axe ${action} failed: ${(error as Error).message}` }],
      });
    } finally {
      this.#axeBusy = false;
      this.#checkAxe();
    }
  }

  toggleAxe(): void {
    this.#axe(axeRunning(this.#app.env) ? "stop" : "start");
  }

  stopAxeOnExit(): void {
    this.#stopAxeOnExit = true;
  }

  /** Whether `Q` asked to stop axe as ACE exits. */
  get stopsAxeOnExit(): boolean {
    return this.#stopAxeOnExit;
  }

  async #loadPrs(): Promise<void> {
    const env = this.#app.env;
    this.#identity.changespecs = changeSpecIdentity(env);
    const now = new Date(this.now());
    if (!this.#prsStarted) {
      const { init, warnings } = await loadPrsInit(env, this.#store, this.#options.query, now);
      this.#prsStarted = true;
      this.#dispatch({ kind: "prsInit", init, warnings });
      return;
    }
    const specs = await this.#tracer.span(
      "changespec.refresh_display",
      {},
      () => this.#store.specs(),
    );
    this.#dispatch({ kind: "prsLoaded", specs });
    this.#reloadModal(["changespecs"]);
  }

  async #loadAgents(): Promise<void> {
    const env = this.#app.env;
    const now = this.now();
    // What was known before the listing: if it changed while the listing read (a new run
    // appeared, a running one moved on), the next check must reload, not take the change
    // as already listed.
    const known = this.#liveDirs();
    const listedBefore = this.#listed;
    const before = agentIdentity(env, known, listedBefore);
    const [rows, inbox] = await this.#tracer.spanAsync(
      "agents.load_from_disk",
      {},
      () =>
        Promise.all([
          listAgents(indexLocation(env), { nowMs: now }),
          this.#inbox
            ? Promise.resolve(this.#inbox)
            : readNotifications(notificationsPath(env)).then((r) => r.records),
        ]),
    );
    this.#rows = rows;
    this.#listed = new Set(rows.map((row) => row.artifactsDir));
    this.#inbox = inbox;
    const changedMeanwhile = agentIdentity(env, known, listedBefore) !== before;
    this.#identity.agents = changedMeanwhile
      ? before
      : agentIdentity(env, this.#liveDirs(), this.#listed);
    this.#dispatch({ kind: "agentsLoaded", items: agentItems(rows, completionsByRun(inbox)) });
    this.#reloadModal(["agents"]);
  }

  #liveDirs(): string[] {
    return (this.#rows ?? []).filter((row) => !isFinished(row)).map((row) => row.artifactsDir);
  }

  async #loadNotifications(): Promise<void> {
    const env = this.#app.env;
    this.#identity.notifications = notificationIdentity(env);
    const now = new Date(this.now());
    const [chrome, inbox] = await Promise.all([
      loadChromeData(env, now),
      readNotifications(notificationsPath(env)),
    ]);
    this.#inbox = inbox.records;
    this.#dispatch({ kind: "chromeLoaded", data: chrome });
    const { fresh, seen } = freshNotifications(inbox.records, this.#seen ?? new Set());
    if (this.#seen !== null && fresh.length) {
      this.#dispatch({ kind: "toasts", toasts: tickToasts(fresh, now.getTime()) });
    }
    this.#seen = seen;
    this.#reloadModal(["notifications"]);
    if (this.#rows) {
      this.#dispatch({
        kind: "agentsLoaded",
        items: agentItems(this.#rows, completionsByRun(inbox.records)),
      });
    }
  }

  async #loadDetail(): Promise<void> {
    const focus = this.#focus;
    if (!focus) return;
    const { item, all } = focus;
    const members = phaseMembers(item, all);
    const [phases, tools, meta] = await Promise.all([
      Promise.all(
        members.map((member) =>
          readReplyPhase(member.item.id, member.label, member.item.row.startedAt, this.#replyBytes)
        ),
      ),
      readToolRecords(item.id),
      readAgentMeta(item.id),
    ]);
    this.#dispatch({
      kind: "detailLoaded",
      detail: { id: item.id, phases, tools, meta, loadedAt: new Date(this.now()) },
    });
  }

  /**
   * Watch the sources; events are classified and debounced into reloads.
   * The projects tree is watched once it exists (its creation shows up in
   * the `SASE_HOME` watcher).
   */
  #watch(): void {
    const env = this.#app.env;
    this.#watchDirs([saseHome(env), dirname(notificationsPath(env))], false);
    this.#watchProjects();
  }

  #watchProjects(): void {
    if (this.#projectsWatched) return;
    this.#projectsWatched = this.#watchDirs([projectsDir(this.#app.env)], true);
  }

  /** Watch the existing ones of `paths`; whether a watcher started. */
  #watchDirs(paths: string[], recursive: boolean): boolean {
    const existing = paths.filter((path) => {
      try {
        return Deno.statSync(path).isDirectory;
      } catch {
        return false;
      }
    });
    if (existing.length === 0 || this.#stopped) return false;
    let watcher: Deno.FsWatcher;
    try {
      watcher = Deno.watchFs(existing, { recursive });
    } catch {
      return false; // No watcher (a platform limit): the -r timer still refreshes.
    }
    this.#watchers.push(watcher);
    (async () => {
      try {
        for await (const event of watcher) {
          for (const path of event.paths) this.#noteChange(path);
        }
      } catch {
        // Closed.
      }
    })();
    return true;
  }

  #noteChange(path: string): void {
    if (!this.#projectsWatched && path === projectsDir(this.#app.env)) {
      this.#watchProjects();
      this.refresh(["changespecs", "agents"]);
      return;
    }
    const effect = classifyPath(this.#app.env, path);
    if (effect.targets.length === 0) return;
    for (const target of effect.targets) this.#pending.add(target);
    if (effect.runDir) this.#pendingDirs.add(effect.runDir);
    if (this.#debounce !== null) return;
    this.#debounce = setTimeout(() => {
      this.#debounce = null;
      const targets = [...this.#pending];
      const dirs = this.#pendingDirs;
      this.#pending = new Set();
      this.#pendingDirs = new Set();
      // Only a new or changed run record reloads the list; a reply growing reloads the detail.
      const listChanged = targets.includes("agents") &&
        agentIdentity(this.#app.env, this.#liveDirs(), this.#listed) !== this.#identity.agents;
      this.refresh(targets.filter((target) => target !== "agents" || listChanged));
      if (this.#focus && dirs.has(this.#focus.item.id)) this.#detailLoad.request();
    }, WATCH_DEBOUNCE_MS);
  }

  /**
   * Once a second: the identities of the agent sources and
   * the inbox, and the focused run's reply. File watching misses what is
   * created in a directory before its watch is added (a new run's
   * `mkdir -p`), so live runs are checked this way too; unchanged, it is a
   * few `stat`s and reloads nothing.
   */
  #liveTick(): void {
    if (this.#stopped) return;
    const env = this.#app.env;
    const live = this.#liveDirs();
    // Until the first listing arrives there is nothing to compare with.
    if (this.#rows !== null) {
      const targets: RefreshTarget[] = [];
      if (agentIdentity(env, live, this.#listed) !== this.#identity.agents) targets.push("agents");
      if (notificationIdentity(env) !== this.#identity.notifications) targets.push("notifications");
      this.refresh(targets);
      const focus = this.#focus?.item;
      if (focus && !isFinished(focus.row)) {
        const reply = replyStamp(focus.id);
        if (reply !== this.#replyStamp) {
          this.#replyStamp = reply;
          this.#detailLoad.request();
        }
      }
    }
    this.#later(LIVE_TICK_MS, () => this.#liveTick());
  }

  /** The `-r` tick: reload only the sources whose identity changed. */
  #safetyTick(): void {
    const env = this.#app.env;
    const targets: RefreshTarget[] = [];
    if (changeSpecIdentity(env) !== this.#identity.changespecs) targets.push("changespecs");
    if (notificationIdentity(env) !== this.#identity.notifications) targets.push("notifications");
    if (agentIdentity(env, this.#liveDirs(), this.#listed) !== this.#identity.agents) {
      targets.push("agents");
    }
    this.refresh(targets);
    this.#checkAxe();
  }

  // AceServices

  refresh(targets: readonly RefreshTarget[]): void {
    for (const target of new Set(targets)) {
      if (target === "changespecs") this.#prsLoad.request();
      else if (target === "agents") this.#agentsLoad.request();
      else if (target === "notifications") this.#notifyLoad.request();
      else if (target === "axe") this.#checkAxe();
    }
  }

  perform(effects: readonly AceEffect[]): void {
    // A kill or dismissal changes the listing; an acknowledgement only the inbox
    // (its reload projects unread onto the rows already listed).
    const targets: RefreshTarget[] = [];
    if (effects.some((effect) => effect.kind === "killAgents" || effect.kind === "dismissAgents")) {
      targets.push("agents");
    }
    if (targets.length || effects.some((effect) => effect.kind === "dismissNotifications")) {
      targets.push("notifications");
    }
    this.#track(
      performEffects(this.#app, effects).then((out) => {
        if (out.length) this.#dispatch({ kind: "effectsDone", effects: out });
        this.refresh(targets);
      }),
    );
  }

  runTasks(tasks: readonly ModalTask[]): void {
    this.#track((async () => {
      for (const task of tasks) {
        this.#dispatch({ kind: "taskStarted" });
        let outcome;
        try {
          // An interactive task runs $EDITOR in the foreground with the screen lent to it.
          outcome = task.interactive
            ? await this.#handOff(() => task.run(this.#app))
            : await task.run(this.#app);
        } catch (error) {
          outcome = {
            toast: {
              severity: "error" as const,
              text: `${task.label} failed: ${(error as Error).message}`,
            },
          };
        }
        this.#dispatch({ kind: "taskDone", outcome });
      }
    })());
  }

  focusAgent(item: AgentItem | null, all: readonly AgentItem[]): void {
    const same = item !== null && this.#focus?.item.id === item.id;
    this.#focus = item ? { item, all } : null;
    if (!item) return;
    if (same) return;
    this.#replyBytes = FIRST_REPLY_BYTES;
    // A burst of j/k loads only where it stops.
    if (this.#focusTimer !== null) clearTimeout(this.#focusTimer);
    this.#focusTimer = setTimeout(() => {
      this.#focusTimer = null;
      this.#detailLoad.request();
    }, 15);
  }

  moreDetail(): void {
    if (!this.#focus || this.#replyBytes >= MAX_REPLY_BYTES) return;
    this.#replyBytes = Math.min(MAX_REPLY_BYTES, this.#replyBytes * 4);
    this.#detailLoad.request();
  }

  /** After `targets` were reloaded: an open modal that can, reads its data again. */
  #reloadModal(targets: readonly RefreshTarget[]): void {
    const modal = this.#state()?.modal;
    if (!modal?.reload) return;
    modal.reload(this.#app, targets).then(
      (next) => this.#dispatch({ kind: "modalReloaded", from: modal, modal: next }),
      () => {}, // It keeps what it showed.
    );
  }

  openModal(kind: ModalKind, state: AceState) {
    return openModal(kind, {
      app: this.#app,
      tab: state.global.tab,
      screen: state.size,
      spec: focusedSpec(state),
      agent: state.global.tab === "agents" ? selectedAgent(state.agents) : undefined,
    });
  }

  prAction(kind: PrActionKind, state: AceState) {
    return prAction(kind, focusedSpec(state), state.prs ? markedSpecs(state.prs) : []);
  }

  noteFocus(state: AceState): void {
    if (!this.#tracer.tracing) return;
    const idx = state.global.tab === "changespecs" ? state.prs?.cursor ?? -1 : state.agents.cursor;
    this.#tracer.setContext({ current_tab: state.global.tab, current_idx: idx });
    this.#tracer.event("selection.current_idx.set", { current_idx: idx });
  }
}
