/**
 * Doctor checks for the agent CLIs sase launches. Read-only: executables are
 * located, never run, and no provider API is called.
 *
 * @module
 */

import type { CheckSpec, DoctorContext } from "../registry.ts";
import { AGENT_CLIS, type AgentCliInfo, agentClis } from "../../agent_cli/catalog.ts";
import { BUILTIN_PROVIDER_INFOS } from "../../agent/provider_catalog.ts";
import { which } from "../../fs/which.ts";

interface Readiness {
  provider: string;
  command: string;
  executable: string | null;
  path_env: string;
}

async function readiness(cli: AgentCliInfo, context: DoctorContext): Promise<Readiness> {
  const command = context.env[cli.pathEnv]?.trim() || cli.binary;
  return {
    provider: cli.provider,
    command,
    executable: await which(command, context.env),
    path_env: cli.pathEnv,
  };
}

function installSteps(): string[] {
  return AGENT_CLIS.map((cli) => `${cli.tool}: ${cli.install}; then ${cli.auth}.`);
}

/** LLM provider checks. */
export const llmChecks: CheckSpec[] = [
  {
    id: "llm.registry",
    group: "llm",
    title: "Agent CLIs on PATH",
    async run(context) {
      const rows = await Promise.all(AGENT_CLIS.map((cli) => readiness(cli, context)));
      const ready = rows.filter((row) => row.executable);
      const details = rows.map((row) =>
        `${row.provider}: ${
          row.executable ?? `'${row.command}' not found (override with ${row.path_env})`
        }`
      );
      if (ready.length === 0) {
        return {
          status: "WARN",
          summary: "no agent CLI found on PATH",
          details,
          nextSteps: installSteps(),
          data: { providers: rows },
        };
      }
      return {
        status: "OK",
        summary: `${ready.length} agent CLI${ready.length === 1 ? "" : "s"} found: ${
          ready.map((row) => row.provider).join(", ")
        }`,
        details,
        data: { providers: rows },
      };
    },
  },
  {
    id: "llm.default",
    group: "llm",
    title: "Default LLM provider",
    async run(context) {
      let configured: string | null | undefined;
      try {
        configured = (await context.config()).config.llm_provider?.provider;
      } catch {
        return { status: "SKIP", summary: "configuration did not load; see config.load" };
      }
      const rows = await Promise.all(AGENT_CLIS.map((cli) => readiness(cli, context)));
      if (configured === "fakey") {
        return {
          status: "OK",
          summary: "fakey (from llm_provider.provider): sase's built-in scripted fake agent",
          data: { selection: "config", provider: configured },
        };
      }
      if (configured) {
        // Explicit-only providers (gemini) are valid config values too.
        const explicitOnly = agentClis(
          BUILTIN_PROVIDER_INFOS.filter((info) => info.autodetectPriority === null)
            .map((info) => ({ ...info, autodetectPriority: Number.MAX_SAFE_INTEGER })),
        );
        const extra = explicitOnly.find((cli) => cli.provider === configured);
        const row = rows.find((candidate) => candidate.provider === configured) ??
          (extra ? await readiness(extra, context) : undefined);
        if (!row) {
          return {
            status: "WARN",
            summary: `llm_provider.provider is '${configured}', which is not a built-in agent CLI`,
            nextSteps: [
              `Set llm_provider.provider to one of ${
                AGENT_CLIS.map((cli) => cli.provider).join(", ")
              }.`,
            ],
            data: { selection: "config", provider: configured },
          };
        }
        if (!row.executable) {
          return {
            status: "WARN",
            summary:
              `configured provider '${configured}' is not installed ('${row.command}' not on PATH)`,
            nextSteps: [...AGENT_CLIS, ...explicitOnly]
              .filter((cli) => cli.provider === configured)
              .map((cli) => `${cli.tool}: ${cli.install}; then ${cli.auth}.`),
            data: { selection: "config", provider: configured },
          };
        }
        return {
          status: "OK",
          summary: `${configured} (from llm_provider.provider) at ${row.executable}`,
          data: { selection: "config", provider: configured, executable: row.executable },
        };
      }
      const detected = rows.find((row) => row.executable);
      if (!detected) {
        return {
          status: "WARN",
          summary: "no default provider: no agent CLI is installed",
          nextSteps: [
            "Install and sign in to one agent CLI (`sase doctor -C llm.registry -v` lists how), " +
            "then rerun `sase doctor -C llm.default -v` before `sase run`.",
          ],
          data: { selection: "autodetect", provider: null },
        };
      }
      return {
        status: "OK",
        summary: `${detected.provider} (autodetected) at ${detected.executable}`,
        data: {
          selection: "autodetect",
          provider: detected.provider,
          executable: detected.executable,
        },
      };
    },
  },
];
