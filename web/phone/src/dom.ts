/**
 * Building the page without HTML strings: every element is created with
 * `document.createElement` and every piece of text goes in as a text node,
 * so text written by agents (notes, plans, diffs, prompts) can never become
 * markup. Nothing in the app assigns `innerHTML`.
 *
 * @module
 */

/** What may be a child: an element, text, or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes and handlers of {@linkcode h}. */
export interface Props {
  class?: string;
  /** Event handlers by event name (`click`, `submit`, ...). */
  on?: Record<string, (event: Event) => void>;
  [attribute: string]: unknown;
}

/** An element `tag` with `props` and `children` (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key === "on") {
      for (const [name, handler] of Object.entries(value as Record<string, EventListener>)) {
        element.addEventListener(name, handler);
      }
    } else if (value === true) element.setAttribute(key, "");
    else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(key, String(value));
    }
  }
  append(element, children);
  return element;
}

/** Append `children` to `parent`, strings as text nodes. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace everything in `parent` with `children`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A short local time for a timestamp (`14:05`, or `Mar 3 14:05` on another day). */
export function shortTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return date.toDateString() === now.toDateString()
    ? time
    : `${date.toLocaleDateString([], { month: "short", day: "numeric" })} ${time}`;
}
