/**
 * Doctor checks for the layered configuration.
 *
 * @module
 */

import type { CheckSpec } from "../check.ts";
import { SaseError } from "../../errors.ts";
import { plural } from "../../text/plural.ts";

const NEXT_STEP_LAYERS = "Run `sase config layers` to see which files are merged.";

/** Configuration checks. */
export const configChecks: CheckSpec[] = [
  {
    id: "config.load",
    group: "config",
    title: "Configuration files parse and validate",
    async run(context) {
      try {
        const { layers } = await context.config();
        const present = layers.filter((layer) => layer.exists);
        return {
          status: "OK",
          summary: `${present.length} of ${plural(layers.length, "layer")} present, all valid`,
          details: present.map((layer) => `${layer.name}: ${layer.path}`),
          data: {
            layers: layers.map((layer) => ({
              name: layer.name,
              path: layer.path,
              exists: layer.exists,
            })),
          },
        };
      } catch (error) {
        if (!(error instanceof SaseError)) throw error;
        return {
          status: "ERROR",
          summary: error.message.split("\n")[0],
          details: error.message.split("\n").slice(1),
          nextSteps: [error.hint ?? NEXT_STEP_LAYERS, "Then rerun `sase doctor -C config`."],
          data: { code: error.code },
        };
      }
    },
  },
  {
    id: "config.keys",
    group: "config",
    title: "Unknown or deprecated configuration keys",
    async run(context) {
      let warnings;
      try {
        warnings = (await context.config()).warnings;
      } catch {
        return {
          status: "SKIP",
          summary: "configuration did not load; see config.load",
        };
      }
      if (warnings.length === 0) {
        return { status: "OK", summary: "every top-level key is known" };
      }
      return {
        status: "WARN",
        summary: `${warnings.length} key${warnings.length === 1 ? "" : "s"} need attention`,
        details: warnings.map((warning) =>
          `${warning.line ? `${warning.path}:${warning.line}` : warning.path}: ${warning.message}`
        ),
        nextSteps: ["Rename or remove these keys; `sase config show` prints the merged result."],
        data: { keys: warnings.map((warning) => warning.key) },
      };
    },
  },
];
