import { assertEquals, assertMatch, assertThrows } from "../../_helpers/assert.ts";
import {
  MAX_LIVE_PAIRINGS,
  MAX_WRONG_ATTEMPTS,
  PAIRING_TTL_MS,
  PairingBook,
} from "../../../core/gateway/pairing.ts";
import { GatewayError } from "../../../core/gateway/errors.ts";

const T0 = new Date("2026-05-06T15:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function wrong(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}

Deno.test("pairing: a 6-digit code valid for 5 minutes, consumed once", () => {
  const book = new PairingBook();
  const challenge = book.start(T0);
  assertMatch(challenge.code, /^\d{6}$/);
  assertMatch(challenge.pairingId, /^pair_[A-Za-z0-9_-]{16}$/);
  assertEquals(PAIRING_TTL_MS, 300_000);
  assertEquals(challenge.expiresAt.toISOString(), "2026-05-06T15:05:00.000Z");
  book.consume(challenge.pairingId, challenge.code, at(PAIRING_TTL_MS - 1));
  assertThrows(
    () => book.consume(challenge.pairingId, challenge.code, at(1)),
    GatewayError,
    "unknown, already used or expired",
  );
});

Deno.test("pairing: at the expiry instant the code is refused", () => {
  const book = new PairingBook();
  const challenge = book.start(T0);
  const error = assertThrows(
    () => book.consume(challenge.pairingId, challenge.code, at(PAIRING_TTL_MS)),
    GatewayError,
    "expired",
  );
  assertEquals((error as GatewayError).apiCode, "pairing_expired");
  assertEquals((error as GatewayError).status, 401);
});

Deno.test("pairing: 4 wrong codes leave the right one working; the 5th locks for good", () => {
  const book = new PairingBook();
  const first = book.start(T0);
  for (let i = 0; i < MAX_WRONG_ATTEMPTS - 1; i++) {
    assertThrows(
      () => book.consume(first.pairingId, wrong(first.code), T0),
      GatewayError,
      "wrong pairing code",
    );
  }
  book.consume(first.pairingId, first.code, T0);

  const second = book.start(T0);
  for (let i = 0; i < MAX_WRONG_ATTEMPTS - 1; i++) {
    assertThrows(
      () => book.consume(second.pairingId, wrong(second.code), T0),
      GatewayError,
      "wrong pairing code",
    );
  }
  assertThrows(
    () => book.consume(second.pairingId, wrong(second.code), T0),
    GatewayError,
    "pairing locked after 5 wrong codes",
  );
  assertThrows(
    () => book.consume(second.pairingId, second.code, T0),
    GatewayError,
    "pairing locked after 5 wrong codes",
  );
  assertEquals(MAX_WRONG_ATTEMPTS, 5);
});

Deno.test("pairing: wrong codes on one challenge do not count against another", () => {
  const book = new PairingBook();
  const a = book.start(T0);
  const b = book.start(T0);
  for (let i = 0; i < MAX_WRONG_ATTEMPTS; i++) {
    assertThrows(() => book.consume(a.pairingId, wrong(a.code), T0), GatewayError);
  }
  book.consume(b.pairingId, b.code, T0);
});

Deno.test("pairing: at most 16 live challenges; the oldest is dropped", () => {
  const book = new PairingBook();
  const challenges = Array.from({ length: MAX_LIVE_PAIRINGS + 1 }, () => book.start(T0));
  assertThrows(
    () => book.consume(challenges[0].pairingId, challenges[0].code, T0),
    GatewayError,
    "unknown, already used or expired",
  );
  book.consume(challenges[1].pairingId, challenges[1].code, T0);
  book.consume(challenges[MAX_LIVE_PAIRINGS].pairingId, challenges[MAX_LIVE_PAIRINGS].code, T0);
});
