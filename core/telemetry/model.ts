/**
 * What instrumentation records into: the interface both the no-op and the
 * Prometheus-backed telemetry implement.
 *
 * @module
 */

/** Label values of one sample. */
export type Labels = Readonly<Record<string, string>>;

/** Where instrumentation records. */
export interface Telemetry {
  readonly enabled: boolean;
  /** Add `value` (default 1) to a counter. */
  inc(name: string, labels?: Labels, value?: number): void;
  /** Add `delta` to a gauge (negative to lower it). */
  add(name: string, labels: Labels, delta: number): void;
  /** Set a gauge. */
  set(name: string, labels: Labels, value: number): void;
  /** Record one observation (seconds) in a histogram. */
  observe(name: string, labels: Labels, value: number): void;
  /** The Prometheus text exposition of every metric. */
  exposition(): Promise<string>;
  /** Push every metric to the Push Gateway under `job` (short-lived processes, at their end). */
  push(job: string): Promise<void>;
}
