import { assert, assertEquals, assertMatch } from "../../_helpers/assert.ts";
import {
  constantTimeEqual,
  newBearerToken,
  newPairingCode,
  newSecret,
} from "../../../core/gateway/tokens.ts";

Deno.test("bearer tokens: sase_mobile_ and 43 base64url characters (256 bits), never repeated", () => {
  const tokens = new Set(Array.from({ length: 200 }, newBearerToken));
  assertEquals(tokens.size, 200);
  for (const token of tokens) assertMatch(token, /^sase_mobile_[A-Za-z0-9_-]{43}$/);
  assertMatch(newSecret("att"), /^att_[A-Za-z0-9_-]{43}$/);
});

Deno.test("pairing codes: six digits, leading zeros kept, spread over the range", () => {
  const codes = Array.from({ length: 2000 }, newPairingCode);
  for (const code of codes) assertMatch(code, /^\d{6}$/);
  const firstDigits = new Set(codes.map((code) => code[0]));
  assertEquals(firstDigits.size, 10);
});

Deno.test("constantTimeEqual: equal only for identical strings, any length", () => {
  assert(constantTimeEqual("abc", "abc"));
  assert(constantTimeEqual("", ""));
  assertEquals(constantTimeEqual("abc", "abd"), false);
  assertEquals(constantTimeEqual("abc", "ab"), false);
  assertEquals(constantTimeEqual("ab", "abc"), false);
  assertEquals(constantTimeEqual("abc", ""), false);
  assertEquals(constantTimeEqual("", "abc"), false);
  assertEquals(constantTimeEqual("é", "e\u0301"), false);
});
