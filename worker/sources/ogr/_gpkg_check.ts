/**
 * The SQL that tells a GeoPackage geometry blob the direct read path
 * (`_gpkg.ts`) does not take: a table qualifies only when no row holds one,
 * which costs one scan of the table per file version. The test is written
 * so SQLite evaluates few functions per row: a 1,000,000-polygon layer's
 * scan took 1,000 ms of CPU with the former formulation (`hex()` of each
 * slice, the header length computed three times), 270 ms with this one.
 *
 * @module
 */

function hex(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join("")
    .toUpperCase();
}

/**
 * The blob shapes the direct path takes, as upper-case hex: each allowed
 * GeoPackage flags byte (standard, not empty, an envelope of 0–4, either
 * byte order) with its header length; the ISO WKB heads (byte order and
 * type) of (Multi)Point/LineString/Polygon with Z/M or not; of them the
 * type codes of points (which have no count of parts).
 */
export const GPKG_BLOB_SHAPES: {
  flags: Record<string, number>;
  heads: string[];
  pointTypes: string[];
} = { flags: {}, heads: [], pointTypes: [] };
for (const [code, size] of [[0, 0], [1, 32], [2, 48], [3, 48], [4, 64]]) {
  for (const order of [0, 1]) {
    GPKG_BLOB_SHAPES.flags[hex([(code << 1) | order])] = 8 + size;
  }
}
for (const base of [1, 2, 3, 4, 5, 6]) {
  for (const dims of [0, 1000, 2000, 3000]) {
    const t = base + dims;
    GPKG_BLOB_SHAPES.heads.push(hex([1, t & 255, t >> 8, 0, 0]));
    GPKG_BLOB_SHAPES.heads.push(hex([0, 0, 0, t >> 8, t & 255]));
    if (base === 1) {
      GPKG_BLOB_SHAPES.pointTypes.push(hex([t & 255, t >> 8, 0, 0]));
      GPKG_BLOB_SHAPES.pointTypes.push(hex([0, 0, t >> 8, t & 255]));
    }
  }
}

const blobs = (list: string[]) => list.map((h) => `X'${h}'`).join(", ");
// A head's type bytes are a point's exactly when the head is one of the
// point heads: a little-endian head's type starts with a non-zero byte, a
// big-endian one's with two zeros, so no type of one order is a point type
// of the other.
const POINT_HEADS = GPKG_BLOB_SHAPES.heads.filter((h) =>
  GPKG_BLOB_SHAPES.pointTypes.includes(h.slice(2))
);
const MULTI_HEADS = GPKG_BLOB_SHAPES.heads.filter((h) =>
  !POINT_HEADS.includes(h)
);

/**
 * SQL that is true for a value of column `g` (an SQL identifier) that is
 * not NULL and not a geometry blob the direct path parses: not a
 * GeoPackage blob of version 0 with an allowed flags byte, not a WKB head
 * above, or a line, polygon or multi-geometry without parts (an empty one).
 *
 * Per row: the magic, version and flags as one 4-byte slice compared
 * against the ten allowed (each fixing the header length, so no length is
 * computed), then the WKB head against the lines', polygons' and
 * multi-geometries' heads and, only when it is one, the count of parts.
 *
 * @example
 * ```ts ignore
 * db.prepare(`SELECT 1 FROM t WHERE ${gpkgBadGeometry('"geom"')} LIMIT 1`);
 * ```
 */
export function gpkgBadGeometry(g: string): string {
  const multi = blobs(MULTI_HEADS);
  const points = blobs(POINT_HEADS);
  const after = (header: number) =>
    `CASE WHEN substr(${g}, ${header + 1}, 5) IN (${multi}) ` +
    `THEN substr(${g}, ${header + 6}, 4) = X'00000000' ` +
    `ELSE substr(${g}, ${header + 1}, 5) NOT IN (${points}) END`;
  const cases = Object.entries(GPKG_BLOB_SHAPES.flags).map(([flags, n]) =>
    `WHEN X'475000${flags}' THEN ${after(n)}`
  ).join(" ");
  return `${g} IS NOT NULL AND CASE substr(${g}, 1, 4) ${cases} ELSE 1 END`;
}
