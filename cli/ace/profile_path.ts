/**
 * After `sase ace -p`: print the profile's path shortened (`~` for the home
 * directory) and copy it to the clipboard with the first of `pbcopy`,
 * `wl-copy`, `xclip`, `xsel` that works.
 *
 * @module
 */

import type { Env } from "../../core/config/paths.ts";

const CLIPBOARD: ReadonlyArray<[string, string[]]> = [
  ["pbcopy", []],
  ["wl-copy", []],
  ["xclip", ["-selection", "clipboard"]],
  ["xsel", ["--clipboard", "--input"]],
];

/** `path` with the home directory written `~`. */
export function shortPath(env: Env, path: string): string {
  const home = env.HOME;
  return home && (path === home || path.startsWith(home + "/"))
    ? `~${path.slice(home.length)}`
    : path;
}

async function copy(text: string): Promise<boolean> {
  for (const [command, args] of CLIPBOARD) {
    try {
      const child = new Deno.Command(command, {
        args,
        stdin: "piped",
        stdout: "null",
        stderr: "null",
      })
        .spawn();
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(text));
      await writer.close();
      if ((await child.status).success) return true;
    } catch {
      // Not installed: try the next.
    }
  }
  return false;
}

/** Print where the profile went (and copy the path when a clipboard tool exists). */
export async function reportProfilePath(env: Env, path: string): Promise<void> {
  const copied = await copy(path);
  console.log(`ACE profile: ${shortPath(env, path)}${copied ? " (path copied)" : ""}`);
}
