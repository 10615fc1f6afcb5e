import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import {
  checkBindPolicy,
  isLoopbackHost,
  resolveGatewaySettings,
} from "../../../core/gateway/settings.ts";
import { SaseError } from "../../../core/errors.ts";

Deno.test("settings: defaults, then config, then flags", () => {
  const defaults = resolveGatewaySettings(undefined, {});
  assertEquals([defaults.bindAddress, defaults.port, defaults.stateRoot, defaults.command], [
    "127.0.0.1",
    7629,
    null,
    [],
  ]);
  assertEquals([defaults.push.provider, defaults.push.timeoutSeconds, defaults.push.retryLimit], [
    "disabled",
    5,
    1,
  ]);
  assertEquals(defaults.startupTimeoutSeconds, 10);
  const config = {
    bind_address: "127.0.0.2",
    port: 8000,
    state_dir: "/srv/sase",
    command: "gw --x",
    push_provider: "fcm" as const,
    fcm_project_id: "proj",
    fcm_dry_run: true,
    push_timeout_seconds: 2.5,
    push_retry_limit: 0,
    startup_timeout_seconds: 3,
  };
  const fromConfig = resolveGatewaySettings(config, {});
  assertEquals([fromConfig.bindAddress, fromConfig.port, fromConfig.stateRoot], [
    "127.0.0.2",
    8000,
    "/srv/sase",
  ]);
  assertEquals(fromConfig.command, ["gw", "--x"]);
  assertEquals([
    fromConfig.push.fcmDryRun,
    fromConfig.push.timeoutSeconds,
    fromConfig.push.retryLimit,
  ], [true, 2.5, 0]);
  const fromFlags = resolveGatewaySettings(config, {
    bind: "::1",
    port: 0,
    home: "/tmp/h",
    command: "'other gw'",
    push: "test",
    fcmProjectId: "p2",
  });
  assertEquals([fromFlags.bindAddress, fromFlags.port, fromFlags.stateRoot], ["::1", 0, "/tmp/h"]);
  assertEquals(fromFlags.command, ["other gw"]);
  assertEquals([fromFlags.push.provider, fromFlags.push.fcmProjectId], ["test", "p2"]);
  // Blank strings count as unset.
  assertEquals(
    resolveGatewaySettings({ bind_address: " ", command: "" }, { bind: "" }).bindAddress,
    "127.0.0.1",
  );
});

Deno.test("loopback: localhost, 127/8 and ::1 only", () => {
  for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"]) {
    assertEquals(isLoopbackHost(host), true, host);
  }
  for (
    const host of [
      "0.0.0.0",
      "::",
      "192.0.2.10",
      "100.64.0.10",
      "128.0.0.1",
      "127.0.0.256",
      "127.0.0",
      "example.com",
      "127.0.0.1.nip.io",
    ]
  ) {
    assertEquals(isLoopbackHost(host), false, host);
  }
});

Deno.test("bind policy: non-loopback needs -L (flag or config)", () => {
  const refused = (bind: string) =>
    assertThrows(
      () => checkBindPolicy(resolveGatewaySettings(undefined, { bind })),
      SaseError,
      "Gateway refuses to bind: non-loopback addresses require `-L`",
    );
  refused("0.0.0.0");
  refused("192.0.2.10");
  checkBindPolicy(
    resolveGatewaySettings(undefined, { bind: "192.0.2.10", allowNonLoopback: true }),
  );
  checkBindPolicy(resolveGatewaySettings({ allow_non_loopback: true }, { bind: "0.0.0.0" }));
  checkBindPolicy(resolveGatewaySettings(undefined, { bind: "127.0.0.1" }));
});
