import {
  leaseScratch,
  SCRATCH_MAX_BYTES,
  syncScratch,
  withScratch,
} from "./scratch.ts";

Deno.test("syncScratch: one array for sizes up to the limit, new ones above", () => {
  const small = syncScratch(100);
  small[0] = 42;
  const big = syncScratch(1000);
  if (big.length !== 1000) throw new Error(`length ${big.length}`);
  // grown: the next use of a small size shares the grown array
  const again = syncScratch(10);
  if (again.buffer !== big.buffer) throw new Error("not shared");
  const huge = syncScratch(SCRATCH_MAX_BYTES + 1);
  if (huge.buffer === big.buffer) throw new Error("huge arrays are not kept");
  if (syncScratch(10).buffer !== big.buffer) {
    throw new Error("the kept array changed after a huge use");
  }
});

Deno.test("leaseScratch: one holder at a time; take grows the kept buffer; released, it serves the next", () => {
  const lease = leaseScratch()!;
  if (leaseScratch() !== null) throw new Error("leased twice");
  const a = lease.take(100);
  const b = lease.take(50);
  if (a !== b) throw new Error("a smaller take did not share the buffer");
  const grown = lease.take(1000);
  if (grown.byteLength < 1000) throw new Error(`${grown.byteLength} bytes`);
  const huge = lease.take(SCRATCH_MAX_BYTES + 1);
  if (huge === grown) throw new Error("a huge buffer was kept");
  lease.release();
  lease.release(); // twice is harmless
  assertThrows(() => lease.take(10));
  const next = leaseScratch()!;
  try {
    if (next.take(10) !== grown) throw new Error("the kept buffer changed");
  } finally {
    next.release();
  }
});

Deno.test("withScratch: the leasable buffer when free, the shared scratch while a lease holds it", () => {
  const lease = leaseScratch()!;
  const leased = lease.take(64);
  lease.release();
  const free = withScratch(64, (bytes) => bytes.buffer);
  if (free !== leased) throw new Error("did not use the leasable buffer");
  const holder = leaseScratch()!;
  try {
    const busy = withScratch(64, (bytes) => bytes.buffer);
    if (busy === leased) throw new Error("used the leased buffer");
    if (busy !== syncScratch(64).buffer) throw new Error("not the shared one");
  } finally {
    holder.release();
  }
  // the lease ends with the use, even when it throws
  assertThrows(() =>
    withScratch(8, () => {
      throw new Error("boom");
    })
  );
  const after = leaseScratch();
  if (after === null) throw new Error("withScratch kept its lease");
  after.release();
});

function assertThrows(fn: () => unknown): void {
  try {
    fn();
  } catch {
    return;
  }
  throw new Error("did not throw");
}
