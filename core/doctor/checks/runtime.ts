/**
 * Doctor checks for the runtime sase runs on.
 *
 * @module
 */

import type { CheckSpec } from "../check.ts";
import { SASE_VERSION } from "../../version.ts";

const MINIMUM_DENO = [2, 0, 0];

function atLeast(version: string, minimum: number[]): boolean {
  const parts = version.split(/[.-]/).map((part) => Number.parseInt(part, 10));
  for (let index = 0; index < minimum.length; index++) {
    const value = parts[index] ?? 0;
    if (value !== minimum[index]) return value > minimum[index];
  }
  return true;
}

/** Runtime checks. */
export const runtimeChecks: CheckSpec[] = [
  {
    id: "runtime.deno",
    group: "runtime",
    title: "Deno runtime",
    run() {
      const data = {
        sase: SASE_VERSION,
        deno: Deno.version.deno,
        v8: Deno.version.v8,
        typescript: Deno.version.typescript,
        exec_path: Deno.execPath(),
      };
      if (!atLeast(Deno.version.deno, MINIMUM_DENO)) {
        return Promise.resolve({
          status: "ERROR",
          summary: `Deno ${Deno.version.deno} is too old; sase needs ${MINIMUM_DENO.join(".")}+`,
          nextSteps: ["Run `npm install -g deno@2.9.6`, or use the compiled `sase` binary."],
          data,
        });
      }
      return Promise.resolve({
        status: "OK",
        summary: `sase ${SASE_VERSION} on Deno ${Deno.version.deno}`,
        data,
      });
    },
  },
  {
    id: "runtime.platform",
    group: "runtime",
    title: "Platform",
    run() {
      const { os, arch } = Deno.build;
      const supported = os === "linux" || os === "darwin";
      return Promise.resolve({
        status: supported ? "OK" : "WARN",
        summary: supported ? `${os}/${arch}` : `${os}/${arch} is not a tested platform`,
        nextSteps: supported ? [] : ["Use Linux or macOS, or report what fails on this platform."],
        data: { os, arch },
      });
    },
  },
];
