/**
 * A real Mercurial workspace for the hg provider's tests: `hg init` with one
 * commit, the site's wrapper commands as scripts on PATH (each records its
 * argv), and, with `site: true`, the site's hg extension stood in by a small
 * Mercurial extension: `hg commit --name NAME` (plain hg has no `--name`)
 * records the name with the new node, and `hg mail -r REV` records the
 * revision (or aborts while `.hg/mail_fails` exists).
 *
 * @module
 */

import { join } from "node:path";
import type { Sandbox } from "../../_helpers/sandbox.ts";
import { createVcsProviderRegistry } from "../../../providers/vcs/registry.ts";

/** Whether a real `hg` is installed (the tests that need one are skipped otherwise). */
export const hgAvailable =
  (await new Deno.Command("sh", { args: ["-c", "command -v hg"] }).output())
    .success;

const SITE_EXTENSION = `
from mercurial import commands, error, extensions, registrar

cmdtable = {}
command = registrar.command(cmdtable)


def _record(repo, name, line):
    with open(repo.vfs.join(name), "ab") as f:
        f.write(line + b"\\n")


def _commit(orig, ui, repo, *pats, **opts):
    name = opts.pop("name", b"")
    result = orig(ui, repo, *pats, **opts)
    if name and not result:
        _record(repo, b"sase_names", name + b" " + repo[b"."].hex()[:12])
    return result


def uisetup(ui):
    entry = extensions.wrapcommand(commands.table, b"commit", _commit)
    entry[1].append((b"", b"name", b"", b"the CL name"))


@command(b"mail", [(b"r", b"rev", b"", b"revision")])
def mail(ui, repo, **opts):
    if repo.vfs.exists(b"mail_fails"):
        raise error.Abort(b"mail server down")
    _record(repo, b"sase_mail", opts["rev"])
`;

/** Options of {@linkcode hgWorkspace}. */
export interface HgWorkspaceOptions {
  /** Load the site extension (`commit --name`, `mail`). */
  site?: boolean;
}

/** A real hg repository with one commit, and the wrapper scripts (recording their argv) on PATH. */
export async function hgWorkspace(sb: Sandbox, options: HgWorkspaceOptions = {}) {
  const repo = join(sb.root, "ws");
  const bin = join(sb.root, "bin");
  const log = join(sb.root, "wrappers.log");
  await Deno.mkdir(bin, { recursive: true });
  const record =
    `python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$(basename "$0")" "$@" >> "${log}"`;
  const wrappers: Record<string, string> = {
    sase_hg_reword: record,
    sase_hg_update: `${record}\nhg update -q "$1"`,
    sase_hg_clean:
      `${record}\nhg diff > "$HOME/$1.diff"\nhg update -q --clean .\nhg purge -q --config extensions.purge= || true`,
    sase_hg_amend: record,
    branch_number: `echo 12345`,
    branch_name: `echo my_cl`,
    sase_hg_branch_bug: `echo 777`,
  };
  for (const [name, body] of Object.entries(wrappers)) {
    await Deno.writeTextFile(join(bin, name), `#!/bin/sh\n${body}\n`);
    await Deno.chmod(join(bin, name), 0o755);
  }
  const env: Record<string, string> = {
    ...sb.env,
    PATH: `${bin}:${sb.env.PATH}`,
    HGUSER: "Sase Test <t@example.invalid>",
  };
  if (options.site) {
    const extension = join(sb.root, "site_cl.py");
    await Deno.writeTextFile(extension, SITE_EXTENSION);
    const hgrc = join(sb.root, "hgrc");
    await Deno.writeTextFile(hgrc, `[extensions]\nsite_cl = ${extension}\n`);
    env.HGRCPATH = hgrc;
  }
  const hg = async (...args: string[]) => {
    const out = await new Deno.Command("hg", {
      args,
      cwd: repo,
      env,
      stdout: "piped",
      stderr: "piped",
    })
      .output();
    if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
    return new TextDecoder().decode(out.stdout);
  };
  await Deno.mkdir(repo);
  await hg("init");
  await Deno.writeTextFile(join(repo, "a.txt"), "a\n");
  await hg("add", "a.txt");
  await hg("commit", "-m", "first");
  const lines = async (path: string) =>
    (await Deno.readTextFile(path).catch(() => "")).split("\n").filter(Boolean);
  const recorded = async () => (await lines(log)).map((l) => JSON.parse(l) as string[]);
  return {
    repo,
    bin,
    env,
    hg,
    recorded,
    /** `hg commit --name` calls: `[name, short node]`. */
    named: async () => (await lines(join(repo, ".hg", "sase_names"))).map((l) => l.split(" ")),
    /** `hg mail -r` revisions. */
    mailed: () => lines(join(repo, ".hg", "sase_mail")),
    vcs: createVcsProviderRegistry().get("hg", env),
  };
}
