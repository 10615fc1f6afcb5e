/**
 * `sase mobile agent-bridge OPERATION` and `sase mobile helper-bridge
 * OPERATION`: the gateway's agent and helper operations as fixed
 * JSON-over-stdin commands for other clients (handbook 15.2, 19.4). Each
 * reads one JSON object from stdin (bounded), validates it like the HTTP
 * route does, calls the same core service, and prints one compact JSON
 * object. A failure prints the same `ApiErrorWire` the gateway would send
 * and exits 2 (bad request) or 1.
 *
 * @module
 */

import type { z } from "zod";
import type { AppContext } from "../../core/context.ts";
import { READ_LIMITS, readStdinBounded } from "../../core/fs/bounded_read.ts";
import { apiErrorOf, GatewayError } from "../../core/gateway/errors.ts";
import { gatewayStateDir } from "../../core/gateway/paths.ts";
import {
  deviceProject,
  killMobileAgent,
  launchMobile,
  listMobileAgents,
  type MobileLaunch,
  resumeOptions,
  retryMobileAgent,
} from "../../core/gateway/agents.ts";
import {
  beadList,
  beadShow,
  changespecTags,
  helperContext,
  xpromptCatalogFor,
} from "../../core/gateway/helpers.ts";
import { startUpdate, updateStatus } from "../../core/gateway/update.ts";
import { storeImage } from "../../core/gateway/uploads.ts";
import * as B from "./gateway/bodies.ts";
import { firstIssue } from "./gateway/bodies.ts";
import type { AGENT_OPERATIONS, HELPER_OPERATIONS } from "./bridge_operations.ts";

async function readRequest<T extends z.ZodType>(schema: T): Promise<z.infer<T>> {
  const text = await readStdinBounded(READ_LIMITS.input);
  let value: unknown;
  try {
    value = JSON.parse(text.trim() || "{}");
  } catch (error) {
    throw new GatewayError("invalid_request", `stdin is not JSON: ${(error as Error).message}`, {
      kind: "invalid-input",
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new GatewayError("invalid_request", `invalid request: ${firstIssue(parsed.error)}`, {
      kind: "invalid-input",
    });
  }
  return parsed.data;
}

async function emit(run: () => Promise<unknown>): Promise<void> {
  try {
    console.log(JSON.stringify(await run()));
  } catch (error) {
    const { status, body } = apiErrorOf(error);
    console.log(JSON.stringify(body));
    Deno.exitCode = status === 400 || status === 413 ? 2 : 1;
  }
}

/** A launch from a bridge request's fields. */
function launchOf(
  body: z.infer<typeof B.AgentLaunchBody>,
  prompt: string,
  kind: "text" | "image",
): MobileLaunch {
  return {
    deviceId: body.device_id ?? null,
    prompt,
    name: body.name ?? null,
    project: body.project ?? null,
    model: body.model ?? null,
    dryRun: body.dry_run === true,
    requestId: body.request_id ?? null,
    kind,
  };
}

async function stateDirOf(app: AppContext): Promise<string> {
  return gatewayStateDir(app.env, (await app.config()).config.mobile_gateway?.state_dir);
}

/** Run `sase mobile agent-bridge OPERATION`. */
export async function runAgentBridge(
  app: AppContext,
  operation: typeof AGENT_OPERATIONS[number],
): Promise<void> {
  await emit(async () => {
    const stateDir = await stateDirOf(app);
    switch (operation) {
      case "list-agents": {
        const body = await readRequest(B.AgentListBridgeBody);
        return await listMobileAgents(app, {
          includeRecent: body.include_recent ?? false,
          project: body.project ?? null,
          status: body.status ?? null,
          limit: body.limit ?? null,
        });
      }
      case "resume-options":
        await readRequest(B.EmptyActionBody);
        return await resumeOptions(app);
      case "launch-text": {
        const body = await readRequest(B.AgentLaunchBody);
        return await launchMobile(app, stateDir, launchOf(body, body.prompt, "text"));
      }
      case "launch-image": {
        const body = await readRequest(B.AgentImageLaunchBody);
        const path = await storeImage(stateDir, {
          originalFilename: body.original_filename,
          contentType: body.content_type,
          byteLength: body.byte_length,
          base64: body.base64_image,
        }, app.now());
        return await launchMobile(
          app,
          stateDir,
          launchOf(body, `${body.prompt}\n\nImage: ${path}`, "image"),
        );
      }
      case "kill-agent": {
        const body = await readRequest(B.AgentKillBridgeBody);
        return await killMobileAgent(app, stateDir, body.name, {
          deviceId: body.device_id ?? null,
          reason: body.reason ?? null,
        });
      }
      case "retry-agent": {
        const body = await readRequest(B.AgentRetryBridgeBody);
        return await retryMobileAgent(app, stateDir, body.name, {
          deviceId: body.device_id ?? null,
          dryRun: body.dry_run === true,
          promptOverride: body.prompt_override ?? null,
          requestId: body.request_id ?? null,
        });
      }
    }
  });
}

/** Run `sase mobile helper-bridge OPERATION`. */
export async function runHelperBridge(
  app: AppContext,
  operation: typeof HELPER_OPERATIONS[number],
): Promise<void> {
  let pending: Promise<unknown> | null = null;
  await emit(async () => {
    const stateDir = await stateDirOf(app);
    const contextOf = async (
      body: { project?: string | null; device_id?: string | null; all_projects?: boolean | null },
    ) =>
      body.all_projects ? helperContext(null, null) : helperContext(
        body.project ?? null,
        body.device_id ? await deviceProject(stateDir, body.device_id) : null,
      );
    switch (operation) {
      case "changespec-tags": {
        const body = await readRequest(B.HelperBridgeBody);
        return await changespecTags(app, await contextOf(body), body.limit ?? null);
      }
      case "xprompt-catalog": {
        const body = await readRequest(B.HelperBridgeBody);
        return await xpromptCatalogFor(app, await contextOf(body), {
          tag: body.tag ?? null,
          query: body.query ?? null,
          limit: body.limit ?? null,
          includePdf: body.include_pdf ?? false,
        });
      }
      case "beads-list": {
        const body = await readRequest(B.HelperBridgeBody);
        return await beadList(app, await contextOf(body), {
          allProjects: body.all_projects === true,
          status: body.status ?? null,
          beadType: body.bead_type ?? null,
          tier: body.tier ?? null,
          includeClosed: body.include_closed ?? false,
          limit: body.limit ?? null,
        });
      }
      case "beads-show": {
        const body = await readRequest(B.BeadShowBridgeBody);
        return await beadShow(app, await contextOf(body), body.bead_id, body.all_projects === true);
      }
      case "update-start": {
        await readRequest(B.UpdateStartBody);
        const { promise, resolve } = Promise.withResolvers<unknown>();
        const started = await startUpdate(app, resolve);
        // The worker is this process's child: stay until it is done.
        if (started.job.status === "running") pending = promise;
        return started;
      }
      case "update-status": {
        const body = await readRequest(B.UpdateStatusBridgeBody);
        return await updateStatus(app, body.job_id);
      }
    }
  });
  if (pending) await pending;
}
