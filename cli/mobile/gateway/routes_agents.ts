/**
 * The agent routes: list, resume options, launch (text and image), kill,
 * retry. Each successful launch, kill and retry is audited and publishes
 * `agents_changed`.
 *
 * @module
 */

import type { Hono } from "hono";
import type { GatewayHost } from "../../../core/gateway/host.ts";
import {
  killMobileAgent,
  launchMobile,
  listMobileAgents,
  resumeOptions,
  retryMobileAgent,
} from "../../../core/gateway/agents.ts";
import { storeImage } from "../../../core/gateway/uploads.ts";
import { audited, type Env, flag, limit, parseBody, textQuery } from "./request.ts";
import { AgentImageLaunchBody, AgentKillBody, AgentLaunchBody, AgentRetryBody } from "./bodies.ts";

/** Add the agent routes to `app`. */
export function registerAgentRoutes(app: Hono<Env>, host: GatewayHost): void {
  app.get("/api/v1/agents", async (c) =>
    c.json(
      await listMobileAgents(host.app, {
        includeRecent: flag(c, "include_recent"),
        project: textQuery(c, "project"),
        status: textQuery(c, "status"),
        limit: limit(c),
      }),
    ));

  app.get("/api/v1/agents/resume-options", async (c) => c.json(await resumeOptions(host.app)));

  app.post("/api/v1/agents/launch", async (c) => {
    const body = await parseBody(c, AgentLaunchBody);
    const deviceId = c.get("device").device_id;
    const result = await audited(
      host,
      c,
      body.project ?? null,
      () =>
        launchMobile(host.app, host.stateDir, {
          deviceId,
          prompt: body.prompt,
          name: body.name ?? null,
          project: body.project ?? null,
          model: body.model ?? null,
          dryRun: body.dry_run === true,
          requestId: body.request_id ?? null,
          kind: "text",
        }),
    );
    for (const slot of result.slots) {
      if (slot.status === "launched") host.agentsChanged("launched", slot.name);
    }
    return c.json(result);
  });

  app.post("/api/v1/agents/launch-image", async (c) => {
    const body = await parseBody(c, AgentImageLaunchBody);
    const deviceId = c.get("device").device_id;
    const result = await audited(host, c, body.project ?? null, async () => {
      const path = await storeImage(host.stateDir, {
        originalFilename: body.original_filename,
        contentType: body.content_type,
        byteLength: body.byte_length,
        base64: body.base64_image,
      }, host.app.now());
      return await launchMobile(host.app, host.stateDir, {
        deviceId,
        prompt: `${body.prompt}\n\nImage: ${path}`,
        name: body.name ?? null,
        project: body.project ?? null,
        model: body.model ?? null,
        dryRun: body.dry_run === true,
        requestId: body.request_id ?? null,
        kind: "image",
      });
    });
    for (const slot of result.slots) {
      if (slot.status === "launched") host.agentsChanged("launched", slot.name);
    }
    return c.json(result);
  });

  app.post("/api/v1/agents/:name/kill", async (c) => {
    const name = c.req.param("name");
    const body = await parseBody(c, AgentKillBody);
    const result = await audited(
      host,
      c,
      name,
      () =>
        killMobileAgent(host.app, host.stateDir, name, {
          deviceId: c.get("device").device_id,
          reason: body.reason ?? null,
        }),
    );
    host.agentsChanged("killed", name);
    return c.json(result);
  });

  app.post("/api/v1/agents/:name/retry", async (c) => {
    const name = c.req.param("name");
    const body = await parseBody(c, AgentRetryBody);
    const result = await audited(
      host,
      c,
      name,
      () =>
        retryMobileAgent(host.app, host.stateDir, name, {
          deviceId: c.get("device").device_id,
          dryRun: body.dry_run === true,
          promptOverride: body.prompt_override ?? null,
          requestId: body.request_id ?? null,
        }),
    );
    for (const slot of result.launch.slots) {
      if (slot.status === "launched") host.agentsChanged("retried", slot.name);
    }
    return c.json(result);
  });
}
