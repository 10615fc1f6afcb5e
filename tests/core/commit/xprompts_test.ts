/**
 * The bundled `#commit`, `#propose` and `#pr` xprompts and the
 * `sase_git_commit` skill drive `sase commit` with the method each stands
 * for, and never tell the agent to commit with git itself.
 */

import { assert, assertEquals, assertStringIncludes } from "../../_helpers/assert.ts";
import { sandboxContext } from "../../_helpers/app.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { expandPromptText, xpromptCatalog } from "../../../core/xprompt/service.ts";

const MESSAGE = '-M "$SASE_ARTIFACTS_DIR/commit_message.md"';

async function expand(text: string): Promise<string> {
  await using sb = await makeSandbox();
  const warnings: string[] = [];
  const result = await expandPromptText(sandboxContext(sb, { warnings }), text);
  assertEquals(warnings, []);
  return result.text;
}

Deno.test("#commit runs sase commit -t commit and says how to resume after a conflict", async () => {
  const text = await expand("#commit");
  assertStringIncludes(text, `sase commit -t commit ${MESSAGE} -f <file>`);
  assertStringIncludes(text, "`sase commit --resume`");
  assertStringIncludes(text, "Never run\n`git commit`");
  const given = await expand('#commit(message="fix: y")');
  assertStringIncludes(given, "so it is never committed):\n\n   fix: y\n");
});

Deno.test("#propose runs sase commit -t propose (there is no --propose flag)", async () => {
  const text = await expand("#propose");
  assertStringIncludes(text, `sase commit -t propose ${MESSAGE}`);
  assert(!text.includes("--propose"), text);
});

Deno.test("#pr passes the name and status, and the bug only when it is not 0", async () => {
  const plain = await expand("#pr(feat)");
  assertStringIncludes(plain, `sase commit -t pr -n feat -s draft ${MESSAGE}`);
  const full = await expand("#pr(feat, bug_id=42, status=ready)");
  assertStringIncludes(full, `sase commit -t pr -n feat -s ready -B 42 ${MESSAGE}`);
});

Deno.test("sase_git_commit is a bundled skill that leaves the method to SASE_COMMIT_METHOD", async () => {
  await using sb = await makeSandbox();
  const skill = (await xpromptCatalog(sandboxContext(sb))).byName.get("sase_git_commit");
  assert(skill, "bundled");
  assertEquals(skill.skill, true);
  assertStringIncludes(skill.content, `sase commit ${MESSAGE} -f <file>`);
  assertStringIncludes(skill.content, "Omit `-t`: `$SASE_COMMIT_METHOD` picks");
  assertStringIncludes(skill.content, "`sase commit --resume`");
});
