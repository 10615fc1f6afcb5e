import { assertEquals } from "../../_helpers/assert.ts";
import { createHash } from "node:crypto";
import { sha256Hex } from "../../../core/text/sha256.ts";

Deno.test("sha256Hex: the FIPS 180-4 examples", () => {
  assertEquals(
    sha256Hex(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assertEquals(
    sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assertEquals(
    sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
});

Deno.test("sha256Hex agrees with node:crypto around the padding boundaries and for non-ASCII", () => {
  // 55, 56, 63, 64 and 119-121 bytes straddle the one-or-two-block padding cases.
  const texts = [55, 56, 63, 64, 65, 119, 120, 121, 1000].map((n) => "x".repeat(n));
  texts.push("héllo wörld ✓ 🚀", JSON.stringify({ issue_id: "bd-1", payload: { a: [1, 2] } }));
  for (const text of texts) {
    assertEquals(
      sha256Hex(text),
      createHash("sha256").update(text).digest("hex"),
      `${text.length}`,
    );
  }
});
