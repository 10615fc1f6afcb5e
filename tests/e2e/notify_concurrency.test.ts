import { assertEquals } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";

Deno.test("6 concurrent `sase notify create` processes, 3 rounds: every row present once", async () => {
  await using sb = await makeSandbox();
  const rounds = 3;
  const writers = 6;
  for (let round = 0; round < rounds; round++) {
    const results = await Promise.all(
      Array.from(
        { length: writers },
        (_, writer) =>
          runSase(["notify", "create", "-t", `w${writer}`], {
            env: sb.env,
            cwd: sb.cwd,
            stdin: JSON.stringify({ id: `r${round}-w${writer}`, sender: `writer-${writer}` }),
          }),
      ),
    );
    for (const result of results) assertEquals(result.code, 0, result.stderr);
  }
  const listed = await runSase(["notify", "list", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals(listed.code, 0, listed.stderr);
  assertEquals(listed.stderr.includes("warning:"), false, "no torn or invalid lines");
  const ids: string[] = JSON.parse(listed.stdout).map((row: { id: string }) => row.id);
  assertEquals(ids.length, rounds * writers);
  assertEquals(new Set(ids).size, rounds * writers);
});
