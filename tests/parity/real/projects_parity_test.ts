/**
 * Parity with QGIS on whole maps of real public projects (the layers and
 * styles as the project has them), one case per cause we found and fixed
 * there; see `projects/cases.json` and `make_references.py`.
 *
 * @module
 */
import { realParity, realTest } from "./real.ts";

// Mismatched pixels allowed per case (pixelmatch, threshold 0.2, AA counted).
const CASES: [name: string, limit: number, what: string][] = [
  [
    "crs_ed50",
    0,
    "QGIS-Training-Data crs.qgs: an ED50 / UTM 30N layer in EPSG:4326 through QGIS's datum operation (ED50 to WGS 84 (1), not PROJ's per-point (28))",
  ],
];

for (const [name, limit, what] of CASES) {
  Deno.test(realTest(
    "projects",
    name,
    `≤ ${limit.toLocaleString("en")} mismatched pixels; ${what}`,
    () => realParity("projects", name, limit),
  ));
}
