import { assertEquals } from "../../_helpers/assert.ts";
import { apiErrorOf, GatewayError } from "../../../core/gateway/errors.ts";
import { SaseError } from "../../../core/errors.ts";

Deno.test("errors: contract codes keep their status; core errors map by code, then by kind", () => {
  const of = (error: unknown) => {
    const { status, body } = apiErrorOf(error);
    return [status, body.code];
  };
  assertEquals(of(new GatewayError("unauthorized", "x", { kind: "invalid-input" })), [
    401,
    "unauthorized",
  ]);
  assertEquals(
    of(new GatewayError("invalid_upload", "x", { kind: "invalid-input", status: 413 })),
    [413, "invalid_upload"],
  );
  assertEquals(of(new SaseError("plan.already_handled", "x", { kind: "conflict" })), [
    409,
    "conflict_already_handled",
  ]);
  assertEquals(of(new SaseError("notify.ambiguous", "x", { kind: "conflict" })), [
    409,
    "ambiguous_prefix",
  ]);
  assertEquals(of(new SaseError("workflow.hitl_none", "x", { kind: "conflict" })), [
    409,
    "gone_stale",
  ]);
  assertEquals(of(new SaseError("input.too_large", "x", { kind: "invalid-input" })), [
    413,
    "invalid_request",
  ]);
  assertEquals(of(new SaseError("any", "x", { kind: "usage" })), [400, "invalid_request"]);
  assertEquals(of(new SaseError("any", "x", { kind: "not-found" })), [404, "not_found"]);
  assertEquals(of(new SaseError("any", "x", { kind: "unavailable" })), [503, "bridge_unavailable"]);
  assertEquals(of(new SaseError("any", "x", { kind: "failed" })), [500, "internal"]);
  // A bug's message (which may name a host path) is never sent.
  assertEquals(apiErrorOf(new TypeError("/home/me/x is undefined")).body, {
    schema_version: 1,
    code: "internal",
    message: "internal gateway error",
    target: null,
    details: null,
  });
  // The next step travels in details.hint.
  assertEquals(
    apiErrorOf(new SaseError("any", "x", { kind: "conflict", hint: "do y" })).body.details,
    { hint: "do y" },
  );
});
