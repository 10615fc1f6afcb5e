/**
 * Images a phone uploads to launch an agent with: checked (declared type,
 * declared length, magic bytes, at most {@linkcode MAX_IMAGE_BYTES}) and
 * stored under `mobile_gateway/uploads/`, never at a client-chosen path
 * (the client's file name only lends its extension-free stem, sanitised).
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { GatewayError } from "./errors.ts";
import { GATEWAY_FILES } from "./paths.ts";
import { newId } from "./tokens.ts";

/** The largest image (10 MiB, decoded). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const TYPES: Readonly<Record<string, { ext: string; magic: (b: Uint8Array) => boolean }>> = {
  "image/png": {
    ext: "png",
    magic: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  },
  "image/jpeg": { ext: "jpg", magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  "image/gif": { ext: "gif", magic: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 },
  "image/webp": {
    ext: "webp",
    magic: (b) => b[0] === 0x52 && b[1] === 0x49 && b[8] === 0x57 && b[9] === 0x45,
  },
};

/** An upload as the request carries it. */
export interface ImageUpload {
  originalFilename: string;
  contentType: string;
  byteLength: number;
  base64: string;
}

function invalid(message: string, status?: number): GatewayError {
  return new GatewayError("invalid_upload", message, { kind: "invalid-input", status });
}

/** Check and store an upload; resolves to the absolute path of the stored image. */
export async function storeImage(
  stateDir: string,
  upload: ImageUpload,
  now: Date,
): Promise<string> {
  const type = TYPES[upload.contentType.toLowerCase()];
  if (!type) throw invalid(`content_type must be one of ${Object.keys(TYPES).join(", ")}`);
  if (upload.byteLength > MAX_IMAGE_BYTES) {
    throw invalid(`image is over ${MAX_IMAGE_BYTES} bytes`, 413);
  }
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(upload.base64.replace(/\s+/g, "")), (char) => char.charCodeAt(0));
  } catch {
    throw invalid("base64_image is not valid base64");
  }
  if (bytes.length !== upload.byteLength) {
    throw invalid(`byte_length says ${upload.byteLength} but the image has ${bytes.length} bytes`);
  }
  if (bytes.length > MAX_IMAGE_BYTES) throw invalid(`image is over ${MAX_IMAGE_BYTES} bytes`, 413);
  if (!type.magic(bytes)) throw invalid(`the bytes are not a ${upload.contentType} image`);
  const stem = upload.originalFilename.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_-]+/g, "_")
    .slice(0, 40) || "image";
  const day = now.toISOString().slice(0, 10).replaceAll("-", "");
  const dir = join(stateDir, GATEWAY_FILES.uploads, day);
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${newId("img")}_${stem}.${type.ext}`);
  await Deno.writeFile(path, bytes, { createNew: true, mode: 0o600 });
  return path;
}
