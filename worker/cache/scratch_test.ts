import { SCRATCH_MAX_BYTES, syncScratch } from "./scratch.ts";

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
