import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { splitCommandLine } from "../../../core/text/argv.ts";
import { SaseError } from "../../../core/errors.ts";

Deno.test("splitCommandLine: whitespace, quotes and escapes, nothing expanded", () => {
  const split = (text: string) => splitCommandLine(text, "-c");
  assertEquals(split("  gw   --flag  "), ["gw", "--flag"]);
  assertEquals(split(`'/opt/my gw' "a b" c\\ d`), ["/opt/my gw", "a b", "c d"]);
  assertEquals(split(`"say \\"hi\\"" 'it''s'`), ['say "hi"', "its"]);
  assertEquals(split(`'$HOME' $HOME ~ *.ts ; rm -rf / | x`), [
    "$HOME",
    "$HOME",
    "~",
    "*.ts",
    ";",
    "rm",
    "-rf",
    "/",
    "|",
    "x",
  ]);
  assertEquals(split(`"" ''`), ["", ""]);
  assertEquals(split(`"a\\nb"`), ["a\\nb"]);
  assertEquals(split(""), []);
});

Deno.test("splitCommandLine: an unclosed quote names the source", () => {
  assertThrows(
    () => splitCommandLine(`gw "oops`, "mobile_gateway.command"),
    SaseError,
    `mobile_gateway.command: unclosed " quote`,
  );
  assertThrows(() => splitCommandLine(`gw 'oops`, "-c"), SaseError, "-c: unclosed ' quote");
});
