import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeRepoWithOrigin } from "../_helpers/git.ts";
import { join } from "node:path";

function sase(
  sb: Sandbox,
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
) {
  return runSase(args, { env: { ...sb.env, ...env }, cwd, stdin });
}

const AGENT = { SASE_AGENT_NAME: "agent-a" };

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function repo(sb: Sandbox, files?: Record<string, string>) {
  return await makeRepoWithOrigin(join(sb.root, "repo"), sb.env, files);
}

async function ledgerRows(sb: Sandbox, project: string): Promise<Record<string, unknown>[]> {
  const path = join(sb.saseHome, "projects", project, "memory_proposals.jsonl");
  const text = await Deno.readTextFile(path).catch(() => "");
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

Deno.test("memory init: writes the files, commits and pushes; then --check is current", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await repo(sb);
  const check = await sase(sb, work, ["memory", "init", "--check"]);
  assertEquals(check.code, 1, check.stderr);
  assertStringIncludes(check.stdout, "create project: " + join(work, "memory", "sase.md"));
  assertEquals(await exists(join(work, "memory")), false, "--check writes nothing");

  const init = await sase(sb, work, ["memory", "init"]);
  assertEquals(init.code, 0, init.stderr);
  assertStringIncludes(init.stdout, "deploy committed: chore: run sase init memory");
  assertEquals(await Deno.readTextFile(join(work, "CLAUDE.md")), "@AGENTS.md\n");
  for (const shim of ["GEMINI.md", "QWEN.md", "OPENCODE.md"]) {
    assertEquals(await Deno.readTextFile(join(work, shim)), "@AGENTS.md\n");
  }
  assertEquals(
    await Deno.readTextFile(join(sb.home, "CLAUDE.md")),
    `@${join(sb.home, "AGENTS.md")}\n`,
    "live-home shims import the absolute AGENTS.md",
  );
  assertStringIncludes(await Deno.readTextFile(join(work, "AGENTS.md")), "@memory/sase.md");
  const note = await Deno.readTextFile(join(work, "memory", "sase.md"));
  assert(note.startsWith("---\ntype: short\nparent: AGENTS.md\n"), note);
  // The project is named after the origin remote (`origin.git`).
  assertStringIncludes(note, "`origin_<N>`");
  // The commit reached the bare origin.
  assertEquals(
    (await git(origin, sb.env, "log", "-1", "--format=%s", "main")).trim(),
    "chore: run sase init memory",
  );
  const tracked = await git(work, sb.env, "ls-files");
  for (const file of ["AGENTS.md", "CLAUDE.md", "memory/README.md", "memory/sase.md"]) {
    assertStringIncludes(tracked, file);
  }
  const again = await sase(sb, work, ["memory", "init", "-c"]);
  assertEquals(again.code, 0, again.stdout);
  assertStringIncludes(again.stdout, "memory init is current");
});

Deno.test("memory init -C writes files but commits nothing", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb);
  const before = (await git(work, sb.env, "rev-parse", "HEAD")).trim();
  const init = await sase(sb, work, ["memory", "init", "-C"]);
  assertEquals(init.code, 0, init.stderr);
  assert(await exists(join(work, "memory", "README.md")));
  assertEquals((await git(work, sb.env, "rev-parse", "HEAD")).trim(), before);
  assertStringIncludes(await git(work, sb.env, "status", "--porcelain"), "?? AGENTS.md");
});

Deno.test("an unreferenced note fails init naming it, and memory list shows it as available", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb, {
    "AGENTS.md": "# Rules\n\n@memory/sase.md\n",
    "memory/orphan.md": "---\ntype: long\ndescription: Orphan\n---\nlost\n",
  });
  const init = await sase(sb, work, ["memory", "init", "-C"]);
  assertEquals(init.code, 1);
  assertStringIncludes(init.stderr, "memory/orphan.md");
  assertStringIncludes(init.stderr, "AGENTS.md does not reach");
  assertEquals(
    await exists(join(work, "memory", "sase.md")),
    false,
    "a failed plan writes nothing",
  );
  const list = await sase(sb, work, ["memory", "list", "-j"]);
  const entries = JSON.parse(list.stdout).entries as { display: string; status: string }[];
  assertEquals(entries.find((e) => e.display === "memory/orphan.md")?.status, "available");
  // Bare `sase memory` is the same dashboard.
  const bare = await sase(sb, work, ["memory"]);
  assertStringIncludes(bare.stdout, "available  project  memory/orphan.md");
  // Mentioning it makes it reachable.
  await Deno.writeTextFile(
    join(work, "AGENTS.md"),
    "# Rules\n\n@memory/sase.md\nSee memory/orphan.md\n",
  );
  assertEquals((await sase(sb, work, ["memory", "init", "-C"])).code, 0);
});

Deno.test("linked repos: a missing description fails; static and numbered repos are described", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb);
  await Deno.writeTextFile(
    join(work, "sase.yml"),
    "linked_repos:\n  - name: docs\n    path: ~/docs\n",
  );
  const bad = await sase(sb, work, ["memory", "init", "-C"]);
  assertEquals(bad.code, 1);
  assertStringIncludes(
    bad.stderr,
    `${join(work, "sase.yml")}: linked_repos[0] ('docs') is missing`,
  );
  await Deno.writeTextFile(
    join(work, "sase.yml"),
    "linked_repos:\n  - name: docs\n    path: ~/docs\n    description: The docs site\n" +
      "    workspace:\n      strategy: none\n",
  );
  assertEquals((await sase(sb, work, ["memory", "init", "-C"])).code, 0);
  let note = await Deno.readTextFile(join(work, "memory", "sase.md"));
  assertStringIncludes(note, "- **docs** (static path: `~/docs`): The docs site");
  assert(!note.includes("sase workspace open"), "no numbered repo, no workspace open instructions");
  await Deno.writeTextFile(
    join(work, "sase.yml"),
    "linked_repos:\n  - name: api\n    path: ~/api\n    description: The API\n",
  );
  assertEquals((await sase(sb, work, ["memory", "init", "-C"])).code, 0);
  note = await Deno.readTextFile(join(work, "memory", "sase.md"));
  assertStringIncludes(note, "- **api** (numbered workspaces): The API");
  assertStringIncludes(note, "sase workspace open <name>");
});

Deno.test("amd_h1_title in ./sase.yml: memory init writes a managed AGENTS.md with both marker blocks", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb, {
    "sase.yml": "amd_h1_title: My Project Agents\n",
    "memory/guide.md": "# Style guide\n\nUse tabs.\n",
  });
  const init = await sase(sb, work, ["memory", "init", "-C"]);
  assertEquals(init.code, 0, init.stderr);
  const agents = await Deno.readTextFile(join(work, "AGENTS.md"));
  assert(agents.startsWith("# My Project Agents\n"), agents);
  assertStringIncludes(
    agents,
    "<!-- sase-amd:short-memory:start -->\n\n- @memory/sase.md\n<!-- sase-amd:short-memory:end -->",
  );
  assertStringIncludes(
    agents,
    "<!-- sase-amd:long-memory:start -->\n\n**`memory/guide.md`**  \nStyle guide\n\n<!-- sase-amd:long-memory:end -->",
  );
  // The note gained its canonical frontmatter; its body is kept.
  assertEquals(
    await Deno.readTextFile(join(work, "memory", "guide.md")),
    "---\ntype: long\nparent: AGENTS.md\ndescription: Style guide\n---\n# Style guide\n\nUse tabs.\n",
  );
  assertEquals((await sase(sb, work, ["memory", "init", "-c"])).code, 0);
});

Deno.test("memory read: long notes only, attributed, with a metadata-only audit row", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb, {
    "AGENTS.md": "@memory/rules.md\nsee memory/skills.md\n",
    "memory/rules.md": "---\ntype: short\n---\nshort\n",
    "memory/skills.md": "---\ntype: long\ndescription: Skills\n---\n\nSECRET BODY\n",
    "memory/sub.md":
      "---\ntype: long\nparent: memory/skills.md\ndescription: Sub notes\n---\nsub\n",
  });
  const log = join(sb.saseHome, "projects", "origin", "memory_reads.jsonl");

  const short = await sase(sb, work, ["memory", "read", "rules.md", "-r", "x"], AGENT);
  assertEquals(short.code, 2);
  assertStringIncludes(short.stderr, "memory/rules.md is short-term memory (type: short)");

  const anonymous = await sase(sb, work, ["memory", "read", "skills.md", "-r", "ctx"]);
  assertEquals(anonymous.code, 2);
  assertStringIncludes(anonymous.stderr, "memory reads require agent attribution");
  assertEquals(await exists(log), false, "an unattributed read writes no row");

  const blank = await sase(sb, work, ["memory", "read", "skills.md", "-r", "  "], AGENT);
  assertEquals(blank.code, 2);
  assertStringIncludes(blank.stderr, "reason must not be empty");

  const read = await sase(
    sb,
    work,
    ["memory", "read", "memory/skills.md", "-r", "need ctx"],
    AGENT,
  );
  assertEquals(read.code, 0, read.stderr);
  assertEquals(read.stdout, "SECRET BODY\n\n## Children\n\n- `memory/sub.md`: Sub notes\n");

  const rows = (await Deno.readTextFile(log)).trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(rows.length, 1);
  const row = rows[0];
  assertEquals(row.canonical_path, "skills.md");
  assertEquals(row.agent_name, "agent-a");
  assertEquals(row.agent_source, "SASE_AGENT_NAME");
  assertEquals(row.reason, "need ctx");
  assertEquals(row.cwd, work);
  assertEquals(
    row.byte_count,
    new TextEncoder().encode("---\ntype: long\ndescription: Skills\n---\n\nSECRET BODY\n").length,
  );
  assert(!JSON.stringify(row).includes("SECRET"), "the log holds metadata only");

  // Identity from agent_meta.json.
  const run = join(sb.root, "run");
  await Deno.mkdir(run);
  await Deno.writeTextFile(join(run, "agent_meta.json"), JSON.stringify({ workflow_name: "wf-b" }));
  const byMeta = await sase(sb, work, ["memory", "read", "skills.md", "-r", "again"], {
    SASE_ARTIFACTS_DIR: run,
  });
  assertEquals(byMeta.code, 0, byMeta.stderr);

  const filtered = await sase(sb, work, ["memory", "log", "--agent", "wf-b", "-j"]);
  const wire = JSON.parse(filtered.stdout);
  assertEquals(wire.events.map((e: { agent_name: string }) => e.agent_name), ["wf-b"]);
  assertEquals(wire.events[0].artifacts_dir, run);
  const byPath = await sase(sb, work, ["memory", "log", "--path", "skills.md"]);
  assertStringIncludes(byPath.stdout, "skills.md  2      2");
  const one = await sase(sb, work, ["memory", "log", "--id", row.id.slice(0, 6)]);
  assertStringIncludes(one.stdout, `id:         ${row.id}`);
  assertStringIncludes(one.stdout, "reason:     need ctx");
  const missing = await sase(sb, work, ["memory", "read", "nope.md", "-r", "x"], AGENT);
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "memory file does not exist: memory/nope.md");
  const nested = await sase(sb, work, ["memory", "read", "../x.md", "-r", "x"], AGENT);
  assertStringIncludes(nested.stderr, "must not contain traversal");
});

const WRITE = ["memory", "write", "--title", "Generated skills", "--evidence", "chat:abc123"];

Deno.test("memory write: every refusal, the size warning, and a valid proposal touches no memory/ file", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb);
  const refuse = async (args: string[], fragment: string, stdin?: string) => {
    const result = await sase(sb, work, args, AGENT, stdin);
    assertEquals(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assertStringIncludes(result.stderr, fragment);
  };
  await refuse([...WRITE, "--slug", "Bad-Slug", "--body", "b"], "must match [a-z0-9][a-z0-9_]*");
  await refuse([...WRITE, "--slug", "a", "--target", "a.md", "--body", "b"], "not both");
  await refuse(
    ["memory", "write", "--title", "T", "--slug", "a", "--evidence", "note:x", "--body", "b"],
    "at least one non-note evidence item",
  );
  await refuse([...WRITE, "--slug", "a"], "the limit is 256 KiB", "x".repeat(300 * 1024));
  const unattributed = await sase(sb, work, [...WRITE, "--slug", "a", "--body", "b"]);
  assertEquals(unattributed.code, 2);
  assertStringIncludes(unattributed.stderr, "memory writes");
  assertEquals(await ledgerRows(sb, "origin"), [], "refused proposals record nothing");

  const bigFile = join(sb.root, "big.md");
  await Deno.writeTextFile(bigFile, "y".repeat(20 * 1024));
  const large = await sase(sb, work, [...WRITE, "--slug", "big", "--file", bigFile], AGENT);
  assertEquals(large.code, 0, large.stderr);
  assertStringIncludes(large.stdout, "warning large_body");
  const allowed = await sase(
    sb,
    work,
    [...WRITE, "--slug", "big2", "--allow-large", "--file", bigFile, "-j"],
    AGENT,
  );
  assertEquals(JSON.parse(allowed.stdout).warnings, []);

  // Body from stdin, and from --file -.
  const piped = await sase(
    sb,
    work,
    [...WRITE, "--target", "piped.md", "--keyword", "k", "-j"],
    AGENT,
    "from stdin\n",
  );
  const wire = JSON.parse(piped.stdout);
  assertEquals(wire.target_path, "piped.md");
  assertEquals(await Deno.readTextFile(wire.body_path), "from stdin\n");
  const dash = await sase(
    sb,
    work,
    [...WRITE, "--slug", "dash", "--file", "-", "-j"],
    AGENT,
    "dash body",
  );
  assertEquals(await Deno.readTextFile(JSON.parse(dash.stdout).body_path), "dash body");

  const rows = await ledgerRows(sb, "origin");
  assertEquals(rows.length, 4);
  assertEquals(rows.map((r) => r.event_type), ["proposed", "proposed", "proposed", "proposed"]);
  assertEquals(rows[2].author_name, "agent-a");
  assertEquals(await exists(join(work, "memory")), false, "proposals never write canonical memory");
});

Deno.test("memory write --notify posts memory.proposed with action memory_review", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb);
  await Deno.writeTextFile(join(work, "proof.md"), "proof");
  const result = await sase(
    sb,
    work,
    [
      ...WRITE,
      "--slug",
      "generated_skills",
      "--evidence",
      "proof.md",
      "--body",
      "b",
      "--notify",
      "--json",
    ],
    AGENT,
  );
  assertEquals(result.code, 0, result.stderr);
  const wire = JSON.parse(result.stdout);
  assert(typeof wire.notification_id === "string", result.stdout);
  const listed = await sase(sb, work, ["notify", "list", "-j", "--tag", "memory"]);
  const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
  const list = Array.isArray(rows)
    ? rows
    : (rows as { notifications: Record<string, unknown>[] }).notifications;
  assertEquals(list.length, 1);
  const notification = list[0];
  assertEquals(notification.id, wire.notification_id);
  assertEquals(notification.sender, "memory.proposed");
  assertEquals(notification.action, "memory_review");
  assertEquals((notification.action_data as Record<string, unknown>).proposal_id, wire.proposal_id);
  assertEquals(notification.files, [join(work, "proof.md")]);
});

Deno.test("memory review: agents cannot approve; approval writes exact frontmatter and never overwrites", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb);
  const propose = async (slug: string, keyword?: string) => {
    const args = [...WRITE, "--slug", slug, "--body", `Body of ${slug}\n`, "-j"];
    if (keyword) args.push("--keyword", keyword);
    const result = await sase(sb, work, args, AGENT);
    assertEquals(result.code, 0, result.stderr);
    return JSON.parse(result.stdout).proposal_id as string;
  };
  const first = await propose("generated_skills", "commit skill");
  const second = await propose("generated_skills");

  const pending = await sase(sb, work, ["memory", "review"]);
  assertEquals(pending.code, 0);
  assertStringIncludes(pending.stdout, first);
  assertStringIncludes(pending.stdout, second);

  const byAgent = await sase(sb, work, ["memory", "review", first, "--approve"], AGENT);
  assertEquals(byAgent.code, 2);
  assertStringIncludes(
    byAgent.stderr,
    "agent 'agent-a' (from SASE_AGENT_NAME) cannot approve, edit or reject",
  );
  const rejectByAgent = await sase(sb, work, [
    "memory",
    "review",
    first,
    "--reject",
    "--reason",
    "no",
  ], AGENT);
  assertEquals(rejectByAgent.code, 2);
  assertEquals(await exists(join(work, "memory", "generated_skills.md")), false);

  const approve = await sase(sb, work, ["memory", "review", first, "--approve"], { USER: "alice" });
  assertEquals(approve.code, 0, approve.stderr);
  assertEquals(
    await Deno.readTextFile(join(work, "memory", "generated_skills.md")),
    [
      "---",
      "type: long",
      "parent: AGENTS.md",
      "description: Generated skills",
      `source_candidate: ${first}`,
      "keywords:",
      '  - "commit skill"',
      "---",
      "",
      "Body of generated_skills",
      "",
    ].join("\n"),
  );
  const clash = await sase(sb, work, ["memory", "review", second, "--approve"]);
  assertEquals(clash.code, 1);
  assertStringIncludes(
    clash.stderr,
    "memory proposal target already exists: memory/generated_skills.md",
  );
  assertEquals(
    (await Deno.readTextFile(join(work, "memory", "generated_skills.md"))).includes(first),
    true,
    "the existing note is untouched",
  );
  const retarget = await sase(sb, work, [
    "memory",
    "review",
    second,
    "--approve",
    "--target",
    "other.md",
  ]);
  assertEquals(retarget.code, 0, retarget.stderr);
  assertStringIncludes(
    await Deno.readTextFile(join(work, "memory", "other.md")),
    `source_candidate: ${second}`,
  );
  const again = await sase(sb, work, ["memory", "review", first, "--approve"]);
  assertEquals(again.code, 1);
  assertStringIncludes(again.stderr, "is approved; only pending proposals can be reviewed");

  const rows = await ledgerRows(sb, "origin");
  assertEquals(rows.map((r) => r.event_type), ["proposed", "proposed", "approved", "approved"]);
  assertEquals(rows[2].reviewer_user, "alice");
  const all = JSON.parse(
    (await sase(sb, work, ["memory", "review", "--list", "--all", "--json"])).stdout,
  );
  assertEquals(all.proposals.map((p: { status: string }) => p.status), ["approved", "approved"]);
});

Deno.test("memory review: reject needs a reason; ids resolve by unambiguous prefix; edited approval", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb);
  const ids: string[] = [];
  for (const slug of ["one", "two"]) {
    const result = await sase(sb, work, [...WRITE, "--slug", slug, "--body", "draft", "-j"], AGENT);
    ids.push(JSON.parse(result.stdout).proposal_id);
  }
  const noReason = await sase(sb, work, ["memory", "review", ids[0], "--reject"]);
  assertEquals(noReason.code, 2);
  assertStringIncludes(noReason.stderr, "--reject needs --reason");
  const ambiguous = await sase(sb, work, ["memory", "review", "mem-", "--show"]);
  assertEquals(ambiguous.code, 2);
  assertStringIncludes(ambiguous.stderr, "ambiguous memory proposal id prefix: mem-");
  const unknown = await sase(sb, work, ["memory", "review", "mem-x", "--show"]);
  assertEquals(unknown.code, 1);
  assertStringIncludes(unknown.stderr, "unknown memory proposal id: mem-x");
  const reject = await sase(sb, work, [
    "memory",
    "review",
    ids[0],
    "--reject",
    "--reason",
    "Too speculative",
  ]);
  assertEquals(reject.code, 0, reject.stderr);
  const show = await sase(sb, work, ["memory", "review", ids[0], "--show"]);
  assertStringIncludes(show.stdout, "status:    rejected");
  assertStringIncludes(show.stdout, "reason:    Too speculative");
  const edited = join(sb.root, "edited.md");
  await Deno.writeTextFile(edited, "edited body\n");
  const approve = await sase(sb, work, [
    "memory",
    "review",
    ids[1],
    "--approve",
    "--edited-file",
    edited,
    "-j",
  ]);
  assertEquals(approve.code, 0, approve.stderr);
  assertEquals(JSON.parse(approve.stdout).event.event_type, "approved_with_edits");
  assert(
    (await Deno.readTextFile(join(work, "memory", "two.md"))).endsWith("---\n\nedited body\n"),
  );
  const log = await sase(sb, work, ["memory", "log", "--include", "proposals", "-j"]);
  const events = JSON.parse(log.stdout).proposal_events as { event_type: string }[];
  assertEquals(events.map((e) => e.event_type), [
    "proposed",
    "proposed",
    "rejected",
    "approved_with_edits",
  ]);
  const byAgent = await sase(sb, work, [
    "memory",
    "log",
    "--include",
    "proposals",
    "--agent",
    "agent-a",
    "-j",
  ]);
  assertEquals(
    (JSON.parse(byAgent.stdout).proposal_events as { event_type: string }[]).map((e) =>
      e.event_type
    ),
    ["proposed", "proposed"],
  );
});

Deno.test("the ledger skips malformed rows and keeps appending", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb);
  const ledger = join(sb.saseHome, "projects", "origin", "memory_proposals.jsonl");
  await Deno.mkdir(join(ledger, ".."), { recursive: true });
  await Deno.writeTextFile(
    ledger,
    '{"schema_version": 1, "event_type": "proposed"}\nnot json\n{"torn":',
  );
  const write = await sase(sb, work, [...WRITE, "--slug", "after", "--body", "b", "-j"], AGENT);
  assertEquals(write.code, 0, write.stderr);
  const list = JSON.parse((await sase(sb, work, ["memory", "review", "--list", "-j"])).stdout);
  assertEquals(list.proposals.map((p: { target_path: string }) => p.target_path), ["after.md"]);
  const text = await Deno.readTextFile(ledger);
  assert(
    text.startsWith('{"schema_version": 1, "event_type": "proposed"}\nnot json\n{"torn":\n'),
    "earlier rows are never rewritten",
  );
});

Deno.test("memory review --edit approves what the editor saved; an emptied body approves nothing", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb);
  const ids: string[] = [];
  for (const slug of ["edited", "emptied"]) {
    const result = await sase(
      sb,
      work,
      [...WRITE, "--slug", slug, "--body", "draft text\n", "-j"],
      AGENT,
    );
    ids.push(JSON.parse(result.stdout).proposal_id);
  }
  const editor = await sb.write("editor.sh", '#!/bin/sh\nsed -i "s/draft/reviewed/" "$1"\n');
  await Deno.chmod(editor, 0o755);
  const edit = await sase(sb, work, ["memory", "review", ids[0], "--edit", "-j"], {
    EDITOR: editor,
  });
  assertEquals(edit.code, 0, edit.stderr);
  assertEquals(JSON.parse(edit.stdout).event.event_type, "approved_with_edits");
  assert(
    (await Deno.readTextFile(join(work, "memory", "edited.md"))).endsWith("---\n\nreviewed text\n"),
  );
  const blank = await sb.write("blank.sh", '#!/bin/sh\n: > "$1"\n');
  await Deno.chmod(blank, 0o755);
  const emptied = await sase(sb, work, ["memory", "review", ids[1], "--edit"], { EDITOR: blank });
  assertEquals(emptied.code, 1);
  assertStringIncludes(emptied.stderr, "empty memory body; nothing approved");
  assertEquals(await exists(join(work, "memory", "emptied.md")), false);
  const byAgent = await sase(sb, work, ["memory", "review", ids[1], "--edit"], {
    ...AGENT,
    EDITOR: editor,
  });
  assertEquals(byAgent.code, 2, "an agent is refused before any editor opens");
});

Deno.test("memory init refuses notes without a tier, long notes without a description, and dangling parents", async () => {
  await using sb = await makeSandbox();
  const { work } = await repo(sb, {
    "AGENTS.md": "# R\n\n@memory/sase.md\nsee memory/plain.md memory/nodesc.md memory/child.md\n",
    "memory/plain.md": "# Plain\n",
    "memory/nodesc.md": "---\ntype: long\n---\nx\n",
    "memory/child.md": "---\ntype: long\ndescription: C\nparent: memory/gone.md\n---\n",
  });
  const init = await sase(sb, work, ["memory", "init", "-C"]);
  assertEquals(init.code, 1);
  assertStringIncludes(
    init.stderr,
    "memory/child.md: its parent memory/gone.md is not a memory note here",
  );
  assertStringIncludes(init.stderr, "memory/nodesc.md: a type: long note needs a `description`");
  assertStringIncludes(init.stderr, "memory/plain.md: no `type: short` or `type: long`");
  assertEquals(await exists(join(work, "memory", "sase.md")), false);
});
