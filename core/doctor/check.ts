/**
 * What a doctor check is: its id, group and title, and the read-only context
 * it runs with. The registry lists the checks and runs them; each check
 * module implements this interface without knowing the registry.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import type { LoadedConfig } from "../config/loaded.ts";
import type { CheckOutcome } from "./model.ts";

/** Shared read-only inputs of one doctor run. */
export interface DoctorContext {
  env: Env;
  cwd: string;
  saseHome: string;
  project: string | null;
  /**
   * Whether the report shows an OK check's summary and data (`-v`, `-j`, a
   * library caller). When it does not (the compact human report, where an OK
   * check is only counted), a check may skip work that feeds nothing else.
   */
  detailed: boolean;
  /** The merged config, loaded once; rejects with the load error. */
  config(): Promise<LoadedConfig>;
  /**
   * Where `command` is on the `PATH` of `env` (`core/fs/which.ts`), looked up
   * once per run: several checks ask for the same programs.
   */
  which(command: string): Promise<string | null>;
}

/** A registered check. */
export interface CheckSpec {
  id: string;
  group: string;
  title: string;
  /** Deep checks run only with `-D/--deep` (or when selected by id). */
  deep?: boolean;
  run(context: DoctorContext): Promise<CheckOutcome>;
}
