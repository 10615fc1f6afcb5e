/**
 * `sase mobile device list|revoke`: the paired devices of the gateway.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { deviceWire, readDevices, revokeDevice } from "../../core/gateway/devices.ts";
import { gatewayStateDir } from "../../core/gateway/paths.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson } from "../shared/output.ts";

async function stateDirOf(app: AppContext, home: string | undefined): Promise<string> {
  const configured = (await app.config()).config.mobile_gateway?.state_dir;
  return gatewayStateDir(app.env, home ?? configured);
}

/** Run `sase mobile device list`. */
export async function runDeviceList(
  app: AppContext,
  options: { saseHome?: string; json?: boolean },
): Promise<void> {
  const devices = (await readDevices(await stateDirOf(app, options.saseHome))).map(deviceWire);
  if (options.json) {
    printJson({ schema_version: 1, devices });
    return;
  }
  if (devices.length === 0) {
    console.log("No paired devices.");
    return;
  }
  const rows = devices.map((device) => [
    device.device_id,
    neutralizeControls(device.display_name, { keepLayout: false }),
    neutralizeControls(device.platform, { keepLayout: false }),
    device.paired_at ?? "",
    device.last_seen_at ?? "-",
    device.revoked_at ? `revoked ${device.revoked_at}` : "active",
  ]);
  console.log(formatTable(["ID", "NAME", "PLATFORM", "PAIRED", "LAST SEEN", "STATE"], rows));
}

/** Run `sase mobile device revoke DEVICE_ID`. */
export async function runDeviceRevoke(
  app: AppContext,
  deviceId: string,
  options: { saseHome?: string; json?: boolean },
): Promise<void> {
  const { device, changed } = await revokeDevice(
    await stateDirOf(app, options.saseHome),
    deviceId,
    app.now(),
  );
  if (options.json) {
    printJson({ schema_version: 1, device: deviceWire(device), changed });
    return;
  }
  console.log(changed ? `Revoked ${device.device_id}` : `${device.device_id} was already revoked`);
}
