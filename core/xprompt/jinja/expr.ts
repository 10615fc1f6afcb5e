/**
 * Jinja expression syntax translated to JavaScript.
 *
 * Existing xprompt files use Jinja expressions (`a and not b`, `x is defined`,
 * `xs | join(", ")`, `agents["build"].path`, `"y" if c else "n"`). Vento
 * evaluates plain JavaScript, so each expression is parsed here and emitted as
 * JS that calls the small runtime in `runtime.ts` for every operation whose
 * Python semantics differ from JS (truthiness, `in`, `+`, strict undefined).
 *
 * @module
 */

/** A Jinja expression could not be parsed. */
export class JinjaSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JinjaSyntaxError";
  }
}

type TokenKind = "name" | "number" | "string" | "op" | "eof";
interface Token {
  kind: TokenKind;
  value: string;
}

const OPERATORS = [
  "**",
  "//",
  "==",
  "!=",
  "<=",
  ">=",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ".",
  ":",
  "|",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "~",
  "=",
];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: "name", value: match[0] });
      i += match[0].length;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const match = /^[0-9][0-9_]*(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ kind: "number", value: match[0].replaceAll("_", "") });
      i += match[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== ch) {
        if (source[j] === "\\" && j + 1 < source.length) {
          const next = source[j + 1];
          const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\" };
          text += escapes[next] ?? (next === ch ? ch : `\\${next}`);
          j += 2;
          continue;
        }
        text += source[j++];
      }
      if (j >= source.length) throw new JinjaSyntaxError(`unterminated string in '${source}'`);
      tokens.push({ kind: "string", value: text });
      i = j + 1;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) throw new JinjaSyntaxError(`unexpected character '${ch}' in '${source}'`);
    tokens.push({ kind: "op", value: op });
    i += op.length;
  }
  tokens.push({ kind: "eof", value: "" });
  return tokens;
}

/** Emits JS for one expression; `scope` is the JS name of the current variable scope. */
class Parser {
  #tokens: Token[];
  #pos = 0;
  constructor(source: string, private readonly scope: string) {
    this.#tokens = tokenize(source);
  }

  get atEnd(): boolean {
    return this.#peek().kind === "eof";
  }

  #peek(offset = 0): Token {
    return this.#tokens[Math.min(this.#pos + offset, this.#tokens.length - 1)];
  }
  #next(): Token {
    return this.#tokens[this.#pos++];
  }
  #isOp(value: string): boolean {
    const token = this.#peek();
    return token.kind === "op" && token.value === value;
  }
  #isName(value: string): boolean {
    const token = this.#peek();
    return token.kind === "name" && token.value === value;
  }
  expectOp(value: string): void {
    if (!this.#isOp(value)) {
      throw new JinjaSyntaxError(`expected '${value}', got '${this.#peek().value || "end"}'`);
    }
    this.#pos++;
  }
  expectName(): string {
    const token = this.#next();
    if (token.kind !== "name") throw new JinjaSyntaxError(`expected a name, got '${token.value}'`);
    return token.value;
  }
  acceptName(value: string): boolean {
    if (!this.#isName(value)) return false;
    this.#pos++;
    return true;
  }
  acceptOp(value: string): boolean {
    if (!this.#isOp(value)) return false;
    this.#pos++;
    return true;
  }

  /** Full expression incl. `a if c else b` and bare tuples are not supported. */
  expression(): string {
    const value = this.#or();
    if (this.#isName("if")) {
      this.#pos++;
      const condition = this.#or();
      const otherwise = this.acceptName("else") ? this.expression() : '""';
      return `(__rt.truthy(${condition}) ? ${value} : ${otherwise})`;
    }
    return value;
  }
  #or(): string {
    let left = this.#and();
    while (this.acceptName("or")) left = `__rt.or(${left}, () => ${this.#and()})`;
    return left;
  }
  #and(): string {
    let left = this.#not();
    while (this.acceptName("and")) left = `__rt.and(${left}, () => ${this.#not()})`;
    return left;
  }
  #not(): string {
    if (this.acceptName("not")) return `!__rt.truthy(${this.#not()})`;
    return this.#compare();
  }
  /**
   * Comparisons chain as in Python: `a < b < c` is `a < b and b < c`, each
   * operand evaluated once (held in the array the runtime walks).
   */
  #compare(): string {
    const first = this.#math1();
    const links: string[] = [];
    for (;;) {
      const token = this.#peek();
      if (token.kind === "op" && ["==", "!=", "<", ">", "<=", ">="].includes(token.value)) {
        this.#pos++;
        links.push(`[${JSON.stringify(token.value)}, () => ${this.#math1()}]`);
      } else if (this.acceptName("in")) {
        links.push(`["in", () => ${this.#math1()}]`);
      } else if (this.#isName("not") && this.#peek(1).value === "in") {
        this.#pos += 2;
        links.push(`["not in", () => ${this.#math1()}]`);
      } else break;
    }
    return links.length ? `__rt.compare(${first}, [${links.join(", ")}])` : first;
  }
  #math1(): string {
    let left = this.#concat();
    for (;;) {
      if (this.acceptOp("+")) left = `__rt.add(${left}, ${this.#concat()})`;
      else if (this.acceptOp("-")) left = `__rt.num(${left}) - __rt.num(${this.#concat()})`;
      else return left;
    }
  }
  #concat(): string {
    let left = this.#math2();
    while (this.acceptOp("~")) left = `(__rt.str(${left}) + __rt.str(${this.#math2()}))`;
    return left;
  }
  #math2(): string {
    let left = this.#pow();
    for (;;) {
      if (this.acceptOp("*")) left = `__rt.mul(${left}, ${this.#pow()})`;
      else if (this.acceptOp("//")) left = `__rt.floordiv(${left}, ${this.#pow()})`;
      else if (this.acceptOp("/")) left = `__rt.div(${left}, ${this.#pow()})`;
      else if (this.acceptOp("%")) left = `__rt.mod(${left}, ${this.#pow()})`;
      else return left;
    }
  }
  /** `**` groups to the left in Jinja: `2 ** 3 ** 2` is 64. */
  #pow(): string {
    let left = this.#unary();
    while (this.acceptOp("**")) left = `(__rt.num(${left}) ** __rt.num(${this.#unary()}))`;
    return left;
  }
  /** A sign binds tighter than filters and tests: `-3 | abs` is `abs(-3)`. */
  #unary(withFilters = true): string {
    let value: string;
    if (this.acceptOp("-")) value = `(-__rt.num(${this.#unary(false)}))`;
    else if (this.acceptOp("+")) value = `__rt.num(${this.#unary(false)})`;
    else value = this.#postfix(this.#primary());
    return withFilters ? this.#filters(value) : value;
  }
  #filters(value: string): string {
    for (;;) {
      if (this.acceptOp("|")) {
        const name = this.#dottedName();
        const [args, kwargs] = this.#isOp("(") ? this.#callArgs() : ["[]", "{}"];
        value = `__rt.filter(${JSON.stringify(name)}, ${value}, ${args}, ${kwargs})`;
      } else if (this.acceptName("is")) {
        const negate = this.acceptName("not");
        const name = this.expectName();
        let args = "[]";
        if (this.#isOp("(")) args = this.#callArgs()[0];
        else if (this.#startsTestArgument()) args = `[${this.#postfix(this.#primary())}]`;
        const test = `__rt.test(${JSON.stringify(name)}, ${value}, ${args})`;
        value = negate ? `!${test}` : test;
      } else return value;
    }
  }
  /** Whether a test's single argument follows without parentheses (`x is in xs`). */
  #startsTestArgument(): boolean {
    const token = this.#peek();
    if (token.kind === "number" || token.kind === "string") return true;
    if (token.kind === "op") return token.value === "[" || token.value === "{";
    return token.kind === "name" && !["else", "or", "and", "if"].includes(token.value);
  }
  #dottedName(): string {
    let name = this.expectName();
    while (this.acceptOp(".")) name += `.${this.expectName()}`;
    return name;
  }
  #postfix(value: string): string {
    for (;;) {
      if (this.acceptOp(".")) {
        const token = this.#next();
        if (token.kind !== "name" && token.kind !== "number") {
          throw new JinjaSyntaxError(`expected an attribute name after '.'`);
        }
        value = `__rt.attr(${value}, ${JSON.stringify(token.value)})`;
      } else if (this.acceptOp("[")) {
        const start = this.#isOp(":") ? "undefined" : this.expression();
        if (this.acceptOp(":")) {
          const end = this.#isOp("]") ? "undefined" : this.expression();
          this.expectOp("]");
          value = `__rt.slice(${value}, ${start}, ${end})`;
        } else {
          this.expectOp("]");
          value = `__rt.item(${value}, ${start})`;
        }
      } else if (this.#isOp("(")) {
        const [args, kwargs] = this.#callArgs();
        value = `__rt.call(${value}, ${args}, ${kwargs})`;
      } else return value;
    }
  }
  #callArgs(): [string, string] {
    this.expectOp("(");
    const args: string[] = [];
    const kwargs: string[] = [];
    while (!this.#isOp(")")) {
      if (this.#peek().kind === "name" && this.#peek(1).value === "=") {
        const key = this.expectName();
        this.expectOp("=");
        kwargs.push(`${JSON.stringify(key)}: ${this.expression()}`);
      } else args.push(this.expression());
      if (!this.acceptOp(",")) break;
    }
    this.expectOp(")");
    return [`[${args.join(", ")}]`, `{${kwargs.join(", ")}}`];
  }
  #primary(): string {
    const token = this.#next();
    if (token.kind === "number") return token.value;
    if (token.kind === "string") {
      let text = token.value;
      while (this.#peek().kind === "string") text += this.#next().value;
      return JSON.stringify(text);
    }
    if (token.kind === "name") {
      switch (token.value) {
        case "true":
        case "True":
          return "true";
        case "false":
        case "False":
          return "false";
        case "none":
        case "None":
          return "null";
      }
      return `${this.scope}.get(${JSON.stringify(token.value)})`;
    }
    if (token.kind === "op" && token.value === "(") {
      const first = this.expression();
      if (this.acceptOp(")")) return `(${first})`;
      const items = [first];
      while (this.acceptOp(",") && !this.#isOp(")")) items.push(this.expression());
      this.expectOp(")");
      return `[${items.join(", ")}]`;
    }
    if (token.kind === "op" && token.value === "[") {
      const items: string[] = [];
      while (!this.#isOp("]")) {
        items.push(this.expression());
        if (!this.acceptOp(",")) break;
      }
      this.expectOp("]");
      return `[${items.join(", ")}]`;
    }
    if (token.kind === "op" && token.value === "{") {
      const entries: string[] = [];
      while (!this.#isOp("}")) {
        const key = this.expression();
        this.expectOp(":");
        entries.push(`[${key}, ${this.expression()}]`);
        if (!this.acceptOp(",")) break;
      }
      this.expectOp("}");
      return `__rt.dict([${entries.join(", ")}])`;
    }
    throw new JinjaSyntaxError(`unexpected '${token.value || "end of expression"}'`);
  }
}

/** Translate one Jinja expression to JS reading variables from `scope`. */
export function translateExpression(source: string, scope: string): string {
  const parser = new Parser(source, scope);
  const js = parser.expression();
  if (!parser.atEnd) throw new JinjaSyntaxError(`unexpected text in expression '${source}'`);
  return js;
}

/** The parts of a `{% for targets in iterable %}` header. */
export interface ForHeader {
  targets: string[];
  iterable: string;
}

/** Parse `x in xs` / `k, v in d.items()` (JS for the iterable). */
export function translateForHeader(source: string, scope: string): ForHeader {
  const parser = new Parser(source, scope);
  const targets = [parser.expectName()];
  while (parser.acceptOp(",")) targets.push(parser.expectName());
  if (!parser.acceptName("in")) throw new JinjaSyntaxError(`expected 'in' in for loop '${source}'`);
  const iterable = parser.expression();
  if (!parser.atEnd) throw new JinjaSyntaxError(`unexpected text in for loop '${source}'`);
  return { targets, iterable };
}

/** Parse `name = expr` of a `{% set %}` statement. */
export function translateSet(source: string, scope: string): { name: string; value: string } {
  const parser = new Parser(source, scope);
  const name = parser.expectName();
  parser.expectOp("=");
  const value = parser.expression();
  if (!parser.atEnd) throw new JinjaSyntaxError(`unexpected text in set '${source}'`);
  return { name, value };
}
