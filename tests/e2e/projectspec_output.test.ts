/**
 * ProjectSpec text that agents or other processes wrote (titles, warnings
 * quoting malformed lines) reaches the terminal inert through `project show`
 * and `changespec search/show`; JSON keeps it exact.
 */
import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { controlCharacter } from "../_helpers/controls.ts";

const OSC = "\x1b]0;pwned\x07";
const CLIP = "\x1b]52;c;aGk=\x07";

Deno.test("project show and changespec search/show print ProjectSpec text with controls inert", async () => {
  await using sb = await makeSandbox();
  const spec = [
    "WORKSPACE_DIR: ~/code/p",
    "",
    "NAME: p_fix",
    "DESCRIPTION:",
    `  Fix the parser${OSC}`,
    "  second line",
    "STATUS: WIP",
    "TIMESTAMPS:",
    `  not a timestamp line${CLIP}`,
    "",
  ].join("\r\n");
  await sb.write("home/.sase/projects/p/p.sase", "\uFEFF" + spec);
  const run = (args: string[]) => runSase(args, { env: sb.env, cwd: sb.cwd });

  const show = await run(["project", "show", "p"]);
  assertEquals(show.code, 0, show.stderr);
  assertEquals(controlCharacter(show.stdout), undefined, JSON.stringify(show.stdout));
  assertStringIncludes(
    show.stdout,
    "unrecognised TIMESTAMPS line:   not a timestamp line^[]52;c;aGk=^G",
  );

  for (const format of ["plain", "rich", "markdown"]) {
    const search = await run(["changespec", "search", "-f", format, "status:WIP"]);
    assertEquals(search.code, 0, search.stderr);
    assertEquals(
      controlCharacter(search.stdout),
      undefined,
      `${format}: ${JSON.stringify(search.stdout)}`,
    );
    assertStringIncludes(search.stdout, "Fix the parser^[]0;pwned^G");
  }

  const shown = await run(["changespec", "show", "p_fix"]);
  assertEquals(shown.code, 0, shown.stderr);
  assertEquals(controlCharacter(shown.stdout), undefined, JSON.stringify(shown.stdout));
  assertEquals(
    shown.stdout,
    "NAME: p_fix\nDESCRIPTION:\n  Fix the parser^[]0;pwned^G\n  second line\nSTATUS: WIP\n" +
      "TIMESTAMPS:\n  not a timestamp line^[]52;c;aGk=^G\n",
  );

  const json = await run(["changespec", "search", "-j", "status:WIP"]);
  const [wire] = JSON.parse(json.stdout).changespecs;
  assertEquals(wire.description, `Fix the parser${OSC}\nsecond line`);
});
