/**
 * Subprocess for the concurrency test: resolves `#git:<ref>`, claims a
 * workspace as agent `<name>`, prints the claim as one JSON line, then holds
 * it until a line arrives on stdin and releases it.
 *
 * @module
 */

import { resolveWorkspace } from "../../../core/workspace/resolve.ts";
import { claimWorkspace, releaseWorkspace } from "../../../core/workspace/service.ts";
import { testContext } from "./_context.ts";

const [ref, name] = Deno.args;
const ctx = await testContext(Deno.env.toObject(), Deno.cwd());
const workspace = await resolveWorkspace({ kind: "git", ref }, ctx);
const claim = await claimWorkspace(
  workspace,
  { agentName: name, timestamp: "260101_120000", pid: Deno.pid },
  ctx,
);
console.log(JSON.stringify(claim));
const reader = Deno.stdin.readable.getReader();
await reader.read();
await releaseWorkspace(claim);
console.log("released");
