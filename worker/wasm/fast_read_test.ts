import assert from "node:assert/strict";
import fs from "node:fs";
import { installFastWasmReads, readWholeFile } from "./fast_read.ts";

Deno.test("fast wasm reads: the same bytes as fs.readFileSync, other reads unchanged", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const wasm = `${dir}/x.wasm`;
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) & 255);
    await Deno.writeFile(wasm, bytes);
    await Deno.writeTextFile(`${dir}/x.txt`, "text");
    const before = fs.readFileSync(wasm);
    installFastWasmReads();
    const after = fs.readFileSync(wasm);
    assert.deepEqual(new Uint8Array(after), new Uint8Array(before));
    assert.deepEqual(readWholeFile(wasm), bytes);
    assert.equal(fs.readFileSync(`${dir}/x.txt`, "utf8"), "text");
    assert.equal(fs.readFileSync(wasm, "latin1").length, bytes.length);
    assert.throws(
      () => fs.readFileSync(`${dir}/missing.wasm`),
      Deno.errors.NotFound,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
