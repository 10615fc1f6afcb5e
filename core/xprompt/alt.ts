/**
 * `%alt` fan-out: `%{A | B}`, `%alt(A, B)`, legacy `%(A, B)` and the
 * multi-model `%m(a, b)` (≡ `%alt(%model:a, %model:b)`).
 *
 * Each branch replaces the directive span in its own variant prompt. Named
 * branches (`id=value`) give the child-name suffix; unnamed ones get numbers
 * that skip numeric ids already used. Directives sharing an id are zipped
 * (a missing id renders empty); everything else forms a Cartesian product.
 * A single branch means "with and without".
 *
 * @module
 */

import { findMatchingParen, processTextBlock } from "./args.ts";
import { type BracketSyntax, findClosing, splitTopLevel } from "./brackets.ts";
import { providerShortName, resolveModel } from "./models.ts";
import { protectFences, restore } from "./protect.ts";

interface Branch {
  id: string;
  value: string;
}

interface AltDirective {
  start: number;
  end: number;
  branches: Branch[];
  named: boolean;
}

/** One variant prompt and its name suffix parts. */
export interface Variant {
  text: string;
  suffixes: string[];
}

/**
 * How `%alt` bodies split: backticks quote (no escapes), `[[text blocks]]`
 * are opaque, and all three bracket kinds nest, so `|` or `,` inside a
 * nested reference or list stays in its branch.
 */
export const ALT_SYNTAX: BracketSyntax = {
  quotes: "`",
  escapes: false,
  open: "([{",
  close: ")]}",
  blocks: true,
};

/**
 * How the `}` closing `%{...}` is found: backticks quote and only braces
 * nest (a stray parenthesis in a branch does not hide the closing brace).
 */
export const ALT_BRACE_SYNTAX: BracketSyntax = {
  quotes: "`",
  escapes: false,
  open: "{",
  close: "}",
  blocks: false,
};

function modelSuffixes(models: string[]): string[] {
  const resolved = models.map(resolveModel);
  const shorts = resolved.map((model) => providerShortName(model.provider));
  const clean = (model: string) => model.toLowerCase().replace(/[^a-z0-9.]+/g, "");
  return shorts.map((short, i) =>
    shorts.filter((other) => other === short).length > 1
      ? `${short}-${clean(resolved[i].model)}`
      : short
  );
}

function toBranches(raw: string[]): { branches: Branch[]; named: boolean } {
  const parsed = raw.map((part) => {
    const named = /^([A-Za-z0-9_-]+)=(?!=)([\s\S]*)$/.exec(part);
    return named
      ? { id: named[1], value: processTextBlock(named[2].trim()) }
      : { id: "", value: processTextBlock(part) };
  });
  if (parsed.length === 1 && !parsed[0].id) parsed.push({ id: "", value: "" });
  const used = new Set(parsed.map((branch) => branch.id).filter(Boolean));
  let next = 1;
  for (const branch of parsed) {
    if (branch.id) continue;
    const model = /^%(?:model|m):(\S+)$/.exec(branch.value);
    if (model) {
      const resolved = resolveModel(model[1]);
      branch.id = `${providerShortName(resolved.provider)}_${resolved.model}`;
      continue;
    }
    while (used.has(String(next))) next++;
    branch.id = String(next);
    used.add(branch.id);
  }
  return { branches: parsed, named: parsed.some((_b, i) => /^[A-Za-z0-9_-]+=/.test(raw[i] ?? "")) };
}

const START = /(?<=^|[\s(\[{])%(alt|model|m)?([({])/g;

function findAlts(text: string): AltDirective[] {
  const found: AltDirective[] = [];
  START.lastIndex = 0;
  for (let match = START.exec(text); match; match = START.exec(text)) {
    const open = match.index + match[0].length - 1;
    const brace = match[2] === "{";
    if (brace && match[1]) continue;
    const close = brace ? findClosing(text, open, ALT_BRACE_SYNTAX) : findMatchingParen(text, open);
    if (close < 0) continue;
    const body = text.slice(open + 1, close);
    const isModel = match[1] === "model" || match[1] === "m";
    if (isModel) {
      const models = splitTopLevel(body, ",", ALT_SYNTAX).filter(Boolean);
      if (models.length < 2) continue;
      const suffixes = modelSuffixes(models);
      found.push({
        start: match.index,
        end: close + 1,
        branches: models.map((model, i) => ({ id: suffixes[i], value: `%model:${model}` })),
        named: false,
      });
    } else {
      found.push({
        start: match.index,
        end: close + 1,
        ...toBranches(splitTopLevel(body, brace ? "|" : ",", ALT_SYNTAX)),
      });
    }
    START.lastIndex = close + 1;
  }
  return found;
}

/** Groups of directive indexes whose named ids overlap (zipped together). */
function correlate(alts: AltDirective[]): number[][] {
  const parent = alts.map((_a, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < alts.length; i++) {
    for (let j = i + 1; j < alts.length; j++) {
      if (!alts[i].named || !alts[j].named) continue;
      const ids = new Set(alts[i].branches.map((b) => b.id));
      if (alts[j].branches.some((b) => ids.has(b.id))) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  alts.forEach((_a, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return [...groups.values()];
}

function render(text: string, alts: AltDirective[], values: string[]): string {
  let out = text;
  for (let i = alts.length - 1; i >= 0; i--) {
    const { start, end } = alts[i];
    if (values[i] !== "") {
      out = out.slice(0, start) + values[i] + out.slice(end);
      continue;
    }
    let left = start;
    let right = end;
    while (left > 0 && (out[left - 1] === " " || out[left - 1] === "\t")) left--;
    while (right < out.length && (out[right] === " " || out[right] === "\t")) right++;
    const before = out[left - 1];
    const after = out[right];
    const needsSpace = left > 0 && before !== "\n" && after !== undefined &&
      /[\w#%@`"'([{]/.test(after);
    out = out.slice(0, left) + (needsSpace ? " " : "") + out.slice(right);
  }
  return out;
}

function rewriteName(text: string, suffix: string): string {
  return text.replace(
    /(?<=^|\s)%(?:name|n):(?!!)(\S+)/,
    (_m, name: string) => `%name:${name}.${suffix}`,
  );
}

/** Expand every alt directive of `text` into variants (one variant when there are none). */
export function expandAlternatives(text: string): Variant[] {
  const saved: string[] = [];
  const guarded = protectFences(text, saved);
  const alts = findAlts(guarded);
  if (alts.length === 0) return [{ text, suffixes: [] }];
  let combos: { values: string[]; suffixes: string[] }[] = [{
    values: alts.map(() => ""),
    suffixes: [],
  }];
  for (const group of correlate(alts)) {
    const ids = [...new Set(group.flatMap((i) => alts[i].branches.map((b) => b.id)))];
    const options = ids.map((id) => ({
      id,
      picks: group.map((i) => [i, alts[i].branches.find((b) => b.id === id)?.value ?? ""] as const),
    }));
    combos = combos.flatMap((combo) =>
      options.map((option) => {
        const values = [...combo.values];
        for (const [i, value] of option.picks) values[i] = value;
        return { values, suffixes: [...combo.suffixes, option.id] };
      })
    );
  }
  return combos.map((combo) => {
    const suffix = combo.suffixes.join(".");
    return {
      text: restore(rewriteName(render(guarded, alts, combo.values), suffix), saved),
      suffixes: combo.suffixes,
    };
  });
}
