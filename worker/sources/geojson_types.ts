/**
 * GeoJSON feature collections whose features lack `"type": "Feature"`.
 * QGIS 3.22's GDAL (3.6) reads such objects of a collection's `features`
 * as features; the worker's GDAL (3.8, gdal3.js) reads none of them (an
 * empty layer, no error). A GeoJSON file GDAL answers with an empty layer
 * is read here: when its collection holds objects without `type`, a copy
 * that names them `Feature` is written to GDAL's memory file system under
 * the same file name (the layer keeps its name) and opened instead.
 *
 * @module
 */
import { type Gdal, onGdalReset } from "../gdal/gdal.ts";
import { registerHeld } from "../cache/held.ts";

/** Files larger than this are left as they are. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Copies kept in GDAL's memory at most, in bytes. */
const MAX_COPIES_BYTES = 64 * 1024 * 1024;

// by source path and version: the copy's path, or null (nothing to name)
const copies = new Map<string, string | null>();
let copiesBytes = 0;
let serial = 0;
// the copies lived in a failed instance's memory
onGdalReset(() => {
  copies.clear();
  copiesBytes = 0;
});
registerHeld("geojson.typed_copies", () => copiesBytes);

/**
 * The path of a typed copy of the GeoJSON file at `gdalPath` (an empty
 * layer for GDAL) whose collection has features without `type`, or null
 * when there is nothing to name (or the file is too large). Call inside
 * `withGdal`.
 *
 * @example
 * ```ts ignore
 * typedGeoJsonCopy(gdal, "/qsl/root0/nb/area.json", "v1"); // "/qsl_typed/0/area.json"
 * ```
 */
export function typedGeoJsonCopy(
  gdal: Gdal,
  gdalPath: string,
  version: string,
): string | null {
  const key = `${gdalPath}\n${version}`;
  const known = copies.get(key);
  if (known !== undefined) return known;
  const path = writeCopy(gdal, gdalPath);
  copies.set(key, path);
  return path;
}

function writeCopy(gdal: Gdal, gdalPath: string): string | null {
  const FS = gdal.Module.FS;
  let bytes: Uint8Array;
  try {
    const size = FS.stat(gdalPath).size as number;
    if (size > MAX_FILE_BYTES || copiesBytes + size > MAX_COPIES_BYTES) {
      return null;
    }
    bytes = FS.readFile(gdalPath, { encoding: "binary" }) as Uint8Array;
  } catch {
    return null;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  const features = (doc as { type?: unknown; features?: unknown })?.type ===
      "FeatureCollection"
    ? (doc as { features: unknown }).features
    : null;
  if (!Array.isArray(features)) return null;
  let named = 0;
  for (const f of features) {
    if (
      f !== null && typeof f === "object" && !Array.isArray(f) &&
      !("type" in f) && ("geometry" in f || "properties" in f)
    ) {
      (f as { type: string }).type = "Feature";
      named++;
    }
  }
  if (named === 0) return null;
  const out = new TextEncoder().encode(JSON.stringify(doc));
  const dir = `/qsl_typed/${serial++}`;
  FS.mkdirTree(dir);
  const path = `${dir}/${gdalPath.slice(gdalPath.lastIndexOf("/") + 1)}`;
  FS.writeFile(path, out);
  copiesBytes += out.length;
  return path;
}
