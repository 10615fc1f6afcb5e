/**
 * Jinja template syntax translated into a Vento template.
 *
 * Vento renders the result; this module maps the Jinja statements existing
 * xprompt files use (`if/elif/else`, `for … in …` with `loop`, `set`, `raw`,
 * comments, `-` whitespace control) onto Vento tags and `{{> js }}` blocks.
 * Every expression goes through `expr.ts`, so variables are read from an
 * explicit scope chain and undefined names fail loudly.
 *
 * @module
 */

import { JinjaSyntaxError, translateExpression, translateForHeader, translateSet } from "./expr.ts";

interface Piece {
  kind: "text" | "expr" | "stmt";
  body: string;
}

/** Whether a body uses Jinja syntax (otherwise legacy `{N}` placeholders apply). */
export function isJinjaTemplate(content: string): boolean {
  return /\{\{[\s\S]*?\}\}/.test(content) || /\{%[\s\S]*?%\}/.test(content) ||
    /\{#[\s\S]*?#\}/.test(content);
}

/** Index of `closer`, skipping quoted strings inside the tag. */
function findCloser(source: string, from: number, closer: string): number {
  let quote = "";
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (source.startsWith(closer, i)) return i;
  }
  return -1;
}

function lex(source: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  let text = "";
  let stripNext = false;
  const pushText = (value: string) => {
    text += stripNext ? value.replace(/^\s+/, "") : value;
    stripNext = false;
  };
  while (i < source.length) {
    const open = source.slice(i).search(/\{[{%#]/);
    if (open < 0) {
      pushText(source.slice(i));
      break;
    }
    pushText(source.slice(i, i + open));
    const start = i + open;
    const kind = source[start + 1];
    const closer = kind === "{" ? "}}" : kind === "%" ? "%}" : "#}";
    const close = kind === "#"
      ? source.indexOf(closer, start + 2)
      : findCloser(source, start + 2, closer);
    if (close < 0) throw new JinjaSyntaxError(`unclosed '{${kind}' tag`);
    let inner = source.slice(start + 2, close);
    if (inner.startsWith("-")) {
      text = text.replace(/\s+$/, "");
      inner = inner.slice(1);
    } else if (inner.startsWith("+")) inner = inner.slice(1);
    let trimAfter = false;
    if (inner.endsWith("-")) {
      trimAfter = true;
      inner = inner.slice(0, -1);
    } else if (inner.endsWith("+")) inner = inner.slice(0, -1);
    i = close + 2;
    if (kind === "%" && /^\s*raw\s*$/.test(inner)) {
      const end = /\{%-?\s*endraw\s*-?%\}/.exec(source.slice(i));
      if (!end) throw new JinjaSyntaxError("'raw' block without 'endraw'");
      text += source.slice(i, i + end.index);
      i += end.index + end[0].length;
    } else if (kind !== "#") {
      if (text) pieces.push({ kind: "text", body: text });
      text = "";
      pieces.push({ kind: kind === "{" ? "expr" : "stmt", body: inner.trim() });
    }
    stripNext = trimAfter;
  }
  if (text) pieces.push({ kind: "text", body: text });
  return pieces;
}

interface Block {
  kind: "if" | "for";
  scope: string;
}

/** Translate Jinja source into Vento source reading data from `__d`. */
export function jinjaToVento(source: string): string {
  const body = source.endsWith("\r\n") ? source.slice(0, -2) : source.replace(/\n$/, "");
  const out: string[] = ["{{> const __rt = __d.rt; const __s0 = __d.scope; }}"];
  const blocks: Block[] = [];
  let counter = 0;
  const scope = () => blocks.findLast((block) => block.kind === "for")?.scope ?? "__s0";
  for (const piece of lex(body)) {
    if (piece.kind === "text") {
      out.push(piece.body.includes("{{") ? `{{ ${JSON.stringify(piece.body)} }}` : piece.body);
      continue;
    }
    if (piece.kind === "expr") {
      out.push(`{{ __rt.out(${translateExpression(piece.body, scope())}) }}`);
      continue;
    }
    const [, keyword, rest] = /^(\w+)\s*([\s\S]*)$/.exec(piece.body) ?? [];
    switch (keyword) {
      case "if":
        blocks.push({ kind: "if", scope: scope() });
        out.push(`{{ if __rt.truthy(${translateExpression(rest, scope())}) }}`);
        break;
      case "elif":
        if (blocks.at(-1)?.kind !== "if") throw new JinjaSyntaxError("'elif' outside 'if'");
        out.push(`{{ else if __rt.truthy(${translateExpression(rest, scope())}) }}`);
        break;
      case "else":
        if (blocks.at(-1)?.kind !== "if") {
          throw new JinjaSyntaxError("'else' is only supported inside 'if'");
        }
        out.push("{{ else }}");
        break;
      case "endif":
        if (blocks.pop()?.kind !== "if") throw new JinjaSyntaxError("'endif' without 'if'");
        out.push("{{ /if }}");
        break;
      case "for": {
        const header = translateForHeader(rest, scope());
        const id = ++counter;
        const parent = scope();
        blocks.push({ kind: "for", scope: `__s${id}` });
        out.push(
          `{{ for __l${id} of __rt.loop(${header.iterable}, ${header.targets.length}) }}` +
            `{{> const __s${id} = ${parent}.child({ ...__rt.unpack(__l${id}.item, ${
              JSON.stringify(header.targets)
            }), loop: __l${id} }); }}`,
        );
        break;
      }
      case "endfor":
        if (blocks.pop()?.kind !== "for") throw new JinjaSyntaxError("'endfor' without 'for'");
        out.push("{{ /for }}");
        break;
      case "set": {
        const { name, value } = translateSet(rest, scope());
        out.push(`{{> ${scope()}.set(${JSON.stringify(name)}, ${value}); }}`);
        break;
      }
      default:
        throw new JinjaSyntaxError(`unsupported statement '{% ${piece.body} %}'`);
    }
  }
  if (blocks.length) throw new JinjaSyntaxError(`unclosed '${blocks.at(-1)!.kind}' block`);
  return out.join("");
}
