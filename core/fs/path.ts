/**
 * POSIX path arithmetic (what `node:path` does on Linux and macOS), in
 * plain code. Importing `node:path` makes Deno load its Node compatibility
 * layer's error and validation machinery, about 6 ms of CPU at the start of
 * every command (a third of an empty Deno program); sase's paths are POSIX
 * paths, so these few functions are all it needs. They give exactly
 * `node:path`'s answers (tests/core/fs/path_test.ts checks them against it).
 *
 * @module
 */

/** The path segment separator. */
export const sep = "/";

/** The separator of `PATH`-like lists. */
export const delimiter = ":";

/**
 * Resolve `.` and `..` segments and collapse repeated slashes in `path`
 * (no leading slash handling); `..` above the start is kept only when
 * `aboveRoot` allows it.
 */
function normalizeSegments(path: string, aboveRoot: boolean): string {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") out.push(segment);
    else if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (aboveRoot) out.push("..");
  }
  return out.join("/");
}

/** Whether `path` starts at the root. */
export function isAbsolute(path: string): boolean {
  return path.startsWith("/");
}

/** `path` with `.`, `..` and repeated slashes resolved; a trailing slash is kept. */
export function normalize(path: string): string {
  if (path === "") return ".";
  const absolute = isAbsolute(path);
  const trailing = path.endsWith("/");
  let normalized = normalizeSegments(path, !absolute);
  if (normalized === "" && !absolute) normalized = ".";
  if (normalized !== "" && trailing) normalized += "/";
  return absolute ? `/${normalized}` : normalized;
}

/** The non-empty `parts` joined with `/` and normalized (`.` when there are none). */
export function join(...parts: string[]): string {
  const joined = parts.filter((part) => part !== "").join("/");
  return joined === "" ? "." : normalize(joined);
}

/**
 * The absolute path `parts` name, read from right to left until one is
 * absolute (the process's working directory when none is), without a
 * trailing slash.
 */
export function resolve(...parts: string[]): string {
  let resolved = "";
  let absolute = false;
  for (let index = parts.length - 1; index >= -1 && !absolute; index--) {
    const part = index >= 0 ? parts[index] : Deno.cwd();
    if (part === "") continue;
    resolved = `${part}/${resolved}`;
    absolute = isAbsolute(part);
  }
  const normalized = normalizeSegments(resolved, !absolute);
  if (absolute) return `/${normalized}`;
  return normalized === "" ? "." : normalized;
}

/** The path from `from` to `to`, both resolved first (`""` when they are the same). */
export function relative(from: string, to: string): string {
  if (from === to) return "";
  const source = resolve(from);
  const target = resolve(to);
  if (source === target) return "";
  const sourceParts = source === "/" ? [] : source.slice(1).split("/");
  const targetParts = target === "/" ? [] : target.slice(1).split("/");
  let common = 0;
  while (
    common < sourceParts.length && common < targetParts.length &&
    sourceParts[common] === targetParts[common]
  ) {
    common++;
  }
  const up = sourceParts.slice(common).map(() => "..");
  return [...up, ...targetParts.slice(common)].join("/");
}

/** Everything before the last segment (trailing slashes ignored); `.` or `/` at the top. */
export function dirname(path: string): string {
  if (path === "") return ".";
  const absolute = isAbsolute(path);
  let end = -1;
  let inTrailingSlashes = true;
  for (let index = path.length - 1; index >= 1; index--) {
    if (path[index] === "/") {
      if (!inTrailingSlashes) {
        end = index;
        break;
      }
    } else inTrailingSlashes = false;
  }
  if (end === -1) return absolute ? "/" : ".";
  if (absolute && end === 1) return "//";
  return path.slice(0, end);
}

/**
 * The last segment of `path` (trailing slashes ignored), without `suffix`
 * when it ends with it and is longer. Two corners follow `node:path`:
 * a `suffix` equal to the whole of `path` gives `""`, and a path of only
 * slashes given with a `suffix` comes back unchanged.
 */
export function basename(path: string, suffix?: string): string {
  const withSuffix = suffix !== undefined && suffix !== "" && suffix.length <= path.length;
  if (withSuffix && suffix === path) return "";
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  if (end === 0) return withSuffix ? path : "";
  const base = path.slice(path.lastIndexOf("/", end - 1) + 1, end);
  if (withSuffix && base !== suffix && base.endsWith(suffix)) {
    return base.slice(0, base.length - suffix.length);
  }
  return base;
}

/**
 * The extension of `path`'s last segment: from its last `.`, unless
 * nothing comes before that dot (`.env`, `.`) or the segment is `..`.
 */
export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  if (dot <= 0 || base === "..") return "";
  return base.slice(dot);
}

/**
 * The path a `file:` URL names (`import.meta.url` of a module, say), as
 * `node:url`'s `fileURLToPath` gives it on POSIX systems.
 */
export function fromFileUrl(url: string | URL): string {
  const parsed = url instanceof URL ? url : new URL(url);
  if (parsed.protocol !== "file:") throw new TypeError(`not a file: URL: ${parsed.href}`);
  if (parsed.hostname !== "") {
    throw new TypeError(`a file: URL with a host cannot be a local path: ${parsed.href}`);
  }
  if (/%2f/i.test(parsed.pathname)) {
    throw new TypeError(`a file: URL path must not contain an encoded '/': ${parsed.href}`);
  }
  return decodeURIComponent(parsed.pathname);
}
