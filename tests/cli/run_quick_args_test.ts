import { Command } from "@commander-js/extra-typings";
import { assertEquals } from "../_helpers/assert.ts";
import { register } from "../../cli/run.ts";
import { quickRunArgs } from "../../cli/run/quick_args.ts";
import { saseContext } from "../../entries/context.ts";

/** What commander's `sase run` hands its action for `args`. */
function commanderParse(args: string[]): { query?: string; options: Record<string, unknown> } {
  const program = new Command("sase").exitOverride();
  register(program, saseContext());
  let seen: { query?: string; options: Record<string, unknown> } | undefined;
  const run = program.commands.find((command) => command.name() === "run")! as unknown as {
    action(fn: (query: string | undefined, options: Record<string, unknown>) => void): void;
  };
  run.action((query, options) => {
    seen = { query, options };
  });
  program.parse(args, { from: "user" });
  return seen!;
}

Deno.test("quickRunArgs: every shape it accepts means what commander makes of it", () => {
  const shapes = [
    ["run", "hello"],
    ["run", "-d", "hello"],
    ["run", "hello", "--daemon"],
    ["run", "-j", "-d", "%m:fakey/reply hi"],
    ["run", "-dj", "x"],
    ["run", "-jd", "x"],
    ["run", "--json"],
    ["run"],
    ["run", "."],
    ["run", "-"],
    ["run", "-d", "--", "-starts with a dash"],
  ];
  for (const args of shapes) {
    const quick = quickRunArgs(args);
    const parsed = commanderParse(args);
    assertEquals(quick, {
      query: parsed.query,
      daemon: parsed.options.daemon === true,
      json: parsed.options.json === true,
    }, args.join(" "));
    assertEquals(
      Object.keys(parsed.options).filter((key) => key !== "daemon" && key !== "json"),
      [],
    );
  }
});

Deno.test("quickRunArgs: anything else is left to commander", () => {
  for (
    const args of [
      ["agent", "list"],
      ["run", "-e", "draft"],
      ["run", "-r", "build", "more"],
      ["run", "--resume=build", "more"],
      ["run", "-l"],
      ["run", "-h"],
      ["run", "--help"],
      ["run", "-dx", "y"],
      ["run", "one", "two"],
      ["run", "--unknown", "x"],
    ]
  ) {
    assertEquals(quickRunArgs(args), null, args.join(" "));
  }
});
