/**
 * The bead CLI on real data and bad input, as a user (or an agent piping
 * into it) meets it: nothing destructive without confirmation, the
 * original's store read exactly, text others wrote printed inert, `-j` keys
 * in snake_case, the store where the handbook puts it.
 */

import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";

const FIXTURE = fileURLToPath(new URL("../fixtures/bead/original_store/", import.meta.url));

async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyDir(join(from, entry.name), join(to, entry.name));
    else await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}

/** `sase bead ...` against the store at `dir` (stdin is not a terminal, as for any script). */
function beadIn(sb: Sandbox, dir: string) {
  const env = { ...sb.env, SASE_BEADS_DIR: dir };
  const run = (...args: string[]) => runSase(["bead", ...args], { env, cwd: sb.cwd });
  const ok = async (...args: string[]) => {
    const result = await run(...args);
    assertEquals(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  return { run, ok };
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (at: string, prefix: string) => {
    for await (const entry of Deno.readDir(at)) {
      if (entry.name.startsWith("beads.db") || entry.name.endsWith(".lock")) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory) await walk(path, `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = await Deno.readTextFile(path);
    }
  };
  await walk(dir, "");
  return files;
}

Deno.test("bead rm and bead work off a terminal need -y; without it nothing changes", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.root, "beads");
  const { run, ok } = beadIn(sb, dir);
  await ok("init", "--prefix", "t");
  await ok("create", "-t", "Epic", "-T", "plan(sdd/epics/202605/e.md)", "--tier", "epic");
  await ok("create", "-t", "Phase", "-T", "phase(t-1)");
  const before = await snapshot(dir);

  const rm = await run("rm", "t-1");
  assertEquals(rm.code, 2, rm.stderr);
  assertStringIncludes(
    rm.stderr,
    "error: removing t-1 (and all its children) needs confirmation, and stdin is not a terminal",
  );
  assertStringIncludes(rm.stderr, "hint: pass -y/--yes to confirm");
  const work = await run("work", "t-1");
  assertEquals(work.code, 2, work.stderr);
  assertStringIncludes(work.stderr, "error: launching 2 agents for t-1 needs confirmation");
  assertEquals(await snapshot(dir), before, "no bead was removed, claimed or marked");

  assertEquals(JSON.parse(await ok("rm", "t-1", "-y", "-j")), { removed: ["t-1", "t-1.1"] });
});

Deno.test("the original's store through the CLI: rows as written, the bad field reported, sync lossless", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.root, "beads");
  await copyDir(FIXTURE, dir);
  const { ok, run } = beadIn(sb, dir);
  const rows = JSON.parse(await ok("list", "-s", "open", "-s", "closed", "-s", "ready", "-j"));
  const byId = Object.fromEntries(
    rows.map((row: Record<string, unknown>) => [row.id, [row.status, row.title]]),
  );
  assertEquals(byId["orig-1.1"], ["closed", "Phase 1 - Measurement"]);
  assertEquals(byId["orig-6"], ["open", "Docs plan"]);
  const stats = JSON.parse(await ok("stats", "-j"));
  assertEquals(
    stats.open + stats.claimed + stats.in_progress + stats.ready + stats.snoozed + stats.closed +
      stats.other_status,
    stats.total,
  );
  const doctor = await run("doctor");
  assertEquals(doctor.code, 0, doctor.stdout);
  assertStringIncludes(
    doctor.stdout,
    "field 'dependencies': set only when the bead is created; skipped",
  );
  assertStringIncludes(
    doctor.stdout,
    "INFO: 2 repeated close events (the last close of each bead is kept)",
  );
  const projection = await Deno.readTextFile(join(dir, "issues.jsonl"));
  assertStringIncludes(await ok("sync"), "Regenerated issues.jsonl (9 beads)");
  assertEquals(await Deno.readTextFile(join(dir, "issues.jsonl")), projection);
  assertEquals(
    JSON.parse(await ok("list", "-s", "open", "-s", "closed", "-s", "ready", "-j")),
    rows,
  );
});

Deno.test("text others wrote is printed inert; -j keeps it exact", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.root, "beads");
  const { ok } = beadIn(sb, dir);
  await ok("init", "--prefix", "c");
  const title = "Fix \x1b]0;pwned\x07 title\x1b[2J";
  await ok("create", "-t", title, "-T", "plan(p.md)", "-d", "line one\n\x1b]52;c;ZXZpbA==\x07");
  for (const args of [["list"], ["show", "c-1"], ["search", "fix", "-c", "never"], ["ready"]]) {
    const out = await ok(...args);
    assert(!out.includes("\x1b]") && !out.includes("\x07"), `${args.join(" ")}: ${out}`);
    assertStringIncludes(out, "Fix ^[]0;pwned^G title^[[2J");
  }
  assertStringIncludes(await ok("show", "c-1"), "  ^[]52;c;ZXZpbA==^G");
  assertEquals(JSON.parse(await ok("show", "c-1", "-j")).title, title);
});

/** Every key of `value`, recursively (object keys only; string values are data). */
function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) { for (const item of value) keysOf(item, out); }
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      keysOf(item, out);
    }
  }
  return out;
}

Deno.test("-j output of every bead command has snake_case keys", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.root, "beads");
  const { ok } = beadIn(sb, dir);
  const outputs = [
    await ok("init", "--prefix", "j", "-j"),
    await ok("create", "-t", "Epic", "-T", "plan(e.md)", "--tier", "epic", "-j"),
    await ok("create", "-t", "A", "-T", "phase(j-1)", "-j"),
    await ok("create", "-t", "B", "-T", "phase(j-1)", "-j"),
    await ok("dep", "add", "j-1.2", "j-1.1", "-j"),
    await ok("update", "j-1.1", "-s", "in_progress", "-j"),
    await ok("list", "-j"),
    await ok("ready", "-j"),
    await ok("blocked", "-j"),
    await ok("show", "j-1.2", "-j"),
    await ok("search", "a", "-f", "json"),
    await ok("stats", "-j"),
    await ok("work", "j-1", "-n", "-j"),
    await ok("doctor", "--fix", "-j"),
    await ok("sync", "-j"),
    await ok("close", "j-1.1", "-j"),
    await ok("open", "j-1.1", "-j"),
    await ok("rm", "j-1.2", "-y", "-j"),
  ];
  const keys = new Set(outputs.flatMap((text) => keysOf(JSON.parse(text))));
  const bad = [...keys].filter((key) => !/^[a-z][a-z0-9_]*$/.test(key));
  assertEquals(bad, []);
  assert(keys.has("multi_prompt") && keys.has("waits_on") && keys.has("removed_torn_lines"));
});

Deno.test("bead init puts the store where the handbook says: sdd/ once the repo has an origin", async () => {
  await using sb = await makeSandbox();
  const initIn = async (repo: string, env: Record<string, string> = sb.env) => {
    const result = await runSase(["bead", "init", "-j"], { env, cwd: repo });
    assertEquals(result.code, 0, result.stderr);
    return JSON.parse(result.stdout).dir as string;
  };
  const origin = join(sb.root, "origin.git");
  await git(sb.root, sb.env, "init", "-q", "--bare", origin);

  const tracked = await makeGitRepo(join(sb.root, "tracked"), sb.env);
  await git(tracked, sb.env, "remote", "add", "origin", origin);
  assertEquals(await initIn(tracked), join(tracked, "sdd", "beads"));

  const local = await makeGitRepo(join(sb.root, "local"), sb.env);
  assertEquals(await initIn(local), join(local, ".sase", "sdd", "beads"));

  // SASE_VCS_PROVIDER picks the provider (handbook 22.2): hg is not bare-git.
  const forced = await makeGitRepo(join(sb.root, "forced"), sb.env);
  await git(forced, sb.env, "remote", "add", "origin", origin);
  assertEquals(
    await initIn(forced, { ...sb.env, SASE_VCS_PROVIDER: "hg" }),
    join(forced, ".sase", "sdd", "beads"),
  );

  // A store that already exists where it is stays the store: it never silently moves.
  const existing = await makeGitRepo(join(sb.root, "existing"), sb.env);
  assertEquals(await initIn(existing), join(existing, ".sase", "sdd", "beads"));
  await git(existing, sb.env, "remote", "add", "origin", origin);
  assertEquals(await initIn(existing), join(existing, ".sase", "sdd", "beads"));

  const bad = await runSase(["bead", "init", "--prefix", "../x"], { env: sb.env, cwd: local });
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "error: --prefix: '../x' is not a valid issue prefix");
});

Deno.test("a deeply nested event line is reported, and every command still works", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.root, "beads");
  const { ok, run } = beadIn(sb, dir);
  await ok("init", "--prefix", "n");
  await ok("create", "-t", "Plan", "-T", "plan(p.md)");
  const deep =
    `{"schema_version":1,"event_id":"n-1:000002:issue_updated:n-1","timestamp":"2030-01-01T00:00:00Z","actor":"x","operation":"issue_updated","issue_id":"n-1","payload":{"kind":"issue_updated","fields":{"notes":${
      "[".repeat(200_000)
    }${"]".repeat(200_000)}}}}\n`;
  await Deno.writeTextFile(join(dir, "events", "streams", "n-1.jsonl"), deep, { append: true });
  const list = await run("list");
  assertEquals(list.code, 0, list.stderr);
  assertStringIncludes(list.stdout, "n-1");
  assertStringIncludes(
    list.stderr,
    "warning: skipped 1 unreadable line or field in the bead store",
  );
  const doctor = await run("doctor");
  assertEquals(doctor.code, 1);
  assertStringIncludes(
    doctor.stdout,
    "n-1.jsonl:2: invalid bead event: JSON nested deeper than 64",
  );
  assertEquals(JSON.parse(await ok("show", "n-1", "-j")).notes, "");
});

Deno.test("bead sync refuses to regenerate issues.jsonl over events it cannot apply", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.root, "beads");
  await copyDir(FIXTURE, dir);
  const { run } = beadIn(sb, dir);
  const projection = await Deno.readTextFile(join(dir, "issues.jsonl"));
  await Deno.writeTextFile(
    join(dir, "events", "streams", "orig-2.jsonl"),
    '{"schema_version":1,"event_id":"orig-2:000002:link_added:orig-2","timestamp":"2026-05-18T00:00:00Z","actor":"newer","operation":"link_added","issue_id":"orig-2","payload":{"kind":"link_added","target_ref":"sdd:x"}}\n',
    { append: true },
  );
  const sync = await run("sync");
  assertEquals(sync.code, 1, sync.stdout);
  assertStringIncludes(
    sync.stderr,
    "error: not regenerating issues.jsonl: unsupported bead event operation 'link_added'",
  );
  assertStringIncludes(sync.stderr, "hint: run `sase bead doctor`; nothing was staged");
  assertEquals(await Deno.readTextFile(join(dir, "issues.jsonl")), projection);
});
