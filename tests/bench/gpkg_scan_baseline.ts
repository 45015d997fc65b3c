/**
 * The baseline of the GeoPackage qualifying scan (`_gpkg_check.ts`): its
 * former formulation, `hex()` of each slice of the blob and the header
 * length computed wherever it is used. The tests check the current SQL
 * gives the same answer row by row; `bench:big` times both in one run.
 *
 * @module
 */
import { GPKG_BLOB_SHAPES } from "../../worker/sources/ogr/_gpkg_check.ts";

/**
 * The former SQL that is true for a value of column `g` the direct path
 * does not parse.
 *
 * @example
 * ```ts ignore
 * db.prepare(`SELECT 1 FROM t WHERE ${baselineBadGeometry('"geom"')} LIMIT 1`);
 * ```
 */
export function baselineBadGeometry(g: string): string {
  const { flags: FLAGS, heads: WKB_HEADS, pointTypes: POINT_TYPES } =
    GPKG_BLOB_SHAPES;
  const flags = `hex(substr(${g}, 4, 1))`;
  const header = `CASE ${flags} ${
    Object.entries(FLAGS).map(([f, n]) => `WHEN '${f}' THEN ${n}`).join(" ")
  } END`;
  const heads = WKB_HEADS.map((h) => `'${h}'`).join(", ");
  return `${g} IS NOT NULL AND (substr(${g}, 1, 3) <> X'475000' OR ${header} IS NULL OR ` +
    `hex(substr(${g}, ${header} + 1, 5)) NOT IN (${heads}) OR ` +
    // a line, polygon or multi-geometry without parts is an empty one
    `(hex(substr(${g}, ${header} + 2, 4)) NOT IN (${
      POINT_TYPES.map((t) => `'${t}'`).join(", ")
    }) AND ` +
    `substr(${g}, ${header} + 6, 4) = X'00000000'))`;
}
