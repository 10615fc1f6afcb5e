import { assertEquals } from "../../_helpers/assert.ts";
import { baseUrl, telemetrySettings } from "../../../core/telemetry/settings.ts";

Deno.test("telemetry settings: off by default, with the handbook's ports and thresholds", () => {
  assertEquals(telemetrySettings({}), {
    enabled: false,
    expositionPort: 9464,
    pushgatewayUrl: "http://localhost:9091",
    prometheusUrl: "http://localhost:9090",
    thresholds: {
      errorRateWarn: 10,
      errorRateCritical: 25,
      retryRateWarn: 10,
      retryRateCritical: 25,
      p95LatencyWarn: 300,
      p95LatencyCritical: 600,
    },
  });
  const set = telemetrySettings({
    telemetry: {
      enabled: true,
      prometheus: { exposition_port: 1234, pushgateway_url: "https://pg.example:9/" },
      health_thresholds: { error_rate_warn: 5 },
    },
  });
  assertEquals([set.enabled, set.expositionPort, set.pushgatewayUrl], [
    true,
    1234,
    "https://pg.example:9",
  ]);
  assertEquals([set.thresholds.errorRateWarn, set.thresholds.errorRateCritical], [5, 25]);
});

Deno.test("baseUrl adds http:// to a bare host:port and drops trailing slashes", () => {
  assertEquals(baseUrl("localhost:9091"), "http://localhost:9091");
  assertEquals(baseUrl("http://h:1//"), "http://h:1");
  assertEquals(baseUrl("https://h"), "https://h");
});
