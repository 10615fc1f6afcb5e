/**
 * Checking a plugin module's `manifest` export at the edge: the shape is
 * validated with zod before sase uses any part of it, so a malformed
 * plugin is reported (naming the module and the field) instead of failing
 * later inside a provider lookup.
 *
 * @module
 */

import { z } from "zod";
import { SaseError } from "../errors.ts";
import type { SasePluginManifest } from "./manifest.ts";

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === "function", {
  message: "expected a function",
});
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "letters, digits, '_', '-', '.'");
const location = z.union([z.string().min(1), z.instanceof(URL)]);

const manifestSchema = z.object({
  name,
  version: z.string().optional(),
  description: z.string().optional(),
  llm: z.array(z.looseObject({
    info: z.looseObject({
      name,
      shortName: z.string(),
      tierModels: z.object({ large: z.string(), small: z.string() }),
      knownModels: z.array(z.string()),
    }),
    buildInvocation: fn,
    createStreamParser: fn,
  })).optional(),
  vcs: z.array(z.looseObject({ info: z.looseObject({ name }), create: fn })).optional(),
  workspace: z.array(z.looseObject({
    metadata: z.looseObject({ workflowType: name }),
  })).optional(),
  xprompts: location.optional(),
  config: location.optional(),
});

/** `value` (a module's `manifest` export) as a manifest; `SaseError` naming `specifier` and the field otherwise. */
export function parseManifest(value: unknown, specifier: string): SasePluginManifest {
  if (value === undefined) {
    throw new SaseError("plugin.no_manifest", `${specifier}: the module exports no 'manifest'`, {
      hint: "export const manifest = definePlugin({ name: ..., ... })",
      kind: "invalid-data",
    });
  }
  const parsed = manifestSchema.safeParse(value);
  if (parsed.success) return value as SasePluginManifest;
  const issue = parsed.error.issues[0];
  const field = issue.path.length ? `manifest.${issue.path.join(".")}` : "manifest";
  throw new SaseError("plugin.bad_manifest", `${specifier}: ${field}: ${issue.message}`, {
    kind: "invalid-data",
  });
}
