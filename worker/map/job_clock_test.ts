import assert from "node:assert/strict";
import {
  armJobClock,
  checkJobClock,
  disarmJobClock,
  JobTimeError,
} from "./job_clock.ts";

Deno.test("job clock: throws past the armed budget naming it, never when disarmed", async () => {
  checkJobClock();
  armJobClock(0.05);
  try {
    checkJobClock();
    await new Promise((r) => setTimeout(r, 80));
    assert.throws(
      () => checkJobClock(),
      (e: Error) =>
        e instanceof JobTimeError &&
        e.message ===
          "Cannot finish the job: it ran longer than its time budget of 0.05 s (--max-job-seconds)",
    );
  } finally {
    disarmJobClock();
  }
  checkJobClock();
});
