/**
 * Agent names planned at launch: the shared auto-name sequence
 * (`0…9, a…z, 00, …`), `@` name templates, `.fN` fork-derived and `.wN`
 * wait-derived names and the "lowest free numeric suffix" suggestion for a
 * taken name.
 *
 * @module
 */

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** The n-th token of the auto-name sequence (0 → "0", 36 → "00"). */
export function autoNameToken(index: number): string {
  let length = 1;
  let span = ALPHABET.length;
  while (index >= span) {
    index -= span;
    length++;
    span = ALPHABET.length ** length;
  }
  let token = "";
  for (let i = 0; i < length; i++) {
    token = ALPHABET[index % ALPHABET.length] + token;
    index = Math.floor(index / ALPHABET.length);
  }
  return token;
}

/** First `template` rendering (one `@` replaced by a token) not in `taken`. */
export function allocateTemplate(template: string, taken: ReadonlySet<string>): string {
  for (let index = 0;; index++) {
    const name = template.replace("@", autoNameToken(index));
    if (!taken.has(name)) return name;
  }
}

/** First `<wait>.w<N>` not in `taken`. */
export function allocateWaitName(wait: string, taken: ReadonlySet<string>): string {
  for (let n = 1;; n++) if (!taken.has(`${wait}.w${n}`)) return `${wait}.w${n}`;
}

/** First `<source>.f<N>` not in `taken` (the name of an agent forked from `source`). */
export function allocateForkName(source: string, taken: ReadonlySet<string>): string {
  for (let n = 1;; n++) if (!taken.has(`${source}.f${n}`)) return `${source}.f${n}`;
}

/** Lowest free `<name><N>` (suggested when `name` is taken). */
export function suggestFreeName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 1;; n++) if (!taken.has(`${name}${n}`)) return `${name}${n}`;
}

/** The `agents[...]` key of a name template: `build-@` → `build`, `research.@.final` → `research.final`. */
export function templateBase(template: string): string {
  return template.replace(/[-.]?@/, "").replace(/^[-.]/, "");
}
