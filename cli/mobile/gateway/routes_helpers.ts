/**
 * The helper routes: ChangeSpec tags, the xprompt catalog, beads (all
 * read-only) and the update worker. A request without `project` uses the
 * project the device last launched in.
 *
 * @module
 */

import type { Hono } from "hono";
import type { GatewayHost } from "../../../core/gateway/host.ts";
import { deviceProject } from "../../../core/gateway/agents.ts";
import {
  beadList,
  beadShow,
  changespecTags,
  helperContext,
  xpromptCatalogFor,
} from "../../../core/gateway/helpers.ts";
import { startUpdate, updateStatus } from "../../../core/gateway/update.ts";
import { audited, type Ctx, type Env, flag, limit, parseBody, textQuery } from "./request.ts";
import { UpdateStartBody } from "./bodies.ts";

/** Add the helper routes to `app`. */
export function registerHelperRoutes(app: Hono<Env>, host: GatewayHost): void {
  async function context(c: Ctx, allowAll = false) {
    if (allowAll && flag(c, "all_projects")) return helperContext(null, null);
    return helperContext(
      textQuery(c, "project"),
      await deviceProject(host.stateDir, c.get("device").device_id),
    );
  }

  app.get(
    "/api/v1/changespec-tags",
    async (c) => c.json(await changespecTags(host.app, await context(c), limit(c))),
  );

  app.get("/api/v1/xprompts/catalog", async (c) =>
    c.json(
      await xpromptCatalogFor(host.app, await context(c), {
        tag: textQuery(c, "tag"),
        query: textQuery(c, "query"),
        limit: limit(c),
        includePdf: flag(c, "include_pdf"),
      }),
    ));

  app.get("/api/v1/beads", async (c) =>
    c.json(
      await beadList(host.app, await context(c, true), {
        allProjects: flag(c, "all_projects"),
        status: textQuery(c, "status"),
        beadType: textQuery(c, "bead_type"),
        tier: textQuery(c, "tier"),
        includeClosed: flag(c, "include_closed"),
        limit: limit(c),
      }),
    ));

  app.get(
    "/api/v1/beads/:id",
    async (c) =>
      c.json(
        await beadShow(
          host.app,
          await context(c, true),
          c.req.param("id"),
          flag(c, "all_projects"),
        ),
      ),
  );

  app.post("/api/v1/update/start", async (c) => {
    const body = await parseBody(c, UpdateStartBody);
    const result = await audited(
      host,
      c,
      body.request_id ?? null,
      () =>
        startUpdate(host.app, (job) =>
          host.publish({
            helpers_changed: {
              reason: `update_${job.status}`,
              helper: "update",
              job_id: job.job_id,
              timestamp: host.app.now().toISOString(),
            },
          })),
    );
    host.publish({
      helpers_changed: {
        reason: "update_started",
        helper: "update",
        job_id: result.job.job_id,
        timestamp: host.app.now().toISOString(),
      },
    });
    return c.json(result);
  });

  app.get(
    "/api/v1/update/:job_id",
    async (c) => c.json(await updateStatus(host.app, c.req.param("job_id"))),
  );
}
