/**
 * Creating a file only if nothing is there yet, whole or not at all: the
 * text goes to a temp file, which is then hard-linked into place (a link
 * never replaces an existing entry), so two writers racing for one path
 * cannot both win and a reader never sees half a file.
 *
 * @module
 */

import { dirname } from "./path.ts";
import { atomicWriteTextFile } from "./atomic_write.ts";

/**
 * Create `path` holding `text` (parents created); resolves to false, and
 * changes nothing, when `path` already exists.
 */
export async function createFileOnce(path: string, text: string): Promise<boolean> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${Deno.pid}-${crypto.randomUUID().slice(0, 8)}.new`;
  await atomicWriteTextFile(temp, text);
  try {
    await Deno.link(temp, path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    throw error;
  } finally {
    await Deno.remove(temp).catch(() => {});
  }
}
