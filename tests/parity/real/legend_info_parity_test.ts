/**
 * Legend parity with QGIS on real projects: the legend runner on the
 * `kind: "legend"` cases of `legend_info/cases.json` against the legend
 * QGIS 3.22 draws for them as the upstream worker does. The figure is
 * mismatched pixels (pixelmatch 0.2, AA counted) as a share of the legend's
 * pixels (both images padded to the larger size when they differ).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  parseJobInfo,
  type QslJobInfoLegend,
} from "@qgis-server-light/interface";
import { legendRunner } from "../../../worker/runners/legend.ts";
import { comparePadded, referenceContext } from "../parity.ts";
import {
  caseDataRoot,
  realCases,
  realParity,
  realTest,
  withExportedStyles,
} from "./real.ts";

const PREFIX = "legend_info";
const DIR = fileURLToPath(new URL(`./${PREFIX}/`, import.meta.url));

// cases whose jobs carry the styles our exporter writes for the project
// (QGIS's exportNamedStyle cannot write a plugin's renderer it did not load)
const EXPORTED = new Set(["legend_plugin_renderer_default_symbol"]);

async function legendParity(name: string, bound: number): Promise<void> {
  const c = realCases(PREFIX).find((x) => x.name === name)!;
  const info = parseJobInfo(
    await Deno.readTextFile(join(DIR, `${name}.job.json`)),
  ) as QslJobInfoLegend;
  const root = caseDataRoot(PREFIX, c);
  if (EXPORTED.has(name)) {
    const project = (c as unknown as { project: string }).project;
    await withExportedStyles(info.job.layers, root, project);
  }
  const ctx = referenceContext(root);
  ctx.limits = { maxWidth: 8192, maxHeight: 8192, maxLayers: 100 };
  const out = await legendRunner(info, ctx);
  const r = await comparePadded(
    out.data as Uint8Array,
    await Deno.readFile(join(DIR, `${name}.qgis.png`)),
    `real/${PREFIX}/${name}`,
    bound,
  );
  const share = 100 * r.mismatched / r.total;
  console.log(
    `legend parity real/${PREFIX}/${name}: ${r.mismatched} mismatched of ${r.total} (${
      share.toFixed(2)
    } %)${r.sizes}`,
  );
  if (share > bound) {
    throw new Error(
      `${name}: ${
        share.toFixed(2)
      } % of the legend's pixels mismatched > ${bound} % (diff: ${r.diffPath})`,
    );
  }
}

const CASES: [string, number, string][] = [
  ["legend_extents", 1, "categorized polygons, 47 classes"],
  ["legend_john_snow", 1, "points and a 256-class paletted raster, titles"],
  ["legend_no_data", 1, "three pseudocolour rasters, titles"],
  ["legend_forest_graduated", 1, "graduated polygons, a QGIS 2.2 style"],
  ["legend_rules", 1, "rule-based and graduated polygons, QGIS 1.8 styles"],
  ["legend_landuse", 1, "categorized polygons, a QGIS 2.0 style"],
  ["legend_roads_levels", 1, "categorized lines and a single fill, 300 px"],
  ["legend_twi", 1, "a pseudocolour ramp, a QGIS 2.14 style"],
  ["legend_default_symbols", 1, "layers without style: QGIS's default symbols"],
  ["legend_bees_fields", 1, "pattern fills, an outline data-defined on $id"],
  ["legend_fill_colour_expression", 1, "a fill colour data-defined on a field"],
  ["legend_line_patterns_scaled", 1, "line pattern fills, drawn at 0.75"],
  [
    "legend_dense_pattern_scaled",
    1,
    "a Qt dense brush pattern (Dense4), drawn at 0.75: scaled and smoothed",
  ],
  // the legend translates the painter to the patch: the pattern starts there
  [
    "legend_dense_pattern_patch_origin",
    1,
    "a Qt dense brush pattern (Dense3) from the patch's corner, at 0.75",
  ],
  ["legend_ligatures", 1, "a label with ff, fi, fl, ffi and ffl ligatures"],
  ["legend_marker_centres", 1, "2 mm circles: a patch of 7 px, centred at 3"],
  ["legend_fill_outline_lines", 1, "a fill symbol of two line layers"],
  ["legend_marker_line_vector", 1, "a marker line's circles, drawn as vectors"],
  ["legend_svg_vector", 1, "SVG markers, drawn as vectors"],
  // QGIS's legend draws symbols sized in metres at scale as empty patches
  ["legend_own_metres_points_4326", 1, "a marker in metres, EPSG:4326"],
  ["legend_own_metres_lines_4326", 1, "a line in metres, EPSG:4326"],
  ["legend_own_metres_points_2056", 1, "a marker in metres, EPSG:2056"],
  ["legend_own_metres_lines_2056", 1, "a line in metres, EPSG:2056"],
  ["legend_own_metres_points_4326_scale", 1, "a marker in metres, a scale"],
  ["legend_own_metres_lines_2056_scale", 1, "a line in metres, a scale"],
  // 2.02 %: the outline's markers 0.0035 px apart, where QGIS's leave a
  // speckle ours blend away (18.76 % when metres were metres here)
  ["legend_own_metres_zones_2056", 3, "a width, interval, spacing in metres"],
  // a renderer's lone unlabelled row is embedded: labelled with the layer
  ["legend_own_one_unlabelled_rule", 1, "a lone rule without a label"],
  ["legend_own_one_labelled_rule", 1, "a lone rule with a label"],
  ["legend_own_two_unlabelled_rules", 1, "two rules without labels"],
  ["legend_own_one_unlabelled_category", 1, "a lone category, no label"],
  // a patch draws without the symbol scope: @symbol_color is NULL there
  ["legend_own_symbol_color_outline", 1, "an outline of @symbol_color"],
  // QgsLegendRenderer draws nested rules' rows unindented, at every level
  [
    "legend_own_nested_rules",
    1,
    "nested rules, parents with and without symbols",
  ],
  [
    "legend_diagrams",
    1,
    "our data: diagram categories after a single symbol (polygons, points)",
  ],
  [
    "legend_diagram_size_legends",
    1,
    "our data: diagrams' size legends, collapsed and separated",
  ],
  [
    "legend_size_assistant_separated",
    1,
    "a marker's size assistant: its size legend's pretty breaks",
  ],
  // a geometry generator in painter units: a line or fill sub-symbol drawn
  // on the expression's result for the patch, a marker at its centre
  [
    "legend_generator_units",
    1,
    "our data: geometry generators in millimetres, inches, points, pixels",
  ],
  // QGIS without the plugin lists the default renderer the layer keeps
  [
    "legend_plugin_renderer_default_symbol",
    1,
    "a plugin's BivariateRenderer: the default fill symbol, our colour",
  ],
];

for (const [name, bound, what] of CASES) {
  Deno.test(realTest(
    PREFIX,
    name,
    `legend, ${what}, ≤ ${bound} %`,
    () => legendParity(name, bound),
  ));
}

// a map, not a legend: the own/virtual layer's categories are of a virtual
// field (drew nothing before virtual fields were computed on the map)
Deno.test(realTest(
  PREFIX,
  "render_own_virtual_class",
  "map, a renderer classifying by a virtual field, 0 pixels",
  async () => {
    await realParity(PREFIX, "render_own_virtual_class", 0);
  },
));

// a map of a Shapefile without .prj the project declares EPSG:4326, on an
// EPSG:3857 map (drew nothing before the job carried the project's CRS: the
// degrees were taken as metres, off the map)
Deno.test(realTest(
  PREFIX,
  "render_deleon_no_prj",
  "map, a layer in the CRS its project declares over its data's, 0 pixels",
  async () => {
    await realParity(PREFIX, "render_deleon_no_prj", 0);
  },
));

// a GeoTIFF without a CRS of its own, declared EPSG:2056 by its project, on
// an EPSG:3857 map (drawn unprojected, off the map, before the job carried
// the project's CRS)
Deno.test(realTest(
  PREFIX,
  "render_own_nocrs_raster",
  "map, a raster in the CRS its project declares, 0 pixels",
  async () => {
    await realParity(PREFIX, "render_own_nocrs_raster", 0);
  },
));
