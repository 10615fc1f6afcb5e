/**
 * Input generators for the fuzz test: from one seed, a config layer, a
 * ProjectSpec file, a bead event stream, a notification JSON document, an
 * SDD plan or an xprompt file plus a prompt. Each starts from a realistic
 * document (the upstream fixtures where there are some) and applies random
 * damage: control and bidi characters, lone surrogates, a byte-order mark,
 * CRLF endings, deep nesting, YAML anchors and aliases, wrong field types,
 * truncation, duplicated and swapped lines.
 *
 * @module
 */

import type { Random } from "../_helpers/prng.ts";
import { upstreamFixture } from "../_helpers/fixtures.ts";

/** The kinds of input the fuzz test generates. */
export const AREAS = ["config", "projectspec", "notification", "xprompt", "bead", "sdd"] as const;

/** One kind of input. */
export type Area = typeof AREAS[number];

const NASTY = [
  "\x00",
  "\x07",
  "\x1b]0;title\x07",
  "\x1b]52;c;aGk=\x07",
  "\x1b[2J",
  "\r",
  "\t",
  "\x7f",
  "\x85",
  "\x9b",
  "\u202e",
  "\u2028",
  "\uFEFF",
  "\ud800",
  "😀",
  "é",
  "\\",
  '"',
  "'",
  "`",
  "#",
  "%",
  "{{",
  "}}",
  "{%",
  "$(",
  "[[",
  "]]",
  ",",
  "(",
  ")",
  ":",
  "- ",
  "? ",
  "&a ",
  "*a",
  "<<: *a",
  "!!binary ",
  "---",
  "...",
  "null",
  "~",
  "NaN",
  "1e999",
  "-0",
];

/** Nesting depths around the limits (100 levels) and far beyond them. */
const DEPTHS = [1, 5, 98, 99, 100, 101, 1000, 20_000];

function text(random: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out += random.chance(0.2) ? random.pick(NASTY) : String.fromCharCode(32 + random.int(95));
  }
  return out;
}

/** Random damage to a text document: 1–5 edits of lines and characters. */
export function damage(random: Random, source: string): string {
  const lines = source.split("\n");
  const edits = 1 + random.int(5);
  for (let edit = 0; edit < edits; edit++) {
    const at = random.int(lines.length);
    const line = lines[at] ?? "";
    switch (random.int(9)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(at, 0, line);
        break;
      case 2: {
        const column = random.int(line.length + 1);
        lines[at] = line.slice(0, column) + random.pick(NASTY) + line.slice(column);
        break;
      }
      case 3:
        lines[at] = " ".repeat(random.int(6)) + line.trimStart();
        break;
      case 4:
        lines[at] = line + text(random, 1 + random.int(20));
        break;
      case 5: {
        const other = random.int(lines.length);
        [lines[at], lines[other]] = [lines[other], lines[at]];
        break;
      }
      case 6:
        lines.splice(at, 0, text(random, random.int(40)));
        break;
      case 7:
        lines[at] = line.slice(0, random.int(line.length + 1));
        break;
      default:
        lines.splice(at, 0, "x".repeat(random.pick([0, 1, 200, 70_000])));
    }
  }
  let out = lines.join("\n");
  if (random.chance(0.15)) out = out.replaceAll("\n", "\r\n");
  if (random.chance(0.1)) out = "\uFEFF" + out;
  if (random.chance(0.1)) out = out.slice(0, random.int(out.length + 1));
  return out;
}

/** A random JSON-compatible value nested at most `depth` levels. */
function value(random: Random, depth: number): unknown {
  const kind = depth <= 0 ? random.int(5) : random.int(7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308]);
    case 3:
    case 4:
      return text(random, random.int(12));
    case 5:
      return Array.from({ length: random.int(4) }, () => value(random, depth - 1));
    default:
      return Object.fromEntries(
        Array.from(
          { length: random.int(4) },
          () => [text(random, 1 + random.int(6)), value(random, depth - 1)],
        ),
      );
  }
}

/** Flow-style nesting `depth` levels deep, as YAML or JSON text. */
function nested(random: Random, depth: number): string {
  const [open, close] = random.chance(0.5) ? ["[", "]"] : ['{"k": ', "}"];
  return open.repeat(depth) + "1" + close.repeat(depth);
}

function aliasBomb(levels: number): string {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < levels; i++) {
    lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(", ")}]`);
  }
  return lines.join("\n");
}

const CONFIG_SEED = [
  "timezone: UTC",
  "axe:",
  "  max_hook_runners: 3",
  "  lumberjacks:",
  "    hooks:",
  "      interval: 30",
  "linked_repos:",
  "  - {name: dep, path: ../dep, description: a dependency}",
  "xprompt_aliases:",
  "  r: research",
  "xprompts:",
  "  greet:",
  "    input: {who: word}",
  '    content: "Hello {{ who }}"',
  "mobile_gateway:",
  "  port: 8765",
].join("\n");

function configInput(random: Random): string {
  switch (random.int(6)) {
    case 0:
      return `timezone: UTC\ndeep: ${nested(random, random.pick(DEPTHS))}\n`;
    case 1:
      return aliasBomb(2 + random.int(8)) + "\n";
    case 2:
      return `base: &b {port: 1}\nmobile_gateway: ${
        random.pick(["*b", "*nope", "&c [*c]", "*b\nother: *b"])
      }\n`;
    default:
      return damage(random, CONFIG_SEED);
  }
}

const PROJECTSPEC_SEED = Deno.readTextFileSync(upstreamFixture("changespec/myproj.sase"));

function projectSpecInput(random: Random): string {
  if (random.chance(0.1)) return text(random, random.int(400));
  return damage(random, PROJECTSPEC_SEED);
}

const NOTIFICATION_KEYS = [
  "id",
  "timestamp",
  "sender",
  "notes",
  "files",
  "tags",
  "action",
  "action_data",
  "read",
  "dismissed",
  "silent",
  "muted",
  "snooze_until",
  "resurfaced_at",
  "icon",
];

const TIMESTAMPS = [
  "2026-04-30T12:00:00+00:00",
  "2026-04-30T12:00:00.123456Z",
  "2026-02-30T00:00:00Z",
  "yesterday",
  "1",
  "",
  "2026-04-30 12:00",
];

function notificationInput(random: Random): string {
  if (random.chance(0.1)) return `{"sender":"s","x":${nested(random, random.pick(DEPTHS))}}`;
  const record: Record<string, unknown> = { sender: text(random, 1 + random.int(10)) };
  for (const key of NOTIFICATION_KEYS) {
    if (!random.chance(0.4)) continue;
    if (key === "notes" || key === "tags" || key === "files") {
      record[key] = random.chance(0.8)
        ? Array.from({ length: random.int(4) }, () => text(random, random.int(30)))
        : value(random, 2);
    } else if (key.endsWith("_until") || key === "timestamp" || key === "resurfaced_at") {
      record[key] = random.chance(0.8) ? random.pick(TIMESTAMPS) : value(random, 1);
    } else record[key] = value(random, 2);
  }
  if (random.chance(0.2)) delete record.sender;
  const json = JSON.stringify(record);
  return random.chance(0.25) ? damage(random, json) : json;
}

const XPROMPT_SEED = [
  "---",
  "name: fz",
  "description: fuzzed",
  "input:",
  "  who: word",
  "  n: {type: int, default: 2}",
  "  flag: {type: bool, default: false}",
  "  ratio: {type: float, default: 0.5}",
  "xprompts:",
  '  _inner: "inner {{ who }}"',
  "---",
  "Hi {{ who }} x{{ n * 2 }} {% if flag %}on{% endif %} {{ ratio | round(1) }} #_inner",
  "{% for w in who | list %}{{ loop.index }}{{ w | upper }}{% endfor %} {{ {'a': n} | tojson }}",
].join("\n");

const CALLS = [
  "#fz(Ann)",
  "#fz(Ann, n=3, flag=yes)",
  "#fz(Ann,,b)",
  "#fz(a, 1, no, 2.5, extra)",
  "#fz(,)",
  "#fz(who=)",
  "#fz:Bob",
  "#fz+",
  '#fz("two words")',
  "#fz(Ann, n=3abc)",
  "#fz(Ann, ratio=inf)",
  "#fz([[\n  block\n]])",
  "#fz: shorthand text",
  "#unknown(x)",
  "#fz(Ann",
  "#fz($(never run))",
];

/** An xprompt file and a prompt calling it, separated by a NUL line. */
function xpromptInput(random: Random): string {
  const file = random.chance(0.15)
    ? `---\ninput: ${nested(random, random.pick(DEPTHS))}\n---\nbody`
    : random.chance(0.7)
    ? damage(random, XPROMPT_SEED)
    : XPROMPT_SEED;
  const prompt = Array.from(
    { length: 1 + random.int(3) },
    () => random.chance(0.7) ? random.pick(CALLS) : damage(random, random.pick(CALLS)),
  ).join(" ");
  return `${file}\n\x00\n${prompt}`;
}

const BEAD_SEED = Deno.readTextFileSync(
  upstreamFixture("bead/events/event_roundtrip/streams/gold-1.jsonl"),
).trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);

const OPERATIONS = [
  "issue_created",
  "issue_updated",
  "issue_closed",
  "issue_opened",
  "dependency_added",
  "ready_marked",
  "task_snoozed",
  "bogus_operation",
];

/** Set a random field somewhere in `target` to a random value (or delete it). */
function poke(random: Random, target: Record<string, unknown>, depth = 0): void {
  const keys = Object.keys(target);
  if (keys.length === 0) return;
  const key = random.pick(keys);
  const inner = target[key];
  if (
    depth < 3 && inner && typeof inner === "object" && !Array.isArray(inner) && random.chance(0.6)
  ) {
    poke(random, inner as Record<string, unknown>, depth + 1);
  } else if (random.chance(0.15)) delete target[key];
  else target[key] = value(random, 2);
}

function beadInput(random: Random): string {
  const events = Array.from({ length: 1 + random.int(8) }, () => {
    const event = structuredClone(random.pick(BEAD_SEED));
    if (random.chance(0.3)) {
      event.operation = random.pick(OPERATIONS);
      (event.payload as Record<string, unknown>).kind = event.operation;
    }
    if (random.chance(0.3)) {
      event.payload = {
        kind: "issue_updated",
        fields: {
          status: value(random, 1),
          title: value(random, 1),
          dependencies: value(random, 1),
        },
      };
      event.operation = "issue_updated";
    }
    for (let edits = random.int(3); edits > 0; edits--) poke(random, event);
    return JSON.stringify(event);
  });
  const stream = events.join("\n") + (random.chance(0.8) ? "\n" : "");
  return random.chance(0.2) ? damage(random, stream) : stream;
}

const SDD_SEED = [
  "---",
  "tier: epic",
  "title: Fuzzed epic",
  "goal: Make it robust",
  "size: large",
  "phases:",
  "  - id: p1",
  "    title: First",
  "    size: small",
  "    depends_on: []",
  "  - id: p2",
  "    title: Second",
  "    size: medium",
  "    depends_on: [p1]",
  "bug_id: 12",
  "---",
  "# Plan",
  "",
  "Body text.",
].join("\n");

function sddInput(random: Random): string {
  if (random.chance(0.1)) {
    return `---\ntier: tale\nx: ${nested(random, random.pick(DEPTHS))}\n---\n`;
  }
  if (random.chance(0.1)) return `---\n${aliasBomb(2 + random.int(8))}\n---\nbody`;
  return damage(random, SDD_SEED);
}

/** The input of `area` for `seed` (deterministic). */
export function generate(area: Area, random: Random): string {
  switch (area) {
    case "config":
      return configInput(random);
    case "projectspec":
      return projectSpecInput(random);
    case "notification":
      return notificationInput(random);
    case "xprompt":
      return xpromptInput(random);
    case "bead":
      return beadInput(random);
    case "sdd":
      return sddInput(random);
  }
}
