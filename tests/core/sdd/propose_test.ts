/**
 * `proposePlan` reads a plan's frontmatter without the YAML parser when the
 * block is flat, and with it otherwise: the archived copy, the request and
 * every refusal must be the same either way.
 */

import { join } from "node:path";
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { proposePlan } from "../../../core/sdd/proposals.ts";
import { SaseError } from "../../../core/errors.ts";
import type { SddTier } from "../../../core/sdd/layout.ts";

async function propose(sb: Sandbox, name: string, text: string, tier?: SddTier) {
  const planFile = await sb.write(join("plans", name), text);
  const proposal = await proposePlan({ env: sb.env, cwd: sb.cwd, planFile, tier });
  return {
    archived: await Deno.readTextFile(proposal.request.plan_file),
    tier: proposal.request.tier,
    title: proposal.request.title,
    planFile,
  };
}

Deno.test("the archived plan: a tier block added to plain Markdown, an authored tier kept as written", async () => {
  await using sb = await makeSandbox();
  const plain = "# Cache the parser\n\n1. Add a cache.\n";
  assertEquals(
    await propose(sb, "plain.md", plain).then(({ archived }) => archived),
    `---\ntier: tale\n---\n${plain}`,
  );
  // The block follows the file's line endings and keeps its byte order mark.
  const crlf = "\uFEFF# Cache it\r\n\r\nSteps.\r\n";
  const epic = await propose(sb, "crlf.md", crlf, "epic");
  assertEquals(epic.archived, "\uFEFF---\r\ntier: epic\r\n---\r\n# Cache it\r\n\r\nSteps.\r\n");
  assertEquals([epic.tier, epic.title], ["epic", "Cache it"]);
  // Flat frontmatter naming the tier: the file is archived byte for byte.
  const flat = "---\ntier: tale\ntitle: Tokenize escapes\nsize: small\n---\n# Plan\n\nDo it.\n";
  const tale = await propose(sb, "flat.md", flat);
  assertEquals([tale.archived, tale.tier, tale.title], [flat, "tale", "Tokenize escapes"]);
  // Nested frontmatter (read by the parser) naming the tier, likewise.
  const nested =
    "---\ntier: epic\ntitle: Billing\nphases:\n  - id: api\n    title: API\n---\n# Plan\n\nBuild.\n";
  const billing = await propose(sb, "nested.md", nested);
  assertEquals([billing.archived, billing.tier, billing.title], [nested, "epic", "Billing"]);
});

Deno.test("frontmatter without a tier gains one from the YAML editor, comments and order kept", async () => {
  await using sb = await makeSandbox();
  const flat = await propose(sb, "flat.md", "---\ntitle: Flat\n---\n# Plan\n", "epic");
  assertEquals(flat.archived, "---\ntitle: Flat\ntier: epic\n---\n# Plan\n");
  const commented = await propose(sb, "commented.md", "---\n# why\ntitle: Noted # here\n---\nx\n");
  assertEquals(commented.archived, "---\n# why\ntitle: Noted # here\ntier: tale\n---\nx\n");
});

Deno.test("refusals name the file, line and rule, whichever way the frontmatter was read", async () => {
  await using sb = await makeSandbox();
  const refused = async (name: string, text: string, fragment: string, tier?: SddTier) => {
    const planFile = await sb.write(join("plans", name), text);
    await assertRejects(
      () => proposePlan({ env: sb.env, cwd: sb.cwd, planFile, tier }),
      SaseError,
      fragment.replace("FILE", planFile),
    );
  };
  await refused("unclosed.md", "---\ntier: tale\n# Plan\n", "FILE:1: [frontmatter-unclosed]");
  // Flat blocks.
  await refused(
    "mismatch.md",
    "---\ntitle: T\ntier: epic\n---\nbody\n",
    "plan failed tale validation:\nFILE:3: [tier-mismatch] authored tier `epic` does not match requested tier `tale`",
    "tale",
  );
  await refused(
    "size.md",
    "---\ntier: tale\n\nsize: large\n---\nbody\n",
    "FILE:4: [tale-size-invalid]",
  );
  await refused("empty.md", "---\ntier: tale\n---\n\n", "FILE:1: [body-empty]");
  // Blocks only the parser reads (it finds the open flow list where the block ends).
  await refused(
    "bad_yaml.md",
    "---\ntier: tale\ntitle: [open\n---\nbody\n",
    "FILE:4: [yaml-invalid] invalid YAML: Flow sequence in block collection",
  );
  await refused(
    "list.md",
    "---\ntier: tale\nsize:\n  - small\n---\nbody\n",
    "FILE:3: [tale-size-invalid]",
  );
  // Nothing was archived or announced for a refused plan.
  const archive = join(sb.saseHome, "plans");
  assertEquals(await Deno.stat(archive).then(() => true, () => false), false);
});
