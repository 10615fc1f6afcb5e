/**
 * Test helper: the on-disk records a finished (or still running) agent
 * leaves in a sandboxed `SASE_HOME`: its name-registry entry, artifact
 * directory, `done.json` and chat transcript, in the real layout.
 *
 * @module
 */

import { join } from "node:path";
import { chatTimestamp } from "../../../../core/agent/records/artifacts.ts";
import { chatBody, chatFileName } from "../../../../core/agent/records/transcript.ts";

/** What the fake agent did. */
export interface FakeAgent {
  name: string;
  /** 14-digit run timestamp; each agent needs its own. */
  stamp: string;
  prompt: string;
  response: string;
  project?: string;
  previousConversation?: string;
  /** A running agent has a registry entry and artifacts, but no done.json or chat. */
  finished?: boolean;
}

/** Write `agent`'s records under `saseHome`; resolves to its directory and chat path. */
export async function writeAgent(
  saseHome: string,
  agent: FakeAgent,
): Promise<{ dir: string; chatPath: string }> {
  const project = agent.project ?? "proj";
  const { stamp } = agent;
  const dir = join(
    saseHome,
    "projects",
    project,
    "artifacts",
    "ace-run",
    stamp.slice(0, 6),
    stamp.slice(6, 8),
    stamp,
  );
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    join(dir, "agent_meta.json"),
    JSON.stringify({ name: agent.name, provider: "fakey", model: "fakey-1" }),
  );
  const registryPath = join(saseHome, "agent_name_registry.json");
  let registry = { schema_version: 1, names: {} as Record<string, unknown> };
  try {
    registry = JSON.parse(await Deno.readTextFile(registryPath));
  } catch {
    // First agent of the test.
  }
  registry.names[agent.name] = {
    timestamp: stamp,
    project,
    artifacts_dir: dir,
    reserved_at: new Date().toISOString(),
  };
  await Deno.writeTextFile(registryPath, JSON.stringify(registry));

  const chat = {
    branchOrWorkspace: project,
    workflow: "ace-run",
    agentType: "ace-run",
    timestamp: chatTimestamp(stamp),
    displayTimestamp: "2026-01-01 00:00:00",
    provider: "fakey",
    model: "fakey-1",
    agentName: agent.name,
    previousConversation: agent.previousConversation,
    prompt: agent.prompt,
    response: agent.response,
  };
  const chatPath = join(saseHome, "chats", stamp.slice(0, 6), chatFileName(chat));
  if (agent.finished === false) return { dir, chatPath };
  await Deno.mkdir(join(chatPath, ".."), { recursive: true });
  await Deno.writeTextFile(chatPath, chatBody(chat));
  await Deno.writeTextFile(
    join(dir, "done.json"),
    JSON.stringify({ outcome: "completed", name: agent.name, response_path: chatPath }),
  );
  return { dir, chatPath };
}
