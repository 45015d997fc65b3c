/**
 * A job's time budget: the queue arms it for each job
 * ({@link armJobClock}), and the loops whose work multiplies what a job
 * asks for (each symbol layer drawn, each element of an SVG marker, each
 * feature a label is placed for) look at it ({@link checkJobClock}). A job
 * over its budget fails naming it, and the worker serves the next one: the
 * bounds of each loop alone (100,000 markers along a line, 100,000
 * elements an SVG marker draws) still multiply to hours, and a job never
 * answered holds the worker for good.
 *
 * Work inside one call into GDAL, GEOS or Skia is not interrupted: a
 * check comes after it returns.
 *
 * @module
 */

/** A job ran past its time budget; fails the job. */
export class JobTimeError extends Error {
  /** The budget, in seconds. */
  readonly seconds: number;
  /** Creates the error for a budget of `seconds`. */
  constructor(seconds: number) {
    super(
      `Cannot finish the job: it ran longer than its time budget of ${seconds} s (--max-job-seconds)`,
    );
    this.name = "JobTimeError";
    this.seconds = seconds;
  }
}

let deadline = Infinity;
let budget = Infinity;

/**
 * Starts the clock of a job that may run `seconds` (outside a job nothing
 * is checked).
 *
 * @example
 * ```ts
 * import { armJobClock, disarmJobClock } from "./job_clock.ts";
 * armJobClock(60);
 * disarmJobClock();
 * ```
 */
export function armJobClock(seconds: number): void {
  budget = seconds;
  deadline = performance.now() + seconds * 1000;
}

/**
 * Stops the clock (after a job).
 *
 * @example
 * ```ts
 * import { disarmJobClock } from "./job_clock.ts";
 * disarmJobClock();
 * ```
 */
export function disarmJobClock(): void {
  deadline = Infinity;
  budget = Infinity;
}

/**
 * Throws once the job has run past its budget; cheap (one clock read).
 *
 * @throws {JobTimeError} past the budget.
 * @example
 * ```ts
 * import { checkJobClock } from "./job_clock.ts";
 * checkJobClock(); // outside a job: never throws
 * ```
 */
export function checkJobClock(): void {
  if (performance.now() > deadline) throw new JobTimeError(budget);
}
