import fs from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getGdal } from "./gdal.ts";
import { DATA_PACKAGE_NAME, interceptDataPackage } from "./data_package.ts";

const PACKAGE = join(
  dirname(fileURLToPath(import.meta.resolve("npm:gdal3.js@2.8.1/node.js"))),
  "dist",
  "package",
  DATA_PACKAGE_NAME,
);

Deno.test("interceptDataPackage: the package reads as zeros of its size, other files as they are, until restored", () => {
  const original = fs.readFileSync;
  const seen = interceptDataPackage();
  try {
    const bytes = fs.readFileSync(PACKAGE) as unknown as Uint8Array;
    if (bytes.length !== Deno.statSync(PACKAGE).size) {
      throw new Error(`length ${bytes.length}`);
    }
    if (bytes.some((b) => b !== 0)) throw new Error("the package was read");
    if (seen.buffer !== bytes.buffer || seen.path !== PACKAGE) {
      throw new Error("the interception was not recorded");
    }
    const self = fileURLToPath(import.meta.url);
    const text = fs.readFileSync(self, "utf8");
    if (text !== Deno.readTextFileSync(self)) {
      throw new Error("another file was not read as it is");
    }
  } finally {
    seen.restore();
  }
  if (fs.readFileSync !== original) throw new Error("not restored");
});

// PROJ reading proj.db this way is what every reprojection test exercises
// (vector_test.ts: LV95 → WGS 84 and Web Mercator).
Deno.test("GDAL's data files read from the package on disk: proj.db whole and exact, not held in memory", async () => {
  const gdal = await getGdal();
  const FS = gdal.Module.FS;
  const node = FS.lookupPath("/usr/share/proj/proj.db").node;
  if (node.contents !== null) throw new Error("proj.db is held in memory");
  const bytes = FS.readFile("/usr/share/proj/proj.db") as Uint8Array;
  const header = new TextDecoder().decode(bytes.subarray(0, 15));
  if (header !== "SQLite format 3") throw new Error(`header ${header}`);
  // the same bytes as the package file holds at the file's offset
  const disk = Deno.readFileSync(PACKAGE);
  const at = node.packageOffset as number;
  const expected = disk.subarray(at, at + bytes.length);
  if (bytes.length !== node.usedBytes || expected.length !== bytes.length) {
    throw new Error(`length ${bytes.length} of ${node.usedBytes}`);
  }
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== expected[i]) throw new Error(`byte ${i} differs`);
  }
  // a read in the middle, as SQLite reads pages
  const stream = FS.open("/usr/share/proj/proj.db", "r");
  const page = new Uint8Array(4096);
  const n = FS.read(stream, page, 0, 4096, 8192);
  FS.close(stream);
  if (n !== 4096) throw new Error(`read ${n}`);
  if (page.some((b, i) => b !== expected[8192 + i])) {
    throw new Error("page differs");
  }
  // and the package's files cannot be written
  let refused = false;
  try {
    const w = FS.open("/usr/share/proj/proj.db", "r+");
    try {
      FS.write(w, new Uint8Array([1]), 0, 1, 0);
    } finally {
      FS.close(w);
    }
  } catch {
    refused = true;
  }
  if (!refused) throw new Error("proj.db was written");
});
