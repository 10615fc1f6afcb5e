import { assertEquals } from "../_helpers/assert.ts";
import { exitCodeFor, renderError } from "../../cli/shared/errors.ts";
import { type ErrorKind, SaseError, usageError } from "../../core/errors.ts";

/** What renderError printed to stderr, and its exit code. */
function rendered(error: unknown): { code: number; lines: string[] } {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => lines.push(args.map(String).join(" "));
  try {
    return { code: renderError(error, () => "run `sase x --help` for usage"), lines };
  } finally {
    console.error = original;
  }
}

Deno.test("renderError: text another process wrote reaches the terminal inert", () => {
  const title = "bead \x1b]0;owned\x07 title";
  const { code, lines } = rendered(
    new SaseError("bead.not_found", `no bead titled '${title}'`, { hint: "try \x1b[2J" }),
  );
  assertEquals(code, 1);
  assertEquals(lines, ["error: no bead titled 'bead ^[]0;owned^G title'", "hint: try ^[[2J"]);
  const internal = rendered(new Error("boom \x9b31m"));
  assertEquals(internal.lines[0], "error: boom <U+009B>31m");
});

Deno.test("renderError: usage errors exit 2 with the command's hint unless they carry one", () => {
  assertEquals(rendered(usageError("bad flag")), {
    code: 2,
    lines: ["error: bad flag", "hint: run `sase x --help` for usage"],
  });
  assertEquals(rendered(usageError("bad flag", "pass -y")).lines[1], "hint: pass -y");
  assertEquals(rendered(new SaseError("x", "failed")).lines, ["error: failed"]);
});

Deno.test("exit codes by kind: 2 when the request was wrong, 1 for everything else", () => {
  const expected: Record<ErrorKind, number> = {
    "usage": 2,
    "invalid-input": 2,
    "invalid-data": 1,
    "not-found": 1,
    "conflict": 1,
    "unavailable": 1,
    "failed": 1,
    "internal": 1,
  };
  for (const [kind, code] of Object.entries(expected) as [ErrorKind, number][]) {
    assertEquals(exitCodeFor(kind), code, kind);
    assertEquals(rendered(new SaseError("x", "boom", { kind })).code, code, kind);
  }
  // A SaseError without a kind is a failed operation.
  assertEquals(new SaseError("x", "boom").kind, "failed");
});
