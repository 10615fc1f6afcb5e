/**
 * Attachment manifests and device-bound download tokens.
 *
 * A notification's files are described in detail answers; a file gets a
 * download token only when it is safe to serve: an absolute, normalised
 * path (no `..`), a regular file (not a symlink, directory or device),
 * at most {@linkcode MAX_ATTACHMENT_BYTES}, of a known kind. A token is
 * bound to the device whose request minted it, lives
 * {@linkcode ATTACHMENT_TOKEN_TTL_MS}, and remembers the file's identity
 * (inode, size, mtime): a download re-checks everything, and a file that
 * was replaced since (by a symlink, another file, a directory) is refused.
 * Tokens live only in the gateway's memory.
 *
 * @module
 */

import { basename, extname } from "../fs/path.ts";
import { newSecret } from "./tokens.ts";
import { GatewayError } from "./errors.ts";
import type { MobileAttachmentManifestWire } from "./wire.ts";

/** The largest file a client may download (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** How long a download token lives (5 minutes). */
export const ATTACHMENT_TOKEN_TTL_MS = 5 * 60_000;

type Kind = MobileAttachmentManifestWire["kind"];

const KINDS: Readonly<Record<string, { kind: Kind; type: string }>> = {
  ".md": { kind: "markdown", type: "text/markdown" },
  ".markdown": { kind: "markdown", type: "text/markdown" },
  ".pdf": { kind: "pdf", type: "application/pdf" },
  ".diff": { kind: "diff", type: "text/x-diff" },
  ".patch": { kind: "diff", type: "text/x-diff" },
  ".png": { kind: "image", type: "image/png" },
  ".jpg": { kind: "image", type: "image/jpeg" },
  ".jpeg": { kind: "image", type: "image/jpeg" },
  ".gif": { kind: "image", type: "image/gif" },
  ".webp": { kind: "image", type: "image/webp" },
  ".txt": { kind: "text", type: "text/plain" },
  ".log": { kind: "text", type: "text/plain" },
  ".yml": { kind: "text", type: "text/plain" },
  ".yaml": { kind: "text", type: "text/plain" },
  ".json": { kind: "json", type: "application/json" },
  ".jsonl": { kind: "json", type: "application/x-ndjson" },
};

/** What a token remembers of the file it was minted for. */
interface Minted {
  deviceId: string;
  path: string;
  displayName: string;
  contentType: string;
  ino: number | null;
  size: number;
  mtime: number | null;
  expiresAt: number;
}

/** A file ready to send. */
export interface AttachmentDownload {
  bytes: Uint8Array;
  displayName: string;
  contentType: string;
}

/** Whether `path` is absolute and has no `.`/`..`/empty segments. */
function isNormalAbsolute(path: string): boolean {
  if (!path.startsWith("/")) return false;
  return path.slice(1).split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

/** The download tokens of one gateway process. */
export class AttachmentVault {
  #tokens = new Map<string, Minted>();
  #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * The manifest of `path` (attachment number `index` of notification
   * `notificationId`), with a token for `deviceId` when the file is safe
   * to serve.
   */
  manifest(
    deviceId: string,
    notificationId: string,
    index: number,
    path: string,
    displayName: string = basename(path),
  ): MobileAttachmentManifestWire {
    this.#sweep();
    const known = KINDS[extname(path).toLowerCase()];
    const base: MobileAttachmentManifestWire = {
      id: `att_${String(index).padStart(3, "0")}`,
      token: null,
      display_name: displayName,
      kind: known?.kind ?? "unknown",
      content_type: known?.type ?? null,
      byte_size: null,
      source_notification_id: notificationId,
      downloadable: false,
      download_requires_auth: true,
      can_inline: false,
      path_available: false,
    };
    if (!isNormalAbsolute(path)) return base;
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(path);
    } catch {
      return base;
    }
    if (info.isDirectory) return { ...base, kind: "directory", content_type: null };
    const safe = info.isFile && known !== undefined && info.size <= MAX_ATTACHMENT_BYTES;
    const manifest = { ...base, byte_size: info.isFile ? info.size : null, path_available: true };
    if (!safe) return manifest;
    const token = newSecret("att");
    this.#tokens.set(token, {
      deviceId,
      path,
      displayName,
      contentType: known.type,
      ino: info.ino,
      size: info.size,
      mtime: info.mtime?.getTime() ?? null,
      expiresAt: this.#now() + ATTACHMENT_TOKEN_TTL_MS,
    });
    return {
      ...manifest,
      token,
      downloadable: true,
      can_inline: known.kind !== "pdf" && info.size <= 256 * 1024,
    };
  }

  /** The file behind `token` for `deviceId`, after every check again. */
  async download(token: string, deviceId: string): Promise<AttachmentDownload> {
    const minted = this.#tokens.get(token);
    if (!minted) {
      throw new GatewayError("attachment_expired", "unknown or expired attachment token", {
        kind: "not-found",
        hint: "open the notification again to get a fresh link",
      });
    }
    if (minted.deviceId !== deviceId) {
      throw new GatewayError(
        "permission_denied",
        "this attachment token belongs to another device",
        {
          kind: "invalid-input",
        },
      );
    }
    if (minted.expiresAt <= this.#now()) {
      this.#tokens.delete(token);
      throw new GatewayError("attachment_expired", "unknown or expired attachment token", {
        kind: "not-found",
        hint: "open the notification again to get a fresh link",
      });
    }
    const changed = () =>
      new GatewayError("gone_stale", `${minted.displayName} changed since the link was made`, {
        kind: "conflict",
        hint: "open the notification again",
      });
    let info: Deno.FileInfo;
    try {
      info = await Deno.lstat(minted.path);
    } catch {
      throw changed();
    }
    if (!info.isFile || info.size > MAX_ATTACHMENT_BYTES) throw changed();
    if (
      info.ino !== minted.ino || info.size !== minted.size ||
      (info.mtime?.getTime() ?? null) !== minted.mtime
    ) throw changed();
    // The file is opened, then checked again through the open handle: a swap
    // between the check above and the open is caught by the inode.
    const file = await Deno.open(minted.path, { read: true });
    try {
      const opened = await file.stat();
      if (!opened.isFile || opened.ino !== minted.ino || opened.size > MAX_ATTACHMENT_BYTES) {
        throw changed();
      }
      const bytes = new Uint8Array(opened.size);
      let offset = 0;
      while (offset < bytes.length) {
        const read = await file.read(bytes.subarray(offset));
        if (read === null) break;
        offset += read;
      }
      return {
        bytes: bytes.subarray(0, offset),
        displayName: minted.displayName,
        contentType: minted.contentType,
      };
    } finally {
      file.close();
    }
  }

  #sweep(): void {
    const now = this.#now();
    for (const [token, minted] of this.#tokens) {
      if (minted.expiresAt <= now) this.#tokens.delete(token);
    }
  }
}
