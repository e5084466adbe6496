/** What a run of the embedded engine over the question set measures, answer by answer. */
export interface Timings {
  /** Per answer, in milliseconds. */
  answerMs: number[];
  /** Per answer, the time spent inside the SDK's fetch (HTTP + the API). */
  fetchMs: number[];
  /** Per answer, the count of API calls. */
  calls: number[];
  /** Per answer, the intent the engine acted on. */
  intentOf: string[];
  failures: number;
  /** The process's CPU time (user and system) over the answers, in milliseconds. */
  cpuMs: number;
}

export const emptyTimings = (): Timings => ({
  answerMs: [],
  fetchMs: [],
  calls: [],
  intentOf: [],
  failures: 0,
  cpuMs: 0,
});

/** Adds `more` to `into`. */
export function mergeTimings(into: Timings, more: Timings): void {
  into.answerMs.push(...more.answerMs);
  into.fetchMs.push(...more.fetchMs);
  into.calls.push(...more.calls);
  into.intentOf.push(...more.intentOf);
  into.failures += more.failures;
  into.cpuMs += more.cpuMs;
}
