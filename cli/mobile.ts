/**
 * `sase mobile`: the workstation side of the mobile app — `gateway start`
 * (the HTTP API a paired phone talks to) and `device list|revoke` (paired
 * devices). Each command's body is in `mobile/` and loads when it runs.
 *
 * @module
 */

import { Argument, type Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { PUSH_PROVIDERS } from "../core/gateway/settings.ts";
import { AGENT_OPERATIONS, HELPER_OPERATIONS } from "./mobile/bridge_operations.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { nonNegativeInt } from "./shared/options.ts";
import { importOnDemand } from "../core/on_demand.ts";

function addGateway(mobile: Command, app: AppContext): void {
  const gateway = mobile.command("gateway").description(
    "The mobile gateway (HTTP API for paired phones)",
  );
  gateway.command("start")
    .description(
      "Run the gateway in the foreground (default 127.0.0.1:7629), print a one-time pairing " +
        "code, and serve paired devices until Ctrl-C",
    )
    .option("-p, --port <port>", "port to listen on (0: any free port)", nonNegativeInt("--port"))
    .option(
      "-H, --sase-home <dir>",
      "SASE home root whose mobile_gateway/ holds the gateway's files",
    )
    .option("-c, --command <command>", "run this external gateway command instead (no shell)")
    .option("-b, --bind <address>", "address to bind (default 127.0.0.1)")
    .option(
      "-L, --allow-non-loopback",
      "allow a LAN or tailnet bind address (trusted networks only)",
    )
    .addOption(
      mobile.createOption("-P, --push-provider <provider>", "push hints: disabled, test or fcm")
        .choices(PUSH_PROVIDERS),
    )
    .option("-F, --fcm-project-id <id>", "Firebase project id for FCM HTTP v1")
    .option("-E, --fcm-credential-env <name>", "environment variable holding the FCM credential")
    .option("-D, --fcm-dry-run", "ask FCM to validate hints without delivering them")
    .action(async (options) =>
      (await importOnDemand<typeof import("./mobile/gateway_start.ts")>(
        "./mobile/gateway_start.ts",
        import.meta.url,
      )).runGatewayStart(app, options)
    );
}

function addDevice(mobile: Command, app: AppContext): void {
  const device = mobile.command("device").description("Paired mobile devices");
  device.command("list")
    .description("List paired devices (revoked ones marked)")
    .option("-H, --sase-home <dir>", "SASE home root whose mobile_gateway/ holds the devices")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./mobile/device.ts")>(
        "./mobile/device.ts",
        import.meta.url,
      ))
        .runDeviceList(app, options)
    );
  device.command("revoke")
    .description("Revoke a paired device: its token stops working at once")
    .argument("<device_id>", "the device id (`dev_…`) from `sase mobile device list`")
    .option("-H, --sase-home <dir>", "SASE home root whose mobile_gateway/ holds the devices")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (deviceId, options) =>
      (await importOnDemand<typeof import("./mobile/device.ts")>(
        "./mobile/device.ts",
        import.meta.url,
      ))
        .runDeviceRevoke(app, deviceId, options)
    );
}

function addBridges(mobile: Command, app: AppContext): void {
  mobile.command("agent-bridge")
    .description(
      "Agent operations as JSON over stdin for other clients: one JSON object in, one out",
    )
    .addArgument(
      new Argument("<operation>", "the operation").choices(AGENT_OPERATIONS),
    )
    .action(async (operation) =>
      (await importOnDemand<typeof import("./mobile/bridge.ts")>(
        "./mobile/bridge.ts",
        import.meta.url,
      ))
        .runAgentBridge(app, operation)
    );
  mobile.command("helper-bridge")
    .description(
      "Helper operations (ChangeSpec tags, xprompt catalog, beads, update) as JSON over stdin",
    )
    .addArgument(
      new Argument("<operation>", "the operation").choices(HELPER_OPERATIONS),
    )
    .action(async (operation) =>
      (await importOnDemand<typeof import("./mobile/bridge.ts")>(
        "./mobile/bridge.ts",
        import.meta.url,
      ))
        .runHelperBridge(app, operation)
    );
}

/** Register `sase mobile`. */
export function register(program: Command, app: AppContext): void {
  const mobile = program.command("mobile").description("Mobile gateway and paired devices");
  addGateway(mobile, app);
  addDevice(mobile, app);
  addBridges(mobile, app);
}
