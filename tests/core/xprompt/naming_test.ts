import { assertEquals } from "../../_helpers/assert.ts";
import { autoNameToken } from "../../../core/xprompt/naming.ts";

Deno.test("the auto-name sequence: 36 one-character tokens, then 36² two-character ones, then three", () => {
  // Handbook 4.21: `0..9, a..z`, then `00, 01, ...`; each length starts again at all zeros.
  const cases: [number, string][] = [
    [0, "0"],
    [9, "9"],
    [10, "a"],
    [35, "z"],
    [36, "00"],
    [37, "01"],
    [71, "0z"],
    [72, "10"],
    [36 + 36 * 36 - 1, "zz"],
    [36 + 36 * 36, "000"],
  ];
  for (const [index, token] of cases) assertEquals(autoNameToken(index), token, `index ${index}`);
});
