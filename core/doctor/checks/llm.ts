/**
 * Doctor checks for the agent CLIs sase launches. Read-only: executables are
 * located, never run, and no provider API is called.
 *
 * @module
 */

import type { CheckSpec, DoctorContext } from "../check.ts";
import { AGENT_CLIS, type AgentCliInfo, agentClis } from "../../agent_cli/catalog.ts";
import { BUILTIN_PROVIDER_INFOS } from "../../provider_catalog.ts";
import { SaseError } from "../../errors.ts";
import { type SelectionSource, selectModel } from "../../agent/run/select_model.ts";
import { peekActiveOverride } from "../../agent/run/llm_override.ts";
import { plural } from "../../text/plural.ts";

/** How `llm.default` names where the default came from. */
const SOURCE_LABELS: Partial<Record<SelectionSource, string>> = {
  config: "from llm_provider.provider",
  autodetect: "autodetected",
  override: "temporary override in llm_override.json",
};

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
    executable: await context.which(command),
    path_env: cli.pathEnv,
  };
}

function installSteps(): string[] {
  return AGENT_CLIS.map((cli) => `${cli.tool}: ${cli.install}; then ${cli.auth}.`);
}

/** Without any agent CLI, sase still runs end to end on its offline fake provider. */
const OFFLINE_STEP = "Meanwhile, try sase offline with its built-in fake agent, the `fakey` " +
  "provider: `sase run '%model:fakey/reply Hello'`.";

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
          nextSteps: [...installSteps(), OFFLINE_STEP],
          data: { providers: rows },
        };
      }
      return {
        status: "OK",
        summary: `${plural(ready.length, "agent CLI")} found: ${
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
      let config;
      try {
        config = (await context.config()).config.llm_provider;
      } catch {
        return { status: "SKIP", summary: "configuration did not load; see config.load" };
      }
      // Explicit-only providers (gemini) are valid config values too, so look them all up.
      const clis = agentClis(
        BUILTIN_PROVIDER_INFOS.map((info) => ({
          ...info,
          autodetectPriority: info.autodetectPriority ?? Number.MAX_SAFE_INTEGER,
        })),
      );
      const rows = await Promise.all(clis.map((cli) => readiness(cli, context)));
      let selection;
      try {
        // The same selection a launch makes, minus any explicit %model.
        selection = selectModel({
          infos: BUILTIN_PROVIDER_INFOS,
          config,
          env: context.env,
          override: await peekActiveOverride(context.env),
          installed: rows.filter((row) => row.executable).map((row) => row.provider),
        });
      } catch (error) {
        if (!(error instanceof SaseError)) throw error;
        if (error.code === "provider.unknown") {
          return {
            status: "WARN",
            summary: `llm_provider.provider is '${config?.provider}', which is not a built-in ` +
              "agent CLI",
            nextSteps: [
              `Set llm_provider.provider to one of ${
                AGENT_CLIS.map((cli) => cli.provider).join(", ")
              }.`,
            ],
            data: { selection: "config", provider: config?.provider },
          };
        }
        if (error.code !== "provider.none") throw error;
        return {
          status: "WARN",
          summary: "no default provider: no agent CLI is installed",
          nextSteps: [
            "Install and sign in to one agent CLI (`sase doctor -C llm.registry -v` lists how), " +
            "then rerun `sase doctor -C llm.default -v` before `sase run`.",
            OFFLINE_STEP,
          ],
          data: { selection: "autodetect", provider: null },
        };
      }
      const { provider, model, source } = selection;
      const label = SOURCE_LABELS[source] ?? source;
      const data = { selection: source, provider, model };
      if (provider === "fakey") {
        return {
          status: "OK",
          summary: `fakey (${label}): sase's built-in scripted fake agent`,
          data,
        };
      }
      const row = rows.find((candidate) => candidate.provider === provider);
      if (!row?.executable) {
        return {
          status: "WARN",
          summary: `configured provider '${provider}' is not installed ('${
            row?.command ?? provider
          }' not on PATH)`,
          nextSteps: clis
            .filter((cli) => cli.provider === provider)
            .map((cli) => `${cli.tool}: ${cli.install}; then ${cli.auth}.`),
          data,
        };
      }
      return {
        status: "OK",
        summary: `${provider} (${label}) at ${row.executable}`,
        data: { ...data, executable: row.executable },
      };
    },
  },
];
