/**
 * The phone web app's files as the gateway serves them: read once from the
 * built app (`web/phone/app/`, shipped inside the compiled binary like the
 * bundled xprompts), each kept with its gzip form and an ETag, so a phone
 * downloads the whole app in a few kilobytes and revalidates it cheaply.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { readBytesBounded } from "../fs/bounded_read.ts";
import { GatewayError } from "./errors.ts";

/** The folder of the built app. */
export function phoneAppDir(): string {
  return join(import.meta.dirname ?? ".", "..", "..", "web", "phone", "app");
}

/** One served file. */
export interface PhoneAsset {
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** URL path → file of the built app, with its content type. */
export const PHONE_FILES: Record<string, { file: string; contentType: string }> = {
  "/": { file: "index.html", contentType: "text/html; charset=utf-8" },
  "/index.html": { file: "index.html", contentType: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", contentType: "text/javascript; charset=utf-8" },
  "/sw.js": { file: "sw.js", contentType: "text/javascript; charset=utf-8" },
  "/app.css": { file: "app.css", contentType: "text/css; charset=utf-8" },
  "/manifest.webmanifest": {
    file: "manifest.webmanifest",
    contentType: "application/manifest+json",
  },
  "/icon.svg": { file: "icon.svg", contentType: "image/svg+xml" },
};

/** The largest file of the app (the whole app is a few tens of kilobytes). */
const MAX_ASSET_BYTES = 4 * 1024 * 1024;

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function etagOf(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `"${[...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

/** The app's files, loaded on first use. */
export class PhoneAssets {
  #dir: string;
  #loaded = new Map<string, Promise<PhoneAsset>>();

  constructor(dir: string = phoneAppDir()) {
    this.#dir = dir;
  }

  /** The file served at `path`, or null when the path is not part of the app. */
  get(path: string): Promise<PhoneAsset> | null {
    const entry = PHONE_FILES[path];
    if (!entry) return null;
    let asset = this.#loaded.get(entry.file);
    if (!asset) {
      asset = this.#load(entry.file, entry.contentType);
      this.#loaded.set(entry.file, asset);
      // A failed read (the app not built) is retried on the next request.
      asset.catch(() => this.#loaded.delete(entry.file));
    }
    return asset;
  }

  async #load(file: string, contentType: string): Promise<PhoneAsset> {
    const path = join(this.#dir, file);
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(await readBytesBounded(path, MAX_ASSET_BYTES));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      throw new GatewayError("not_found", `the phone app is not built: ${path} is missing`, {
        kind: "not-found",
        hint: "run `deno run -A scripts/build_phone.ts` in the sase checkout",
      });
    }
    return { contentType, bytes, gzip: await gzip(bytes), etag: await etagOf(bytes) };
  }
}
