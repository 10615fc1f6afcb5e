import { assertEquals } from "../../_helpers/assert.ts";
import {
  cleanupReportWire,
  repairReportWire,
  workspaceInventoryWire,
} from "../../../core/workspace/wire.ts";

Deno.test("the workspace listing goes on the wire with snake_case keys in the handbook's order", () => {
  const wire = workspaceInventoryWire({
    project: "app",
    projectFile: "/s/projects/app/app.sase",
    state: "active",
    rootPolicy: "managed",
    projectKey: "app-key",
    rootDir: "/w/app-key",
    registryPath: "/w/app-key/registry.json",
    primary: { num: 0, checkoutDir: "/src/app" },
    workspaces: [{
      num: 10,
      checkoutDir: "/w/app-key/10",
      exists: true,
      registered: {
        checkout_dir: "/w/app-key/10",
        materialization: "git-clone",
        role: "claim",
        pinned: false,
        created_at: 1,
        last_used_at: 2,
      },
      claims: [{
        pid: 7,
        alive: false,
        workflow: "run",
        name: "cl",
        timestamp: null,
        pinned: true,
      }],
    }],
  });
  assertEquals(
    JSON.stringify(wire),
    '{"schema_version":1,"project":"app","project_file":"/s/projects/app/app.sase",' +
      '"state":"active","root_policy":"managed","project_key":"app-key","root_dir":"/w/app-key",' +
      '"registry_path":"/w/app-key/registry.json","primary":{"num":0,"checkout_dir":"/src/app"},' +
      '"workspaces":[{"num":10,"checkout_dir":"/w/app-key/10","exists":true,"registered":' +
      '{"checkout_dir":"/w/app-key/10","materialization":"git-clone","role":"claim","pinned":false,' +
      '"created_at":1,"last_used_at":2},"claims":[{"pid":7,"alive":false,"workflow":"run",' +
      '"name":"cl","timestamp":null,"pinned":true}]}]}',
  );
});

Deno.test("cleanup and repair reports carry dry_run, ttl_days and schema_version 1 on the wire", () => {
  assertEquals(
    JSON.stringify(cleanupReportWire({
      project: "app",
      dryRun: true,
      ttlDays: 14,
      removed: [{ num: 11, checkoutDir: "/w/11" }],
    })),
    '{"schema_version":1,"project":"app","dry_run":true,"ttl_days":14,' +
      '"removed":[{"num":11,"checkout_dir":"/w/11"}]}',
  );
  const claim = {
    workspace: 12,
    pid: 9,
    workflow: "run",
    changespec: "cl",
    timestamp: null,
    pinned: false,
  };
  assertEquals(
    JSON.stringify(repairReportWire({
      dryRun: false,
      projects: [{ project: "app", released: [claim], dropped: [13], rematerialized: [] }],
    })),
    '{"schema_version":1,"dry_run":false,"projects":[{"project":"app","released":' +
      '[{"workspace":12,"pid":9,"workflow":"run","changespec":"cl","timestamp":null,' +
      '"pinned":false}],"dropped":[13],"rematerialized":[]}]}',
  );
});
