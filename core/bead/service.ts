/**
 * The bead services behind `sase bead` (and, later, ACE's beads tab and the
 * gateway): each works on the active store of the context's directory (see
 * `settings.ts`), reads through the cached view (reporting unreadable lines
 * to the context's warning sink) and writes events as the context's actor.
 *
 * @module
 */

import { basename, isAbsolute, relative } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import { plural } from "../text/plural.ts";
import type { DoctorReport as StoreDoctorReport, FixResult } from "./doctor.ts";
import { defaultPrefix, prefixProblem } from "./ids.ts";
import type { InitResult } from "./init.ts";
import { findCheckoutRoot } from "./location.ts";
import type { Issue } from "./model.ts";
import type { CreateRequest, UpdateRequest } from "./mutate.ts";
import {
  allIssues,
  type BeadStats,
  beadStats,
  blockedRows,
  detailOf,
  type IssueDetail,
  issuesOfRows,
  type ListFilter,
  listRows,
  readyRows,
  requireIssue,
} from "./query.ts";
import type { SearchHit, SearchOptions } from "./search.ts";
import type { RowsForm, RowsOf } from "./row_reads.ts";
import { resolveStoreDir } from "./settings.ts";
import type { MutationContext, MutationPlan } from "./store.ts";
import { openView, type StoreView } from "./view.ts";

/**
 * What only some commands use loads when they run: a read never pays for
 * the store service (and its parsers), the planners, search or git.
 */
const store = () => import("./store.ts");
const planners = () => import("./mutate.ts");
const search = () => import("./search.ts");
const beadGit = () => import("./git.ts");

/** The mutation planners (`mutate.ts`). */
type Planners = Awaited<ReturnType<typeof planners>>;

/** The active store directory of the context's directory. */
export async function activeBeadStore(app: AppContext): Promise<string> {
  return (await resolveStoreDir(app.cwd, app.env)).dir;
}

/** Run `read` on a current view of the active store; skipped lines are a warning. */
async function withView<T>(app: AppContext, read: (view: StoreView) => T): Promise<T> {
  const view = await openView(await activeBeadStore(app));
  try {
    if (view.problems.length > 0) {
      app.warn(
        `skipped ${
          plural(view.problems.length, "unreadable line or field", "unreadable lines or fields")
        } in the bead store; run \`sase bead doctor\``,
      );
    }
    return read(view);
  } finally {
    view.close();
  }
}

/** The rows of the beads {@linkcode listBeads} answers, in form `form` (see `row_reads.ts`). */
export function listBeadRows<F extends RowsForm>(
  app: AppContext,
  form: F,
  filter: ListFilter = {},
): Promise<RowsOf<F>> {
  return withView(app, (view) => listRows(view, form, filter));
}

/** Beads matching `filter` (default: open, claimed, in progress and ready). */
export async function listBeads(app: AppContext, filter: ListFilter = {}): Promise<Issue[]> {
  return issuesOfRows(await listBeadRows(app, "json", filter));
}

/** The rows of the beads {@linkcode readyBeads} answers, in form `form`. */
export function readyBeadRows<F extends RowsForm>(app: AppContext, form: F): Promise<RowsOf<F>> {
  return withView(app, (view) => readyRows(view, form));
}

/** Beads ready to work on (no open dependencies). */
export async function readyBeads(app: AppContext): Promise<Issue[]> {
  return issuesOfRows(await readyBeadRows(app, "json"));
}

/** The rows of the beads {@linkcode blockedBeads} answers, in form `form`. */
export function blockedBeadRows<F extends RowsForm>(
  app: AppContext,
  form: F,
): Promise<RowsOf<F>> {
  return withView(app, (view) => blockedRows(view, form));
}

/** Beads with at least one dependency that is not closed. */
export async function blockedBeads(app: AppContext): Promise<Issue[]> {
  return issuesOfRows(await blockedBeadRows(app, "json"));
}

/** Every detail of the bead `id`. */
export function showBead(app: AppContext, id: string): Promise<IssueDetail> {
  return withView(app, (view) => detailOf(view, id));
}

/** A search's hits, and every bead (for showing a hit in full). */
export interface BeadSearch {
  hits: SearchHit[];
  all: Issue[];
}

/** Case-insensitive substring search over the beads' text fields (closed ones too). */
export function searchBeads(
  app: AppContext,
  query: string,
  options: SearchOptions = {},
): Promise<BeadSearch> {
  if (query.trim() === "") {
    throw new SaseError("bead.empty_query", "search query must not be empty", {
      kind: "invalid-input",
    });
  }
  return search().then(({ searchIssues }) =>
    withView(app, (view) => {
      const all = allIssues(view);
      return { hits: searchIssues(all, query, options), all };
    })
  );
}

/** Counts of the store's beads by status and type. */
export function beadStoreStats(app: AppContext): Promise<BeadStats> {
  return withView(app, (view) => beadStats(allIssues(view)));
}

/** `file` relative to the checkout when it is an absolute path inside it (plans are stored so). */
async function designPath(app: AppContext, file: string): Promise<string> {
  if (!isAbsolute(file)) return file;
  const rel = relative(await findCheckoutRoot(app.cwd), file);
  return rel.startsWith("..") ? file : rel;
}

/** Apply `plan` (made with the planners) to the active store as the context's actor. */
async function mutate<T>(
  app: AppContext,
  plan: (planners: Planners, ctx: MutationContext) => MutationPlan<T>,
): Promise<T> {
  const dir = await activeBeadStore(app);
  const [{ beadActor }, { mutateStore }, loaded] = await Promise.all([
    import("./actor.ts"),
    store(),
    planners(),
  ]);
  const actor = await beadActor(app.env, dir);
  return await mutateStore(dir, { actor }, (ctx) => plan(loaded, ctx));
}

/** Create a plan or phase bead; resolves to its id. */
export async function createBead(app: AppContext, request: CreateRequest): Promise<string> {
  const type = request.type.kind === "plan"
    ? { ...request.type, file: await designPath(app, request.type.file) }
    : request.type;
  return await mutate(app, (p, ctx) => p.planCreate(ctx, { ...request, type }));
}

/** Change fields of the bead `id`. */
export async function updateBead(
  app: AppContext,
  id: string,
  request: UpdateRequest,
): Promise<void> {
  const design = request.design === undefined ? undefined : await designPath(app, request.design);
  await mutate(app, (p, ctx) => p.planUpdate(ctx, id, { ...request, design }));
}

/** Reopen the bead `id`. */
export async function reopenBead(app: AppContext, id: string): Promise<void> {
  await mutate(app, (p, ctx) => p.planOpen(ctx, id));
}

/** Close beads (a plan closes its phases); resolves to the ids that were open. */
export function closeBeads(
  app: AppContext,
  ids: readonly string[],
  reason?: string,
): Promise<string[]> {
  return mutate(app, (p, ctx) => p.planClose(ctx, ids, reason));
}

/** The ids removing `id` would remove: itself, then its descendants. */
export async function removalOf(app: AppContext, id: string): Promise<string[]> {
  const [{ loadStore }, { descendantsOf }] = await Promise.all([store(), planners()]);
  const loaded = await loadStore(await activeBeadStore(app));
  const issues = new Map(loaded.issues.map((issue) => [issue.id, issue]));
  requireIssue(issues, id);
  return [id, ...descendantsOf(issues, id).map((issue) => issue.id)];
}

/** Remove the bead `id` and all its descendants (irreversible); resolves to the removed ids. */
export function removeBead(app: AppContext, id: string): Promise<string[]> {
  return mutate(app, (p, ctx) => p.planRemove(ctx, id));
}

/** Make `issue` wait for `dependsOn`; resolves to false when it already did. */
export function addBeadDependency(
  app: AppContext,
  issue: string,
  dependsOn: string,
): Promise<boolean> {
  if (issue === dependsOn) {
    throw new SaseError("bead.self_dependency", `${issue} cannot depend on itself`, {
      kind: "invalid-input",
    });
  }
  return mutate(app, (p, ctx) => p.planDependency(ctx, issue, dependsOn));
}

/** What `sase bead init` did. */
export interface BeadInit {
  dir: string;
  result: InitResult;
}

/**
 * Create (or complete) the store for the context's checkout. The prefix
 * defaults to the checkout's name; the owner is its git `user.email`.
 */
export async function initBeads(
  app: AppContext,
  options: { prefix?: string } = {},
): Promise<BeadInit> {
  if (options.prefix !== undefined) {
    const problem = prefixProblem(options.prefix);
    if (problem) {
      throw new SaseError("bead.bad_prefix", `--prefix: ${problem}`, { kind: "invalid-input" });
    }
  }
  const { dir, checkoutRoot } = await resolveStoreDir(app.cwd, app.env);
  const { runGit } = await import("../git.ts");
  const email = await runGit(checkoutRoot, ["config", "user.email"]);
  const owner = email.ok ? email.stdout.trim() : "";
  const { initStore } = await import("./init.ts");
  const result = await initStore(dir, {
    prefix: options.prefix ?? defaultPrefix(basename(checkoutRoot)),
    owner,
    actor: app.env.SASE_BEAD_ACTOR || owner || app.env.USER || "unknown",
  });
  return { dir, result };
}

/** The bead state files with changes git has not staged (`sase bead sync --status`). */
export async function unstagedBeadPaths(app: AppContext): Promise<string[]> {
  const dir = await activeBeadStore(app);
  const unstaged = await (await beadGit()).unstagedPaths(dir);
  if (unstaged === undefined) {
    throw new SaseError("bead.not_git", `${dir} is not inside a git repository`, {
      kind: "unavailable",
    });
  }
  return unstaged;
}

/** What `sase bead sync` did. */
export interface BeadSync {
  /** Beads in the regenerated `issues.jsonl`. */
  beads: number;
  staged: boolean;
  /** The store is not in a git repository (nothing could be staged). */
  notGit: boolean;
}

/**
 * Regenerate `issues.jsonl` from the events and stage the bead state in git
 * (no commit). A projection that would drop what the events record (they
 * cannot all be read) is not written, and nothing is staged.
 */
export async function syncBeads(app: AppContext): Promise<BeadSync> {
  const dir = await activeBeadStore(app);
  const { store: loaded, keptProjection } = await (await store()).regenerateMirrors(dir);
  if (keptProjection) {
    throw new SaseError(
      "bead.incomplete",
      `not regenerating issues.jsonl: ${
        neutralizeControls(keptProjection.message)
      } (${keptProjection.file}); a projection without it would drop what it records`,
      { hint: "run `sase bead doctor`; nothing was staged", kind: "invalid-data" },
    );
  }
  const staged = await (await beadGit()).stageBeadState(dir);
  const notGit = !staged.ok && /not a git repository/i.test(staged.stderr);
  if (!staged.ok && !notGit) {
    throw new SaseError("bead.git", `git add failed: ${staged.stderr.trim()}`, { kind: "failed" });
  }
  return { beads: loaded.issues.length, staged: staged.ok, notGit };
}

/** What `sase bead doctor` found (and, with `fix`, repaired first). */
export interface BeadDoctor {
  report: StoreDoctorReport;
  fixed?: FixResult;
}

/** Check the store's health; with `fix`, repair what can be repaired first. */
export async function beadDoctor(
  app: AppContext,
  options: { fix?: boolean } = {},
): Promise<BeadDoctor> {
  const dir = await activeBeadStore(app);
  const { fixStore, runDoctor } = await import("./doctor.ts");
  const fixed = options.fix ? await fixStore(dir) : undefined;
  return { report: await runDoctor(dir), ...(fixed ? { fixed } : {}) };
}
