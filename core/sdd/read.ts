/**
 * Reading an SDD document: at most {@linkcode READ_LIMITS.document} bytes,
 * and strictly UTF-8. A file that does not decode is an error naming it,
 * never text with replacement characters: such text, written back, would
 * silently destroy the bytes the author put there.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { READ_LIMITS, readBytesBounded } from "../fs/bounded_read.ts";

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The offset of the first byte of `bytes` that does not start a valid UTF-8 character. */
function firstInvalidByte(bytes: Uint8Array): number {
  let offset = 0;
  while (offset < bytes.length) {
    const lead = bytes[offset];
    const length = lead < 0x80
      ? 1
      : lead < 0xc2
      ? 0
      : lead < 0xe0
      ? 2
      : lead < 0xf0
      ? 3
      : lead < 0xf5
      ? 4
      : 0;
    // The decoder itself judges each character (overlong forms, surrogates).
    if (length === 0 || !decodes(bytes.subarray(offset, offset + length))) return offset;
    offset += length;
  }
  return offset;
}

function decodes(bytes: Uint8Array): boolean {
  try {
    STRICT_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decode `bytes` of `source` as strict UTF-8 (a byte order mark is kept in
 * the text). Invalid bytes are a `sdd.not_utf8` error naming the file and
 * the offset of the first bad byte.
 */
export function decodeDocument(bytes: Uint8Array, source: string): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new SaseError(
      "sdd.not_utf8",
      `${source}: not valid UTF-8 (first bad byte at offset ${firstInvalidByte(bytes)})`,
      {
        hint: "SDD documents are UTF-8 Markdown; convert the file (e.g. with iconv) and retry",
        kind: "invalid-data",
      },
    );
  }
}

/**
 * The text of the SDD document at `path`. Missing files throw
 * `Deno.errors.NotFound`; directories, oversized files and non-UTF-8 bytes
 * throw a `SaseError` naming the path.
 */
export async function readSddDocument(path: string): Promise<string> {
  return decodeDocument(await readBytesBounded(path, READ_LIMITS.document), path);
}
