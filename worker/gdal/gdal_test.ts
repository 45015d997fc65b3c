import { hintFileSize, readMemFile, withGdal } from "./gdal.ts";

// Writes `total` bytes in 64 KB pieces, as GDAL's drivers write files.
function writeInPieces(
  // deno-lint-ignore no-explicit-any
  FS: any,
  path: string,
  total: number,
): Uint8Array {
  const data = new Uint8Array(total);
  for (let i = 0; i < total; i++) data[i] = (i * 7919) % 251;
  const stream = FS.open(path, "w");
  for (let at = 0; at < total; at += 65536) {
    FS.write(stream, data, at, Math.min(65536, total - at));
  }
  FS.close(stream);
  return data;
}

Deno.test("GDAL memory files: written in pieces they keep every byte; an announced size is allocated once", async () => {
  await withGdal((gdal) => {
    const FS = gdal.Module.FS;
    try {
      FS.mkdir("/qsl_gdal_test");
    } catch { /* exists */ }
    const total = 3 * 1024 * 1024 + 123;
    // grown without a hint
    const plain = writeInPieces(FS, "/qsl_gdal_test/plain.bin", total);
    const read = readMemFile(gdal, "/qsl_gdal_test/plain.bin");
    if (read.length !== total) throw new Error(`length ${read.length}`);
    if (read.join() !== plain.join()) throw new Error("bytes differ");
    const copy = FS.readFile("/qsl_gdal_test/plain.bin") as Uint8Array;
    if (copy.join() !== plain.join()) throw new Error("FS.readFile differs");
    FS.unlink("/qsl_gdal_test/plain.bin");
    // announced: one array of exactly that size
    hintFileSize("hinted.bin", total);
    try {
      const data = writeInPieces(FS, "/qsl_gdal_test/hinted.bin", total);
      const bytes = readMemFile(gdal, "/qsl_gdal_test/hinted.bin");
      if (bytes.buffer.byteLength !== total) {
        throw new Error(`capacity ${bytes.buffer.byteLength}, not ${total}`);
      }
      if (bytes.join() !== data.join()) throw new Error("hinted bytes differ");
    } finally {
      hintFileSize("hinted.bin", null);
      FS.unlink("/qsl_gdal_test/hinted.bin");
    }
  });
});
