/**
 * The runtime that translated Jinja templates call into.
 *
 * It gives expressions Python/Jinja semantics where JavaScript differs:
 * strict undefined variables (an error when printed, iterated or tested, but
 * fine for `is defined` and `| default`), Python truthiness, `str()` output of
 * booleans/None/lists, `in`, and the filters existing xprompts use.
 *
 * @module
 */

/** Raised when a template uses a variable that has no value. */
export class JinjaUndefinedError extends Error {
  constructor(readonly variable: string) {
    super(`'${variable}' is undefined`);
    this.name = "JinjaUndefinedError";
  }
}

/** A missing value; it remembers its name so errors can say which one. */
export class Undefined {
  constructor(readonly name: string) {}
}

/** A chain of variable scopes (template context, loop bodies, `set`). */
export class Scope {
  readonly #vars = new Map<string, unknown>();
  constructor(private readonly parent?: Scope, vars: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(vars)) this.#vars.set(key, value);
  }
  /** Look a name up through the chain; a miss is an {@linkcode Undefined}. */
  get(name: string): unknown {
    if (this.#vars.has(name)) return this.#vars.get(name);
    if (this.parent) return this.parent.get(name);
    return new Undefined(name);
  }
  /** Bind a name in this scope. */
  set(name: string, value: unknown): void {
    this.#vars.set(name, value);
  }
  /** A nested scope. */
  child(vars: Record<string, unknown> = {}): Scope {
    return new Scope(this, vars);
  }
}

function fail(value: Undefined): never {
  throw new JinjaUndefinedError(value.name);
}

function defined<T>(value: T | Undefined): T {
  if (value instanceof Undefined) fail(value);
  return value as T;
}

/** Python `repr()` of a value, used inside lists and dicts. */
function repr(value: unknown): string {
  if (typeof value === "string") {
    return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'").replaceAll("\n", "\\n")}'`;
  }
  return pyStr(value);
}

/** Python `str()` of a value. */
export function pyStr(value: unknown): string {
  value = defined(value);
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (Array.isArray(value)) return `[${value.map(repr).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value).map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}}`;
  }
  return String(value);
}

/** Python truthiness. */
export function truthy(value: unknown): boolean {
  value = defined(value);
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}

/** Python `json.dumps(sort_keys=True)` plus Jinja's HTML-safe escaping (`tojson`). */
export function toJson(value: unknown, indent?: number, level = 0): string {
  value = defined(value);
  const pad = indent === undefined ? "" : "\n" + " ".repeat(indent * (level + 1));
  const end = indent === undefined ? "" : "\n" + " ".repeat(indent * level);
  const sep = indent === undefined ? ", " : ",";
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    return JSON.stringify(value).replace(
      /[\u007f-\uffff<>&']/g,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  if (typeof value === "number") {
    return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${pad}${value.map((v) => toJson(v, indent, level + 1)).join(sep + pad)}${end}]`;
  }
  const keys = Object.keys(value as object).sort();
  if (keys.length === 0) return "{}";
  const items = keys.map((k) =>
    `${toJson(k)}: ${toJson((value as Record<string, unknown>)[k], indent, level + 1)}`
  );
  return `{${pad}${items.join(sep + pad)}${end}}`;
}

function length(value: unknown): number {
  value = defined(value);
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (value && typeof value === "object") return Object.keys(value).length;
  throw new TypeError(`object of type '${typeof value}' has no len()`);
}

/**
 * Jinja's `indent`: every line but the first (all with `first`) gets the
 * prefix; empty lines only with `blank` (a line of spaces is not empty).
 */
function indent(value: unknown, width: unknown = 4, first = false, blank = false): string {
  const prefix = typeof width === "string" ? width : " ".repeat(Number(width));
  const lines = pyStr(value).split("\n");
  const body = lines.map((line, index) => {
    if (index === 0) return line;
    return blank || line !== "" ? prefix + line : line;
  }).join("\n");
  return first ? prefix + body : body;
}

/** Python's `int(text)`: optional sign, digits (single `_` between them), surrounding whitespace. */
const PY_INT = /^[+-]?\d(?:_?\d)*$/;
/** Python's `float(text)` for finite decimal numbers. */
const PY_FLOAT =
  /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
/** Python's `float()` words for infinities and NaN. */
const PY_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Python's `float(value)`, or undefined where Python raises. */
function pyFloat(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return Number(value);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (PY_FLOAT.test(text)) return Number(text.replaceAll("_", ""));
  const special = PY_SPECIAL.exec(text);
  if (!special) return undefined;
  if (special[2].toLowerCase() === "nan") return NaN;
  return special[1] === "-" ? -Infinity : Infinity;
}

/** Jinja's `int` filter: `int(value)`, else `int(float(value))`, else `fallback`. */
function toInt(value: unknown, fallback: unknown): unknown {
  value = defined(value);
  if (typeof value === "string" && PY_INT.test(value.trim())) {
    return Number(value.trim().replaceAll("_", ""));
  }
  const number = pyFloat(value);
  return number === undefined || !Number.isFinite(number) ? fallback : Math.trunc(number);
}

/** Python's `round(value, digits)`: ties go to the even neighbour. */
function roundHalfEven(value: number, digits: number): number {
  const scale = 10 ** digits;
  const scaled = value * scale;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  const rounded = fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return rounded / scale;
}

/** Jinja's `title`: capitalise each run after a space, `-`, `(`, `{`, `[` or `<`. */
function title(value: unknown): string {
  return pyStr(value)
    .split(/([-\s({[<]+)/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join("");
}

/** The key Jinja sorts and deduplicates by: strings fold case unless `caseSensitive`. */
function foldKey(value: unknown, caseSensitive: boolean): unknown {
  return typeof value === "string" && !caseSensitive ? value.toLowerCase() : value;
}

/** Python's `<` for the values `sort` meets: numbers with numbers, strings with strings. */
function pyCompare(a: unknown, b: unknown): number {
  const numeric = (v: unknown) => typeof v === "number" || typeof v === "boolean";
  if (numeric(a) && numeric(b)) return Number(a) - Number(b);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  throw new TypeError(`'<' not supported between '${pyStr(a)}' and '${pyStr(b)}'`);
}

function toList(value: unknown): unknown[] {
  value = defined(value);
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  if (value && typeof value === "object") return Object.keys(value);
  throw new TypeError(`'${pyStr(value)}' is not iterable`);
}

type Filter = (value: unknown, args: unknown[], kwargs: Record<string, unknown>) => unknown;

const FILTERS: Record<string, Filter> = {
  tojson: (v, a, k) => toJson(v, (k.indent ?? a[0]) as number | undefined),
  length,
  count: length,
  default: (v, a, k) => {
    const fallback = a[0] ?? k.default_value ?? "";
    const boolean = Boolean(a[1] ?? k.boolean);
    if (v instanceof Undefined) return fallback;
    return boolean && !truthy(v) ? fallback : v;
  },
  join: (v, a, k) => toList(v).map(pyStr).join(pyStr(a[0] ?? k.d ?? "")),
  upper: (v) => pyStr(v).toUpperCase(),
  lower: (v) => pyStr(v).toLowerCase(),
  trim: (v) => pyStr(v).trim(),
  indent: (v, a, k) =>
    indent(v, k.width ?? a[0], Boolean(k.first ?? a[1]), Boolean(k.blank ?? a[2])),
  first: (v) => toList(v)[0],
  last: (v) => toList(v).at(-1),
  list: (v) => toList(v),
  string: (v) => pyStr(v),
  int: (v, a, k) => toInt(v, a[0] ?? k.default ?? 0),
  float: (v, a, k) => pyFloat(defined(v)) ?? a[0] ?? k.default ?? 0,
  replace: (v, a, k) => {
    const [text, old, replacement] = [pyStr(v), pyStr(a[0]), pyStr(a[1])];
    const count = a[2] ?? k.count;
    if (count === undefined || count === null) return text.replaceAll(old, replacement);
    const parts = text.split(old);
    const limit = Math.max(0, Number(count));
    return parts.slice(0, limit + 1).join(replacement) +
      (parts.length > limit + 1 ? old + parts.slice(limit + 1).join(old) : "");
  },
  title,
  capitalize: (v) => {
    const text = pyStr(v);
    return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  },
  sort: (v, a, k) => {
    const reverse = truthy(k.reverse ?? a[0] ?? false);
    const caseSensitive = truthy(k.case_sensitive ?? a[1] ?? false);
    const items = [...toList(v)];
    const sorted = items.sort((x, y) =>
      pyCompare(foldKey(x, caseSensitive), foldKey(y, caseSensitive))
    );
    return reverse ? sorted.reverse() : sorted;
  },
  reverse: (v) => typeof v === "string" ? [...v].reverse().join("") : [...toList(v)].reverse(),
  unique: (v, a, k) => {
    const caseSensitive = truthy(k.case_sensitive ?? a[0] ?? false);
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const item of toList(v)) {
      const key = foldKey(item, caseSensitive);
      if (seen.some((other) => equals(other, key))) continue;
      seen.push(key);
      out.push(item);
    }
    return out;
  },
  abs: (v) => Math.abs(runtime.num(v)),
  round: (v, a, k) => {
    const digits = Number(a[0] ?? k.precision ?? 0);
    const how = pyStr(a[1] ?? k.method ?? "common");
    const value = runtime.num(v);
    if (how === "common") return roundHalfEven(value, digits);
    if (how !== "floor" && how !== "ceil") {
      throw new TypeError("round method must be common, ceil or floor");
    }
    const scale = 10 ** digits;
    return (how === "floor" ? Math.floor(value * scale) : Math.ceil(value * scale)) / scale;
  },
  sum: (v, _args, k) =>
    toList(v).reduce((acc: number, item) => acc + runtime.num(item), runtime.num(k.start ?? 0)),
  wordcount: (v) => pyStr(v).match(/\w+/gu)?.length ?? 0,
};

const TESTS: Record<string, (value: unknown, args: unknown[]) => boolean> = {
  defined: (v) => !(v instanceof Undefined),
  undefined: (v) => v instanceof Undefined,
  none: (v) => defined(v) === null,
  string: (v) => typeof defined(v) === "string",
  // Python's bool is an int, so Jinja counts True and False as numbers.
  number: (v) => ["number", "boolean"].includes(typeof defined(v)),
  integer: (v) => Number.isInteger(defined(v)),
  boolean: (v) => typeof defined(v) === "boolean",
  true: (v) => defined(v) === true,
  false: (v) => defined(v) === false,
  mapping: (v) => {
    const value = defined(v);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  },
  iterable: (v) => {
    const value = defined(v);
    return typeof value === "string" || (typeof value === "object" && value !== null);
  },
  // Anything with a length and items: strings, lists and mappings.
  sequence: (v) => {
    const value = defined(v);
    return typeof value === "string" || (typeof value === "object" && value !== null);
  },
  even: (v) => Number(defined(v)) % 2 === 0,
  odd: (v) => Math.abs(Number(defined(v)) % 2) === 1,
  divisibleby: (v, a) => Number(defined(v)) % Number(a[0]) === 0,
  eq: (v, a) => equals(v, a[0]),
  equalto: (v, a) => equals(v, a[0]),
  in: (v, a) => contains(a[0], v),
};

function equals(a: unknown, b: unknown): boolean {
  return JSON.stringify(defined(a)) === JSON.stringify(defined(b));
}

function contains(container: unknown, item: unknown): boolean {
  container = defined(container);
  if (typeof container === "string") return container.includes(pyStr(item));
  if (Array.isArray(container)) return container.some((entry) => equals(entry, item));
  if (container && typeof container === "object") return Object.hasOwn(container, pyStr(item));
  throw new TypeError(`argument of type '${typeof container}' is not iterable`);
}

function method(target: unknown, name: string): unknown {
  if (typeof target === "string") {
    const methods: Record<string, (...args: unknown[]) => unknown> = {
      upper: () => target.toUpperCase(),
      lower: () => target.toLowerCase(),
      strip: () => target.trim(),
      lstrip: () => target.trimStart(),
      rstrip: () => target.trimEnd(),
      split: (sep) =>
        sep === undefined ? target.split(/\s+/).filter(Boolean) : target.split(String(sep)),
      startswith: (p) => target.startsWith(String(p)),
      endswith: (p) => target.endsWith(String(p)),
      replace: (a, b) => target.replaceAll(String(a), String(b)),
      join: (items) => toList(items).map(pyStr).join(target),
    };
    return methods[name];
  }
  if (target && typeof target === "object" && !Array.isArray(target)) {
    const record = target as Record<string, unknown>;
    const methods: Record<string, (...args: unknown[]) => unknown> = {
      items: () => Object.entries(record),
      keys: () => Object.keys(record),
      values: () => Object.values(record),
      get: (key, fallback = null) =>
        Object.hasOwn(record, String(key)) ? record[String(key)] : fallback,
    };
    return methods[name];
  }
  return undefined;
}

/** Loop state exposed as `loop` inside `{% for %}` bodies. */
export interface LoopInfo {
  item: unknown;
  index: number;
  index0: number;
  first: boolean;
  last: boolean;
  length: number;
  revindex: number;
  revindex0: number;
}

/** The divisor `value`, which Python refuses to divide by when zero. */
function nonZero(value: unknown): number {
  const divisor = runtime.num(value);
  if (divisor === 0) throw new TypeError("division by zero");
  return divisor;
}

/** Everything the generated code calls, bound to one render. */
export const runtime = {
  truthy,
  str: pyStr,
  out(value: unknown): string {
    return pyStr(value);
  },
  and(left: unknown, right: () => unknown): unknown {
    return truthy(left) ? right() : left;
  },
  or(left: unknown, right: () => unknown): unknown {
    return truthy(left) ? left : right();
  },
  num(value: unknown): number {
    const v = defined(value);
    if (typeof v !== "number" && typeof v !== "boolean") {
      throw new TypeError(`unsupported operand: '${pyStr(v)}' is not a number`);
    }
    return Number(v);
  },
  add(a: unknown, b: unknown): unknown {
    const x = defined(a);
    const y = defined(b);
    if (typeof x === "string" && typeof y === "string") return x + y;
    if (Array.isArray(x) && Array.isArray(y)) return [...x, ...y];
    return runtime.num(x) + runtime.num(y);
  },
  mul(a: unknown, b: unknown): unknown {
    const x = defined(a);
    if (typeof x === "string") return x.repeat(runtime.num(b));
    return runtime.num(x) * runtime.num(b);
  },
  mod(a: unknown, b: unknown): number {
    const x = runtime.num(a);
    const y = nonZero(b);
    return ((x % y) + y) % y;
  },
  div(a: unknown, b: unknown): number {
    return runtime.num(a) / nonZero(b);
  },
  floordiv(a: unknown, b: unknown): number {
    return Math.floor(runtime.num(a) / nonZero(b));
  },
  cmp(op: string, a: unknown, b: unknown): boolean {
    if (op === "==") return !(a instanceof Undefined) && !(b instanceof Undefined) && equals(a, b);
    if (op === "!=") return !runtime.cmp("==", a, b);
    const x = defined(a) as number | string;
    const y = defined(b) as number | string;
    if (op === "<") return x < y;
    if (op === ">") return x > y;
    if (op === "<=") return x <= y;
    return x >= y;
  },
  contains,
  /** A comparison chain: every link holds (`a < b < c`), each operand evaluated once, lazily. */
  compare(first: unknown, links: [string, () => unknown][]): boolean {
    let left = first;
    for (const [op, next] of links) {
      const right = next();
      const holds = op === "in"
        ? contains(right, left)
        : op === "not in"
        ? !contains(right, left)
        : runtime.cmp(op, left, right);
      if (!holds) return false;
      left = right;
    }
    return true;
  },
  attr(target: unknown, name: string): unknown {
    const value = defined(target);
    if (value !== null && typeof value === "object" && Object.hasOwn(value, name)) {
      return (value as Record<string, unknown>)[name];
    }
    const bound = method(value, name);
    if (bound !== undefined) return bound;
    const base = target instanceof Undefined ? target.name : pyStr(value);
    return new Undefined(`${base.length > 40 ? "value" : base}.${name}`);
  },
  item(target: unknown, key: unknown): unknown {
    const value = defined(target);
    if (Array.isArray(value) || typeof value === "string") {
      const index = runtime.num(key);
      const resolved = value.at(index);
      return resolved === undefined ? new Undefined(`[${index}]`) : resolved;
    }
    if (value !== null && typeof value === "object") {
      const k = pyStr(key);
      return Object.hasOwn(value, k)
        ? (value as Record<string, unknown>)[k]
        : new Undefined(`[${repr(k)}]`);
    }
    return new Undefined(`[${repr(key)}]`);
  },
  slice(target: unknown, start: unknown, end: unknown): unknown {
    const value = defined(target);
    if (typeof value === "string" || Array.isArray(value)) {
      return value.slice(start as number | undefined, end as number | undefined);
    }
    throw new TypeError(`'${pyStr(value)}' cannot be sliced`);
  },
  call(fn: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
    const f = defined(fn);
    if (typeof f !== "function") throw new TypeError(`'${pyStr(f)}' is not callable`);
    return Object.keys(kwargs).length ? f(...args, kwargs) : f(...args);
  },
  dict(entries: [unknown, unknown][]): Record<string, unknown> {
    return Object.fromEntries(entries.map(([k, v]) => [pyStr(k), v]));
  },
  filter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
    const filter = FILTERS[name];
    if (!filter) throw new TypeError(`no filter named '${name}'`);
    return filter(value, args, kwargs);
  },
  test(name: string, value: unknown, args: unknown[]): boolean {
    const test = TESTS[name];
    if (!test) throw new TypeError(`no test named '${name}'`);
    return test(value, args);
  },
  *loop(iterable: unknown, targets: number): Generator<LoopInfo> {
    const items = toList(iterable).map((item) =>
      targets > 1 && !Array.isArray(item) && item && typeof item === "object"
        ? Object.values(item)
        : item
    );
    for (let index = 0; index < items.length; index++) {
      yield {
        item: items[index],
        index: index + 1,
        index0: index,
        first: index === 0,
        last: index === items.length - 1,
        length: items.length,
        revindex: items.length - index,
        revindex0: items.length - index - 1,
      };
    }
  },
  unpack(item: unknown, names: string[]): Record<string, unknown> {
    if (names.length === 1) return { [names[0]]: item };
    const values = toList(item);
    if (values.length !== names.length) {
      throw new TypeError(`cannot unpack ${values.length} values into ${names.length} names`);
    }
    return Object.fromEntries(names.map((name, i) => [name, values[i]]));
  },
};

/** The names of the filters templates may use (for docs and diagnostics). */
export const FILTER_NAMES: readonly string[] = Object.keys(FILTERS);
