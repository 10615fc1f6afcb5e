/**
 * Listing a directory that may not be there: stores, run layouts and search
 * roots are created on first use, so their readers take a missing (or
 * unreadable) directory as an empty one.
 *
 * @module
 */

/** The entries of `dir`, in the order the OS lists them; none when it cannot be read. */
export function listDirSync(dir: string): Deno.DirEntry[] {
  try {
    return [...Deno.readDirSync(dir)];
  } catch {
    return [];
  }
}
