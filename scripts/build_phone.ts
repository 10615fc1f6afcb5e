/**
 * `deno run -A scripts/build_phone.ts [OUT_DIR]`: build the phone web app
 * (`web/phone/`) into the files the gateway serves (`web/phone/app/`,
 * committed, so `deno task sase` and `deno task compile` ship them without
 * a build step): `app.js` and `sw.js` bundled and minified from the
 * TypeScript sources by `deno bundle`, and the page, style, manifest and
 * icon copied as they are. The service worker's cache name carries a hash
 * of the shell files, so a new build replaces what phones cached.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The app's source folder. */
export const PHONE_DIR = join(ROOT, "web", "phone");

/** Where the built app lives (served by the gateway, shipped by `deno task compile`). */
export const PHONE_BUILD = join(PHONE_DIR, "app");

/** Files copied into the build as they are. */
const STATIC_FILES = ["index.html", "app.css", "manifest.webmanifest", "icon.svg"];

async function bundle(entry: string, output: string): Promise<void> {
  const result = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "browser", "--minify", "-o", output, entry],
    cwd: ROOT,
    env: { DENO_NO_UPDATE_CHECK: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!result.success) {
    throw new Error(`deno bundle ${entry} failed:\n${new TextDecoder().decode(result.stderr)}`);
  }
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Build the app into `outDir` (created if missing). */
export async function buildPhoneApp(outDir: string = PHONE_BUILD): Promise<void> {
  await Deno.mkdir(outDir, { recursive: true });
  await bundle(join(PHONE_DIR, "src", "main.ts"), join(outDir, "app.js"));
  for (const name of STATIC_FILES) await Deno.copyFile(join(PHONE_DIR, name), join(outDir, name));
  const shell = new Uint8Array(
    (await Promise.all(
      ["app.js", ...STATIC_FILES].map((name) => Deno.readFile(join(outDir, name))),
    )).flatMap((bytes) => [...bytes]),
  );
  const version = (await sha256Hex(shell)).slice(0, 16);
  const worker = join(outDir, "sw.js");
  await bundle(join(PHONE_DIR, "src", "sw.ts"), worker);
  const text = await Deno.readTextFile(worker);
  if (!text.includes("__SHELL_VERSION__")) throw new Error("sw.js lost its version placeholder");
  await Deno.writeTextFile(worker, text.replace("__SHELL_VERSION__", version));
}

if (import.meta.main) {
  const out = Deno.args[0] ?? PHONE_BUILD;
  await buildPhoneApp(out);
  console.error(`build_phone: wrote ${out}`);
}
